// The key the user marked as the one they use themselves: deleting it is called out. Kept per user in
// global state (an id, not a secret).
import type * as vscode from 'vscode';
import { StateKeys } from '../constants';

export class MyKey {
  constructor(private readonly state: vscode.Memento) {}

  get id(): string | undefined {
    const id = this.state.get<unknown>(StateKeys.myApiKeyId);
    return typeof id === 'string' ? id : undefined;
  }

  async set(id: string | undefined): Promise<void> {
    await this.state.update(StateKeys.myApiKeyId, id);
  }
}
