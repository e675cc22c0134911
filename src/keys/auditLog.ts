// A local record of what was done to API keys: when, which key (id and masked value), what, and how it
// ended. Written to the output channel and appended to a JSON Lines file in the extension's global
// storage. Never the key itself: the masked value is all the backend ever shows.
import * as vscode from 'vscode';
import type { Logger } from '../core/common/logger';
import { redact } from '../core/common/redact';
import type { ApiKey } from '../core/account/model';

export type KeyAction = 'disable' | 'enable' | 'delete';
export type KeyActionResult = 'succeeded' | 'failed' | 'cancelled';

export interface AuditEntry {
  readonly at: string;
  readonly action: KeyAction;
  readonly keyId: string;
  readonly maskedValue: string;
  readonly description: string;
  readonly workspaceId: string;
  readonly account: string;
  readonly result: KeyActionResult;
  readonly detail?: string;
}

export class KeyAuditLog {
  constructor(
    private readonly storage: vscode.Uri,
    private readonly log: Logger,
  ) {}

  get file(): vscode.Uri {
    return vscode.Uri.joinPath(this.storage, 'api-key-audit.jsonl');
  }

  async record(key: ApiKey, action: KeyAction, result: KeyActionResult, account: string, detail?: string): Promise<AuditEntry> {
    const entry: AuditEntry = {
      at: new Date().toISOString(),
      action,
      keyId: key.id,
      maskedValue: redact(key.maskedValue),
      description: key.description,
      workspaceId: key.workspaceId,
      account,
      result,
      ...(detail ? { detail: redact(detail) } : {}),
    };
    this.log.info(`API key audit: ${entry.action} ${entry.keyId} (${entry.maskedValue}, ${entry.description || 'no description'}) on ${account}: ${entry.result}${entry.detail ? ` (${entry.detail})` : ''}`);
    try {
      await vscode.workspace.fs.createDirectory(this.storage);
      let previous: Uint8Array = new Uint8Array();
      try {
        previous = await vscode.workspace.fs.readFile(this.file);
      } catch {
        // first entry
      }
      const line = new TextEncoder().encode(`${JSON.stringify(entry)}\n`);
      const next = new Uint8Array(previous.length + line.length);
      next.set(previous);
      next.set(line, previous.length);
      await vscode.workspace.fs.writeFile(this.file, next);
    } catch (error) {
      this.log.error('Could not write the API key audit file', error);
    }
    return entry;
  }

  async entries(): Promise<AuditEntry[]> {
    try {
      const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(this.file));
      return text
        .split('\n')
        .filter((line) => line.trim().length > 0)
        .flatMap((line) => {
          try {
            return [JSON.parse(line) as AuditEntry];
          } catch {
            return [];
          }
        });
    } catch {
      return [];
    }
  }
}
