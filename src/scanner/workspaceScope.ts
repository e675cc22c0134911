// Which workspace files the scanner reads, as far as known: each folder's .gitignore rules (loaded by the
// workspace scan) and, per file, whether it is in scope once that was asked.
import * as vscode from 'vscode';
import { fileInScope, type GitignoreRules } from './workspaceFiles';

export class WorkspaceScope {
  private readonly gitignores = new Map<string, GitignoreRules>();
  private readonly inScope = new Map<string, boolean>();

  /** Whether a file is in scope (not excluded by settings or .gitignore); undefined until asked. */
  known(uri: vscode.Uri): boolean | undefined {
    return this.inScope.get(uri.toString());
  }

  /** Whether the loaded .gitignore rules of the file's folder exclude it. */
  isIgnored(uri: vscode.Uri): boolean {
    return this.rulesFor(uri)?.ignores(uri.fsPath) ?? false;
  }

  /** Whether a file is in scope: what is known, or else asked and remembered. */
  async check(uri: vscode.Uri): Promise<boolean> {
    const inScope = this.known(uri) ?? (await fileInScope(uri, this.rulesFor(uri)));
    this.inScope.set(uri.toString(), inScope);
    return inScope;
  }

  /** Whether a file is in scope, asked afresh (it changed on disk) and remembered. */
  async recheck(uri: vscode.Uri): Promise<boolean> {
    const inScope = await fileInScope(uri, this.rulesFor(uri));
    this.inScope.set(uri.toString(), inScope);
    return inScope;
  }

  setGitignore(folder: vscode.WorkspaceFolder, rules: GitignoreRules): void {
    this.gitignores.set(folder.uri.toString(), rules);
  }

  /** After a workspace scan listed its files: exactly those are in scope (exclusions may have changed). */
  resetTo(uris: readonly vscode.Uri[]): void {
    this.inScope.clear();
    for (const uri of uris) {
      this.inScope.set(uri.toString(), true);
    }
  }

  private rulesFor(uri: vscode.Uri): GitignoreRules | undefined {
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    return folder ? this.gitignores.get(folder.uri.toString()) : undefined;
  }
}
