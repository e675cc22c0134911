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

  /**
   * A workspace scan starts over: exclusions may have changed, so what is in scope is what it reads, each
   * file marked with inScopeNow() as the scan reaches it (not all at once: a large tree would hold up the
   * extension host). A file the scan has not reached yet is asked about as if never seen.
   */
  restart(): void {
    this.inScope.clear();
  }

  /** The workspace scan has reached this file (its URI as a string). */
  inScopeNow(key: string): void {
    this.inScope.set(key, true);
  }

  private rulesFor(uri: vscode.Uri): GitignoreRules | undefined {
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    return folder ? this.gitignores.get(folder.uri.toString()) : undefined;
  }
}
