// CSV for the spending panel's export: the itemised list or the chart's series. Quoting follows RFC 4180
// (csv-stringify), amounts are plain numbers a spreadsheet sums, and text that a spreadsheet would run as a
// formula (a model or key name starting with "=", "+", "-" or "@") is neutralised.
import * as l10n from '@vscode/l10n';
import { stringify } from 'csv-stringify/sync';
import type { SpendingSeries } from '../account/source';
import { LINE_ITEM_COLUMNS, type LineItemRow, columnTitle } from './lineItemTable';
import type { ModelUsage } from './modelUsage';

/** A number as a spreadsheet reads it: decimal point, no grouping, no exponent, at most 6 decimals. */
export function csvNumber(value: number): string {
  if (!Number.isFinite(value)) {
    return '';
  }
  const fixed = value.toFixed(6).replace(/\.?0+$/, '');
  return fixed === '-0' ? '0' : fixed;
}

type Cell = string | number;

function toCsv(records: readonly (readonly Cell[])[], bom = true): string {
  return stringify(
    records.map((r) => [...r]),
    {
      // A byte-order mark, so spreadsheets read names in any language as UTF-8.
      bom,
      record_delimiter: 'windows',
      quote_record_delimiter: true,
      escape_formulas: true,
      // The formula guard looks only at text, so negative amounts stay numbers.
      cast: { number: csvNumber },
    },
  );
}

/** Rows per piece of `lineItemsCsvParts`: small enough that writing 100,000 rows never blocks for long. */
const PART_ROWS = 2000;

/**
 * The list's CSV in pieces (header first), so the host can yield between them: the whole of a
 * 100,000-row export takes seconds. Usage and amount are numbers; unit and currency have columns.
 */
export function* lineItemsCsvParts(rows: readonly LineItemRow[]): Generator<string> {
  const header: Cell[] = LINE_ITEM_COLUMNS.map(columnTitle);
  header.splice(LINE_ITEM_COLUMNS.indexOf('usage') + 1, 0, l10n.t('Usage unit'));
  header.splice(LINE_ITEM_COLUMNS.indexOf('amount') + 2, 0, l10n.t('Currency'));
  yield toCsv([header]);
  for (let start = 0; start < rows.length; start += PART_ROWS) {
    yield toCsv(rows.slice(start, start + PART_ROWS).map(lineItemRecord), false);
  }
}

/** Every row, with a header, in one string. */
export function lineItemsCsv(rows: readonly LineItemRow[]): string {
  return [...lineItemsCsvParts(rows)].join('');
}

function lineItemRecord(row: LineItemRow): Cell[] {
  return [
    row.billingDate,
    row.billingMonth,
    row.productionStep,
    row.jobId,
    row.model,
    row.usage,
    row.unit,
    row.amount,
    row.currency,
    row.workspace,
    row.apiKey,
    row.lineItem,
  ];
}

/** The chart as a table: one row per period, one column per group, then the period's total. */
export function seriesCsv(series: SpendingSeries): string {
  const groups = series.totals;
  const header: Cell[] = [l10n.t('Period'), ...groups.map((g) => g.name), l10n.t('Total ({0})', series.currency)];
  const records: Cell[][] = [header];
  for (const period of series.periods) {
    const amounts = new Map(period.parts.map((p) => [p.key, p.amount]));
    records.push([period.period, ...groups.map((g) => amounts.get(g.key) ?? 0), period.total]);
  }
  return toCsv(records);
}

/**
 * Model usage as a long table, one row per period and model with calls, tokens and spend: the shape a
 * pivot table takes. Counts the records do not report are left empty rather than written as 0.
 */
export function modelUsageCsv(usage: ModelUsage): string {
  const header: Cell[] = [
    l10n.t('Period'),
    l10n.t('Model'),
    l10n.t('Calls'),
    l10n.t('Input tokens'),
    l10n.t('Output tokens'),
    l10n.t('Amount ({0})', usage.currency),
  ];
  const records: Cell[][] = [header];
  const { calls, tokens } = usage.reported;
  for (const period of usage.periods) {
    for (const m of period.models) {
      records.push([period.period, m.name, calls ? m.calls : '', tokens ? m.inputTokens : '', tokens ? m.outputTokens : '', m.amount]);
    }
  }
  return toCsv(records);
}
