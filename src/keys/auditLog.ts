// A local record of what was done to API keys: when, which key (id and masked value), what, and how it
// ended. Written to the output channel and appended to a JSON Lines file in the extension's global
// storage (one append per entry, so concurrent records and other windows lose none; past 1 MiB the
// file is rotated, keeping one old file). Never the key itself: the masked value is all the backend ever shows.
import * as vscode from 'vscode';
import type { Logger } from '../core/common/logger';
import { redact } from '../core/common/redact';
import type { ApiKey } from '../core/account/model';
import { appendLine, readLines } from './appendLog';

/** Past this size the audit file is rotated to `api-key-audit.1.jsonl`. */
const MAX_AUDIT_FILE_BYTES = 1024 * 1024;

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
      // The global storage folder is always on the local disk (a file Uri), so node:fs can append to it.
      await appendLine(this.file.fsPath, JSON.stringify(entry), MAX_AUDIT_FILE_BYTES);
    } catch (error) {
      this.log.error('Could not write the API key audit file', error);
    }
    return entry;
  }

  /** Every entry still kept, oldest first (the rotated file's, then the current file's). */
  async entries(): Promise<AuditEntry[]> {
    const lines = await readLines(this.file.fsPath);
    return lines.flatMap((line) => {
      try {
        return [JSON.parse(line) as AuditEntry];
      } catch {
        return [];
      }
    });
  }
}
