// The Subscriptions view: the subscription history (orders), newest first, grouped by year, filtered by
// type and date range from the title bar (the filter is remembered), paged with "Load more"; each order
// leads to its invoice and can copy its id.
import * as vscode from 'vscode';
import type { AccountController } from '../connections/accountController';
import { Commands, ContextKeys, StateKeys, Views } from '../constants';
import { describeError } from '../commands/runCommand';
import type { OrderQuery } from '../core/account/source';
import type { Clock } from '../core/common/clock';
import { hasKind, NotConnectedError } from '../core/account/errors';
import { formatDate, formatMoney } from '../core/common/format';
import type { Order, OrderStatus, OrderType } from '../core/account/model';
import { formatAge } from '../core/common/format';
import { type AccountStore, failureOutcome, type RefreshOutcome } from '../core/account/store';
import { StoreTreeView } from './storeTreeView';
import { toDisposable } from '../common/lifecycle';
import { md, type ViewNode } from './treeModel';

export type DateRange = 'all' | 'last12Months' | 'thisYear' | 'lastYear' | 'custom';

export interface OrderFilter {
  readonly types: readonly OrderType[];
  readonly range: DateRange;
  /** For `custom`: inclusive months, "YYYY-MM". */
  readonly from?: string;
  readonly to?: string;
}

export const NO_FILTER: OrderFilter = { types: [], range: 'all' };
const PAGE_SIZE = 20;
const ORDER_TYPES: readonly OrderType[] = ['buy', 'renew', 'upgrade'];
const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

export function orderTypeLabel(type: OrderType): string {
  switch (type) {
    case 'buy':
      return vscode.l10n.t('Purchase');
    case 'renew':
      return vscode.l10n.t('Renewal');
    case 'upgrade':
      return vscode.l10n.t('Upgrade');
    case 'other':
      return vscode.l10n.t('Other');
  }
}

/** An order's type; one this version has no name for (a refund, a downgrade) in the backend's word. */
function orderTypeText(order: Order): string {
  return order.type === 'other' && order.rawType ? vscode.l10n.t('Other ({0})', order.rawType) : orderTypeLabel(order.type);
}

/** An order's amount; the backend may send none readable, which is never shown as 0. */
function orderAmountText(order: Order): string {
  return order.amount ? formatMoney(order.amount) : vscode.l10n.t('amount unavailable');
}

export function orderStatusLabel(status: OrderStatus): string {
  switch (status) {
    case 'paid':
      return vscode.l10n.t('Paid');
    case 'unpaid':
      return vscode.l10n.t('Unpaid');
    case 'cancelled':
      return vscode.l10n.t('Cancelled');
    case 'refunded':
      return vscode.l10n.t('Refunded');
    case 'other':
      return vscode.l10n.t('Other');
  }
}

function rangeLabel(filter: OrderFilter): string {
  switch (filter.range) {
    case 'all':
      return vscode.l10n.t('All dates');
    case 'last12Months':
      return vscode.l10n.t('Last 12 months');
    case 'thisYear':
      return vscode.l10n.t('This year');
    case 'lastYear':
      return vscode.l10n.t('Last year');
    case 'custom':
      return `${filter.from ?? '…'} – ${filter.to ?? '…'}`;
  }
}

/** A persisted filter, checked: anything unreadable is no filter. */
export function readFilter(value: unknown): OrderFilter {
  const v = value as Partial<OrderFilter> | undefined;
  if (typeof v !== 'object' || v === null || !Array.isArray(v.types)) {
    return NO_FILTER;
  }
  const types = v.types.filter((t): t is OrderType => (ORDER_TYPES as readonly unknown[]).includes(t));
  const ranges: readonly DateRange[] = ['all', 'last12Months', 'thisYear', 'lastYear', 'custom'];
  const range = ranges.includes(v.range as DateRange) ? (v.range as DateRange) : 'all';
  if (range === 'custom') {
    return typeof v.from === 'string' && MONTH.test(v.from) && typeof v.to === 'string' && MONTH.test(v.to) && v.from <= v.to ? { types, range, from: v.from, to: v.to } : { types, range: 'all' };
  }
  return { types, range };
}

/** The query bounds (local time, as the console filters) for a filter at `now`. */
export function filterBounds(filter: OrderFilter, now: number): { from?: number; to?: number } {
  const today = new Date(now);
  const year = today.getFullYear();
  switch (filter.range) {
    case 'all':
      return {};
    case 'last12Months':
      return { from: new Date(year - 1, today.getMonth(), today.getDate()).getTime() };
    case 'thisYear':
      return { from: new Date(year, 0, 1).getTime() };
    case 'lastYear':
      return { from: new Date(year - 1, 0, 1).getTime(), to: new Date(year, 0, 1).getTime() - 1 };
    case 'custom': {
      const [fy, fm] = (filter.from ?? '1970-01').split('-').map(Number);
      const [ty, tm] = (filter.to ?? '9999-12').split('-').map(Number);
      return { from: new Date(fy ?? 1970, (fm ?? 1) - 1, 1).getTime(), to: new Date(ty ?? 9999, tm ?? 12, 1).getTime() - 1 };
    }
  }
}

