// The panels' commands: the spending panel (from the palette, or from the Invoices view with a month) and
// the spending limit.
import * as vscode from 'vscode';
import { registerCommand } from '../commands/runCommand';
import { Commands } from '../constants';
import type { Logger } from '../core/common/logger';
import type { LimitPanelManager } from './limitPanel';
import { parseShowSpendingArgs, type SpendingPanelManager } from './spendingPanel';

export function registerPanelCommands(spendingPanel: SpendingPanelManager, limitPanel: LimitPanelManager, log: Logger): vscode.Disposable {
  return vscode.Disposable.from(
    // Invoked from the palette with no argument, or by the Invoices view with { month: 'YYYY-MM' }.
    registerCommand(Commands.showSpending, log, async (args?: unknown) => void (await spendingPanel.createOrShow(parseShowSpendingArgs(args)))),
    registerCommand(Commands.showSpendingLimit, log, () => void limitPanel.createOrShow()),
  );
}
