import * as vscode from 'vscode';
import type { Logger } from '../core/common/logger';
import { redact, redactKnown } from '../core/common/redact';

function describe(error: unknown): string {
  if (error instanceof Error) {
    return `${error.name}: ${error.message}`;
  }
  return typeof error === 'string' ? error : JSON.stringify(error) ?? typeof error;
}

/**
 * The extension's one log: a LogOutputChannel, with every line passed through redaction first.
 * `addSecret` registers a value (a token, an AccessKey secret) to mask wherever it would appear.
 */
export class OutputLogger implements Logger, vscode.Disposable {
  readonly channel: vscode.LogOutputChannel;
  private readonly secrets = new Set<string>();

  constructor(name: string) {
    this.channel = vscode.window.createOutputChannel(name, { log: true });
  }

  addSecret(value: string): void {
    if (value.length >= 4) {
      this.secrets.add(value);
    }
  }

  private clean(text: string): string {
    return this.secrets.size > 0 ? redactKnown(text, this.secrets) : redact(text);
  }

  trace(message: string): void {
    this.channel.trace(this.clean(message));
  }
  debug(message: string): void {
    this.channel.debug(this.clean(message));
  }
  info(message: string): void {
    this.channel.info(this.clean(message));
  }
  warn(message: string): void {
    this.channel.warn(this.clean(message));
  }
  error(message: string, error?: unknown): void {
    const detail = error === undefined ? '' : `: ${describe(error)}`;
    this.channel.error(this.clean(message + detail));
  }

  show(): void {
    this.channel.show(true);
  }

  dispose(): void {
    this.channel.dispose();
  }
}