export class SubscriptionsView extends StoreTreeView {
  private orders: Order[] = [];
  /** Orders the account sent that could not be read (no id or no time), across the pages shown. */
  private dropped = 0;
  private next: string | undefined;
  private loaded = false;
  private loading = false;
  private error: unknown;
  /** Which read failed: the first page (the orders shown, if any, are then stale) or the next one. */
  private failed: 'first' | 'more' | undefined;
  /** When the first page shown was fetched. */
  private fetchedAt: number | undefined;
  /** Retries the failed read on the controller's ticks while the view shows. */
  private retry: vscode.Disposable | undefined;
  private filter: OrderFilter;
  private generation = 0;

  constructor(
    private readonly store: AccountStore,
    controller: AccountController,
    clock: Clock,
    private readonly state: vscode.Memento,
  ) {
    super(Views.subscriptions, controller, clock, []);
    this.filter = readFilter(state.get(StateKeys.subscriptionsFilter));
    this.register(store.onDidChangeRouter(() => this.reload()));
    // The same account's orders asked for again (Refresh): what is shown stays until the new page is in.
    this.register(
      store.onDidInvalidate((feature) => {
        if (feature === 'orders') {
          this.reload(true);
        }
      }),
    );
    this.register(toDisposable(() => this.stopRetrying()));
    this.showFilter();
    this.start();
  }

  protected override onVisible(): void {
    if ((!this.loaded || this.error !== undefined) && !this.loading) {
      void this.load(this.failed === 'more');
    }
  }

  protected override onHidden(): void {
    this.stopRetrying();
  }

  /**
   * Loads the first page again if the view is visible. With `keep` (the same account and filter), the
   * orders shown stay until it arrives, and stay, marked stale, if it fails; otherwise they go at once.
   */
  reload(keep = false): void {
    this.generation++;
    this.stopRetrying();
    // A hidden view loads when shown again: nothing is kept for it to show stale meanwhile.
    if (!keep || !this.loaded || !this.treeView.visible) {
      this.orders = [];
      this.dropped = 0;
      this.next = undefined;
      this.loaded = false;
      this.fetchedAt = undefined;
    }
    this.loading = false;
    this.error = undefined;
    this.failed = undefined;
    this.update();
    if (this.treeView.visible) {
      void this.load(false);
    }
  }

  private stopRetrying(): void {
    this.retry?.dispose();
    this.retry = undefined;
  }

  private query(cursor: string | undefined): OrderQuery {
    return { ...filterBounds(this.filter, this.clock.now()), ...(this.filter.types.length > 0 ? { types: this.filter.types } : {}), pageSize: PAGE_SIZE, ...(cursor ? { cursor } : {}) };
  }

  /**
   * Loads the first page (replacing what is shown), or the next one with `more`. A failure is shown in
   * the view and retried on the controller's ticks, so the view recovers by itself.
   */
  async load(more: boolean): Promise<RefreshOutcome> {
    if (this.loading || (more && !this.next)) {
      return { ok: true };
    }
    const generation = this.generation;
    const query = this.query(more ? this.next : undefined);
    this.loading = true;
    this.update();
    try {
      const result = await this.store.query('orders', JSON.stringify(query), (source, options) => {
        if (!source.listOrders) {
          throw new NotConnectedError('No connected account serves orders.', 'orders');
        }
        return source.listOrders(query, options);
      });
      if (generation !== this.generation) {
        return { ok: true };
      }
      if (more) {
        const known = new Set(this.orders.map((o) => o.id));
        this.orders = [...this.orders, ...result.value.items.filter((o) => !known.has(o.id))];
        this.dropped += result.value.dropped ?? 0;
      } else {
        this.orders = [...result.value.items];
        this.dropped = result.value.dropped ?? 0;
        this.fetchedAt = result.fetchedAt;
      }
      this.next = result.value.next;
      this.loaded = true;
      this.error = undefined;
      this.failed = undefined;
      this.stopRetrying();
      return { ok: true };
    } catch (error) {
      if (generation !== this.generation) {
        return { ok: true };
      }
      this.error = error;
      this.failed = more ? 'more' : 'first';
      const outcome = failureOutcome(error);
      if (this.treeView.visible && !hasKind(error, 'notConnected')) {
        this.retry ??= this.controller.retryUntilLoaded(() => this.load(more), outcome);
      }
      return outcome;
    } finally {
      if (generation === this.generation) {
        this.loading = false;
        this.update();
      }
    }
  }

