// The Invoices view: one row per month with the amount including tax and where the bill stands; the
// current month's running amount on top, marked as not final. A month opens the spending panel on it.
import * as vscode from 'vscode';
import type { AccountController } from '../connections/accountController';
import { Commands, Views } from '../constants';
import { BILL_HISTORY_MONTHS, SETTLEMENT_DAY } from '../core/spending/bills';
import { addMonths, monthKey } from '../core/common/calendar';
import type { Clock } from '../core/common/clock';
import { formatMoney } from '../core/common/format';
import type { MonthlyBill } from '../core/account/model';
import type { AccountStore } from '../core/account/store';
import { snapshotMessage, sourceLabel } from './viewText';
import { StoreTreeView } from './storeTreeView';
import { md, type ViewNode } from './treeModel';

/** Bills shown before "Show older". */
const FIRST_PAGE = 12;

export function monthLabel(month: string): string {
  const [year, m] = month.split('-').map(Number);
  return new Intl.DateTimeFormat(undefined, { year: 'numeric', month: 'long' }).format(new Date(year ?? 1970, (m ?? 1) - 1, 1));
}

function statusText(bill: MonthlyBill): string {
  switch (bill.status) {
    case 'running':
      return vscode.l10n.t('Running, not final');
    case 'pending':
      return vscode.l10n.t('Closed, settling');
    case 'settled':
      return vscode.l10n.t('Settled');
  }
}

export class InvoicesView extends StoreTreeView {
  private shownCount = FIRST_PAGE;

  constructor(
    private readonly store: AccountStore,
    controller: AccountController,
    clock: Clock,
    /** The command that opens the spending panel on a month (`{ month }`), when there is one. */
    private readonly monthCommand: string | undefined,
  ) {
    super(Views.invoices, controller, clock, ['bills']);
    this.register(
      store.onDidChange((key) => {
        if (key === 'bills') {
          this.update();
        }
      }),
    );
    this.register(store.onDidChangeRouter(() => (this.shownCount = FIRST_PAGE)));
    this.start();
  }

  showOlder(): void {
    this.shownCount += FIRST_PAGE;
    this.update();
  }

  protected build(): { nodes: readonly ViewNode[]; message?: string } {
    const snapshot = this.store.get('bills');
    const message = snapshotMessage(
      snapshot,
      this.clock.now(),
      { unavailable: vscode.l10n.t('Sign in to Qwen Cloud to see your monthly bills.'), none: vscode.l10n.t('No bills yet: usage within the free quota produces no bill.') },
      (bills) => bills.length === 0,
    );
    const bills = [...(snapshot.value ?? [])].sort((a, b) => b.month.localeCompare(a.month));
    const source = sourceLabel(snapshot.source);
    const nodes: ViewNode[] = bills.slice(0, this.shownCount).map((bill) => this.billNode(bill, source));
    if (bills.length > this.shownCount) {
      nodes.push({ id: 'older', label: vscode.l10n.t('Show older months'), description: vscode.l10n.t('{0} more', bills.length - this.shownCount), icon: 'ellipsis', command: { command: Commands.showOlderBills, title: vscode.l10n.t('Show older months') } });
    } else if (bills.length > 0 && (bills.at(-1)?.month ?? '') <= addMonths(monthKey(this.clock.now()), -BILL_HISTORY_MONTHS)) {
      // The list reaches as far back as the view asks: an older account has more, which the console keeps.
      nodes.push({
        id: 'beyond',
        label: vscode.l10n.t('Older bills are in the console'),
        description: vscode.l10n.t('this view lists the last {0} months', BILL_HISTORY_MONTHS),
        icon: 'link-external',
        command: { command: Commands.openBillInConsole, title: vscode.l10n.t('Open in Console') },
      });
    }
    return { nodes, ...(message ? { message } : {}) };
  }

  private billNode(bill: MonthlyBill, source: string | undefined): ViewNode {
    const facts =
      bill.status === 'running'
        ? vscode.l10n.t('Usage can appear a few hours late, and the bill settles early next month (by day {0}).', SETTLEMENT_DAY)
        : bill.status === 'pending'
          ? vscode.l10n.t('The month is closed; the bill settles by day {0}.', SETTLEMENT_DAY)
          : vscode.l10n.t('This bill is final.');
    return {
      id: `bill:${bill.month}`,
      label: monthLabel(bill.month),
      description: `${vscode.l10n.t('{0} incl. tax', formatMoney(bill.total))} · ${statusText(bill)}${source && bill.status === 'running' ? ` · ${source}` : ''}`,
      tooltip: [
        `**${md(monthLabel(bill.month))}** · ${md(statusText(bill))}`,
        '',
        md(vscode.l10n.t('Before tax: {0}', formatMoney(bill.preTax))),
        '',
        md(vscode.l10n.t('Tax: {0}', formatMoney(bill.tax))),
        '',
        md(vscode.l10n.t('Amount incl. tax: {0}', formatMoney(bill.total))),
        '',
        md(facts),
      ].join('\n'),
      icon: bill.status === 'running' ? 'graph-line' : bill.status === 'pending' ? 'clock' : 'file-text',
      contextValue: bill.status === 'running' ? 'bill.running' : 'bill',
      accessibilityLabel: vscode.l10n.t('{0}: {1} including tax, {2}', monthLabel(bill.month), formatMoney(bill.total), statusText(bill)),
      ...(this.monthCommand ? { command: { command: this.monthCommand, title: vscode.l10n.t('Show spending for this month'), arguments: [{ month: bill.month }] } } : {}),
    };
  }
}
