// The itemised list as the spending panel shows it: the console's columns, sorting and paging. The host
// sorts and pages the whole filtered set (tens of thousands of rows) and sends the webview one page.
import * as l10n from '@vscode/l10n';
import type { AccountSource, CallOptions, LineItemQuery } from '../account/source';
import type { LineItem } from '../account/model';

/** One record with display names resolved: what a row of the list (and of the CSV) holds. */
export interface LineItemRow {
  readonly id: string;
  readonly billingDate: string;
  readonly billingMonth: string;
  readonly productionStep: string;
  readonly jobId: string;
  readonly model: string;
  readonly usage: number;
  readonly unit: string;
  readonly amount: number;
  readonly currency: string;
  readonly workspace: string;
  readonly apiKey: string;
  readonly lineItem: string;
}

export type LineItemColumn =
  | 'billingDate'
  | 'billingMonth'
  | 'productionStep'
  | 'jobId'
  | 'model'
  | 'usage'
  | 'amount'
  | 'workspace'
  | 'apiKey'
  | 'lineItem';

/** The console's columns, in its order, with the billing date first because records are daily. */
export const LINE_ITEM_COLUMNS: readonly LineItemColumn[] = [
  'billingDate',
  'billingMonth',
  'productionStep',
  'jobId',
  'model',
  'usage',
  'amount',
  'workspace',
  'apiKey',
  'lineItem',
];

export const NUMERIC_COLUMNS: ReadonlySet<LineItemColumn> = new Set<LineItemColumn>(['usage', 'amount']);

export type SortDirection = 'asc' | 'desc';

export interface LineItemSort {
  readonly column: LineItemColumn;
  readonly direction: SortDirection;
}

export function columnTitle(column: LineItemColumn): string {
  switch (column) {
    case 'billingDate':
      return l10n.t('Billing date');
    case 'billingMonth':
      return l10n.t('Billing month');
    case 'productionStep':
      return l10n.t('Production step');
    case 'jobId':
      return l10n.t('Job ID');
    case 'model':
      return l10n.t('Model');
    case 'usage':
      return l10n.t('Usage');
    case 'amount':
      return l10n.t('Amount');
    case 'workspace':
      return l10n.t('Workspace');
    case 'apiKey':
      return l10n.t('API key');
    case 'lineItem':
      return l10n.t('Line item');
  }
}

export interface RowNames {
  /** A workspace's display name, or undefined to show its id. */
  workspace(id: string): string | undefined;
  /** An API key's display name, or undefined to show its id. */
  apiKey(id: string): string | undefined;
}

export function toRow(item: LineItem, names: RowNames): LineItemRow {
  return {
    id: item.id,
    billingDate: item.billingDate,
    billingMonth: item.billingMonth,
    productionStep: item.productionStep,
    jobId: item.jobId ?? '',
    model: item.model,
    usage: item.usage.quantity,
    unit: item.usage.unit,
    amount: item.amount,
    currency: item.currency,
    workspace: names.workspace(item.workspaceId) ?? item.workspaceId,
    apiKey: item.apiKeyId === undefined || item.apiKeyId === '' ? '' : (names.apiKey(item.apiKeyId) ?? item.apiKeyId),
    lineItem: item.lineItem,
  };
}

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

function compare(a: LineItemRow, b: LineItemRow, column: LineItemColumn): number {
  if (column === 'usage' || column === 'amount') {
    return a[column] - b[column];
  }
  return collator.compare(a[column], b[column]);
}

/**
 * Sorts a copy of the rows by one column. Ties keep a fixed order (newest date, then id), so paging
 * through a sorted list never shows a row twice or skips one.
 */
export function sortRows(rows: readonly LineItemRow[], sort: LineItemSort): LineItemRow[] {
  const sign = sort.direction === 'asc' ? 1 : -1;
  return [...rows].sort(
    (a, b) => sign * compare(a, b, sort.column) || b.billingDate.localeCompare(a.billingDate) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
}

/** Rows per page in the list; the CSV export takes every row. */
export const PAGE_SIZE = 100;

export interface RowPage {
  readonly rows: readonly LineItemRow[];
  /** 0-based, clamped to the pages that exist. */
  readonly page: number;
  readonly pageCount: number;
  readonly total: number;
}

export function pageOf(rows: readonly LineItemRow[], page: number, pageSize = PAGE_SIZE): RowPage {
  const pageCount = Math.max(1, Math.ceil(rows.length / pageSize));
  const clamped = Math.min(Math.max(0, Number.isInteger(page) ? page : 0), pageCount - 1);
  return { rows: rows.slice(clamped * pageSize, (clamped + 1) * pageSize), page: clamped, pageCount, total: rows.length };
}

/** The most records the list holds for one range: beyond it, the user is asked to narrow the range. */
export const MAX_LIST_ROWS = 100_000;
/** Records asked for per request while collecting a range. */
const FETCH_PAGE_SIZE = 1000;

/**
 * Every record in the range, page after page, up to `MAX_LIST_ROWS`: sorting by any column needs them
 * all. `truncated` says the range held more. A filter the backend cannot apply (API key, production
 * step, workspace) is applied to each page as it comes, so reading stops after `maxScanned` records
 * too: one key over a year of a 500-key account would otherwise read every record of the year (over
 * a thousand requests) to keep a few thousand. `onProgress` hears how many records were read after
 * each page, for a panel to show while a large range loads.
 */
export async function collectLineItems(
  source: AccountSource,
  query: Omit<LineItemQuery, 'cursor' | 'pageSize'>,
  options: CallOptions,
  maxRows = MAX_LIST_ROWS,
  maxScanned = maxRows,
  onProgress?: (read: number) => void,
): Promise<{ items: LineItem[]; truncated: boolean }> {
  if (!source.listLineItems) {
    throw new Error('The source serves line items without listLineItems.');
  }
  const items: LineItem[] = [];
  let scanned = 0;
  let cursor: string | undefined;
  do {
    const page = await source.listLineItems({ ...query, pageSize: FETCH_PAGE_SIZE, ...(cursor !== undefined ? { cursor } : {}) }, options);
    items.push(...page.items);
    scanned += page.scanned ?? page.items.length;
    onProgress?.(scanned);
    if (page.next !== undefined && page.next === cursor) {
      // A source that hands back the same cursor would never finish.
      break;
    }
    cursor = page.next;
  } while (cursor !== undefined && items.length < maxRows && scanned < maxScanned);
  return { items: items.slice(0, maxRows), truncated: cursor !== undefined || items.length > maxRows };
}