  private showFilter(): void {
    const filtered = this.filter.types.length > 0 || this.filter.range !== 'all';
    this.treeView.description = filtered
      ? [this.filter.types.length > 0 ? this.filter.types.map(orderTypeLabel).join(', ') : undefined, this.filter.range !== 'all' ? rangeLabel(this.filter) : undefined].filter(Boolean).join(' · ')
      : undefined;
    void vscode.commands.executeCommand('setContext', ContextKeys.subscriptionsFiltered, filtered);
  }

  async setFilter(filter: OrderFilter): Promise<void> {
    this.filter = readFilter(filter);
    await this.state.update(StateKeys.subscriptionsFilter, this.filter);
    this.showFilter();
    this.reload();
  }

  get currentFilter(): OrderFilter {
    return this.filter;
  }

  /** The title bar's filter: order types (multi-select), then a date range. */
  async pickFilter(): Promise<void> {
    const typeItems = ORDER_TYPES.map((type) => ({ label: orderTypeLabel(type), type, picked: this.filter.types.includes(type) }));
    const types = await vscode.window.showQuickPick(typeItems, {
      canPickMany: true,
      title: vscode.l10n.t('Filter subscription history (1/2): order types'),
      placeHolder: vscode.l10n.t('Choose the order types to show; none chosen shows all'),
    });
    if (!types) {
      return;
    }
    const ranges: { label: string; range: DateRange }[] = (['all', 'last12Months', 'thisYear', 'lastYear', 'custom'] as const).map((range) => ({
      label: range === 'custom' ? vscode.l10n.t('Custom months…') : rangeLabel({ types: [], range }),
      range,
    }));
    const range = await vscode.window.showQuickPick(ranges, { title: vscode.l10n.t('Filter subscription history (2/2): dates') });
    if (!range) {
      return;
    }
    let custom: { from: string; to: string } | undefined;
    if (range.range === 'custom') {
      const value = await vscode.window.showInputBox({
        title: vscode.l10n.t('Custom months'),
        prompt: vscode.l10n.t('From and to month, e.g. 2026-01 2026-06'),
        value: this.filter.from && this.filter.to ? `${this.filter.from} ${this.filter.to}` : '',
        validateInput: (text) => {
          const [from, to] = text.trim().split(/\s+|\s*[–-]{1,2}\s*(?=\d{4}-)/);
          return from && to && MONTH.test(from) && MONTH.test(to) && from <= to ? undefined : vscode.l10n.t('Enter two months as YYYY-MM, the earlier first.');
        },
      });
      if (value === undefined) {
        return;
      }
      const [from = '', to = ''] = value.trim().split(/\s+|\s*[–-]{1,2}\s*(?=\d{4}-)/);
      custom = { from, to };
    }
    await this.setFilter({ types: types.map((t) => t.type), range: range.range, ...(custom ?? {}) });
  }

  protected build(): { nodes: readonly ViewNode[]; message?: string } {
    const routerSource = this.store.router.sourceFor('orders');
    if (!routerSource && !this.store.router.connecting) {
      return { nodes: [], message: vscode.l10n.t('Sign in to Qwen Cloud to see your subscription history.') };
    }
    let message: string | undefined;
    if (this.error !== undefined) {
      message =
        this.orders.length === 0
          ? vscode.l10n.t('Could not load the subscription history: {0} Use Refresh to try again.', describeError(this.error))
          : this.failed === 'first' && this.fetchedAt !== undefined
            ? vscode.l10n.t('Showing data from {0}: the last refresh failed ({1})', formatAge(Math.max(0, this.clock.now() - this.fetchedAt)), describeError(this.error))
            : vscode.l10n.t('Could not load more: {0}', describeError(this.error));
    } else if (!this.loaded) {
      message = vscode.l10n.t('Loading…');
    } else if (this.orders.length === 0) {
      message = this.filter.types.length > 0 || this.filter.range !== 'all' ? vscode.l10n.t('No orders match the filter.') : vscode.l10n.t('No subscription orders yet.');
    }
    const years = new Map<number, Order[]>();
    for (const order of [...this.orders].sort((a, b) => b.createdAt - a.createdAt)) {
      const year = new Date(order.createdAt).getFullYear();
      const list = years.get(year) ?? [];
      list.push(order);
      years.set(year, list);
    }
    const newest = Math.max(...years.keys());
    const nodes: ViewNode[] = [...years].map(([year, orders]) => ({
      id: `year:${year}`,
      label: String(year),
      description: vscode.l10n.t('{0} orders', orders.length),
      icon: 'calendar',
      expanded: year === newest,
      children: orders.map((o) => this.orderNode(o)),
    }));
    if (this.dropped > 0) {
      // Said, not hidden: a row the account sent that this version cannot place (no id, or no date).
      nodes.push({
        id: 'unreadable',
        label: vscode.l10n.t('Orders that could not be read: {0}', this.dropped),
        description: vscode.l10n.t('see them in the console'),
        tooltip: md(vscode.l10n.t('Qwen Cloud sent orders without an id or a date, which this view cannot place. The console lists every order.')),
        icon: 'warning',
        command: { command: Commands.openConsole, title: vscode.l10n.t('Open Console'), arguments: ['billing'] },
      });
    }
    if (this.next) {
      nodes.push({
        id: 'more',
        label: this.loading ? vscode.l10n.t('Loading…') : vscode.l10n.t('Load more'),
        icon: this.loading ? 'loading~spin' : 'ellipsis',
        command: { command: Commands.loadMoreOrders, title: vscode.l10n.t('Load more') },
      });
    }
    return { nodes, ...(message ? { message } : {}) };
  }

