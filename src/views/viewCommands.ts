// The tree views' commands: the Subscriptions filter and pages, an order's invoice and id, older bills,
// the console pages the views link to, and focusing the plan view.
import * as vscode from 'vscode';
import type { OpenConsole } from '../commands/openConsole';
import { registerCommand } from '../commands/runCommand';
import { Commands, Views } from '../constants';
import type { Logger } from '../core/common/logger';
import type { InvoicesView } from './invoicesView';
import { NO_FILTER, type SubscriptionsView } from './subscriptionsView';

export interface ViewCommandDeps {
  readonly subscriptionsView: SubscriptionsView;
  readonly invoicesView: InvoicesView;
  readonly openConsole: OpenConsole;
  readonly log: Logger;
}

export function registerViewCommands({ subscriptionsView, invoicesView, openConsole, log }: ViewCommandDeps): vscode.Disposable {
  const withOrder = (run: (order: NonNullable<ReturnType<SubscriptionsView['orderOf']>>) => unknown) => (node?: unknown) => {
    const order = subscriptionsView.orderOf(node);
    return order ? run(order) : undefined;
  };
  return vscode.Disposable.from(
    registerCommand(Commands.filterSubscriptions, log, () => subscriptionsView.pickFilter()),
    registerCommand(Commands.clearSubscriptionsFilter, log, () => subscriptionsView.setFilter(NO_FILTER)),
    registerCommand(Commands.loadMoreOrders, log, () => subscriptionsView.load(true)),
    registerCommand(Commands.openInvoice, log, withOrder((order) => subscriptionsView.openInvoice(order))),
    registerCommand(Commands.downloadInvoice, log, withOrder((order) => subscriptionsView.downloadInvoice(order))),
    registerCommand(Commands.copyOrderId, log, withOrder((order) => vscode.env.clipboard.writeText(order.id))),
    registerCommand(Commands.showOlderBills, log, () => invoicesView.showOlder()),
    registerCommand(Commands.openBillInConsole, log, () => openConsole('invoices')),
    registerCommand(Commands.changeAutoRenewal, log, () => openConsole('codingPlan')),
    registerCommand(Commands.openApiKeysConsole, log, () => openConsole('apiKeys')),
    registerCommand(Commands.showCodingPlan, log, () => vscode.commands.executeCommand(`${Views.codingPlan}.focus`)),
  );
}
