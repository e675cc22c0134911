// The demo account as a source: generated from the clock, with the user's own changes to it (keys
// deleted or disabled, the limit set) kept in globalState, and the plans the `demo.plans` setting names.
import type * as vscode from 'vscode';
import { DemoAccount } from '../api/demo/demoAccount';
import { type DemoState, DemoSource, emptyDemoState } from '../api/demo/demoSource';
import type { SettingsService } from '../config/settings';
import { StateKeys } from '../constants';
import type { Clock } from '../core/common/clock';

export function createDemoSource(state: vscode.Memento, clock: Clock, settings: SettingsService): DemoSource {
  return new DemoSource(
    new DemoAccount(),
    clock,
    loadDemoState(state),
    (changed) => void state.update(StateKeys.demoState, changed),
    () => settings.value.demo.plans,
  );
}

function loadDemoState(state: vscode.Memento): DemoState {
  const saved = state.get<DemoState>(StateKeys.demoState);
  return saved && typeof saved === 'object' && Array.isArray(saved.deletedKeys) ? saved : emptyDemoState();
}