  /** Nodes of the orders shown, built once: Load more redraws the whole list, and it can hold thousands. */
  private readonly orderNodes = new WeakMap<Order, ViewNode>();

  private orderNode(order: Order): ViewNode {
    let node = this.orderNodes.get(order);
    if (!node) {
      node = this.buildOrderNode(order);
      this.orderNodes.set(order, node);
    }
    return node;
  }

  private buildOrderNode(order: Order): ViewNode {
    const hasInvoice = order.status === 'paid';
    return {
      id: `order:${order.id}`,
      label: `${formatDate(order.createdAt)} · ${orderTypeText(order)}`,
      description: `${order.plan} · ${orderAmountText(order)} · ${orderStatusLabel(order.status)}`,
      tooltip: [
        `**${md(orderTypeText(order))}** · ${md(order.plan)}`,
        '',
        md(vscode.l10n.t('Order {0}', order.id)),
        '',
        md(`${orderAmountText(order)} · ${orderStatusLabel(order.status)} · ${new Date(order.createdAt).toLocaleString()}`),
      ].join('\n'),
      icon: order.status === 'paid' ? 'pass' : order.status === 'cancelled' ? 'circle-slash' : 'circle-large-outline',
      contextValue: hasInvoice ? 'order.invoice' : 'order',
    };
  }

  /** The order behind a node from this view, or undefined. */
  orderOf(node: unknown): Order | undefined {
    const id = typeof node === 'object' && node !== null && 'id' in node && typeof node.id === 'string' ? node.id : undefined;
    return id?.startsWith('order:') ? this.orders.find((o) => `order:${o.id}` === id) : undefined;
  }

  async openInvoice(order: Order): Promise<void> {
    const result = await this.store.query('orders', `invoiceUrl:${order.id}`, async (source, options) => source.getOrderInvoiceUrl?.(order.id, options));
    if (result.value) {
      await vscode.env.openExternal(vscode.Uri.parse(result.value));
      return;
    }
    const download = vscode.l10n.t('Download…');
    const choice = await vscode.window.showInformationMessage(vscode.l10n.t('This invoice has no online page. Download it instead?'), download);
    if (choice === download) {
      await this.downloadInvoice(order);
    }
  }

  async downloadInvoice(order: Order): Promise<void> {
    const target = await vscode.window.showSaveDialog({
      title: vscode.l10n.t('Save the invoice of order {0}', order.id),
      defaultUri: vscode.Uri.joinPath(vscode.workspace.workspaceFolders?.[0]?.uri ?? vscode.Uri.file(process.cwd()), `invoice-${order.id}.pdf`),
      filters: { PDF: ['pdf'] },
    });
    if (target) {
      await this.saveInvoice(order, target);
    }
  }

  /** Downloads the order's invoice into `target`; returns whether there was one. */
  async saveInvoice(order: Order, target: vscode.Uri): Promise<boolean> {
    const bytes = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Downloading the invoice…') }, async () =>
      (await this.store.query('orders', `invoice:${order.id}`, async (source, options) => source.downloadInvoice?.(order.id, options), { maxAgeMs: 0 })).value,
    );
    if (!bytes) {
      void vscode.window.showWarningMessage(vscode.l10n.t('Order {0} has no invoice to download.', order.id));
      return false;
    }
    await vscode.workspace.fs.writeFile(target, bytes);
    const reveal = vscode.l10n.t('Reveal');
    void vscode.window.showInformationMessage(vscode.l10n.t('Invoice saved to {0}.', target.fsPath), reveal).then((choice) => {
      if (choice === reveal) {
        void vscode.commands.executeCommand('revealFileInOS', target);
      }
    });
    return true;
  }
}
