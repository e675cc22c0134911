// CSV for the spending panel's export: the itemised list or the chart's series. Quoting follows RFC 4180
// (csv-stringify), amounts are plain numbers a spreadsheet sums, and text that a spreadsheet would run as a
// formula (a model or key name starting with "=", "+", "-" or "@") is neutralised.
import * as l10n from '@vscode/l10n';
import { stringify } from 'csv-stringify/sync';
import type { SpendingSeries } from './account';
import { LINE_ITEM_COLUMNS, type LineItemRow, columnTitle } from './lineItemTable';

/** A number as a spreadsheet reads it: decimal point, no grouping, no exponent, at most 6 decimals. */
export function csvNumber(value: number): string {
  if (!Number.isFinite(value)) {
    return '';
  }
  const fixed = value.toFixed(6).replace(/\.?0+$/, '');
  return fixed === '-0' ? '0' : fixed;
}

type Cell = string | number;

function toCsv(records: readonly (readonly Cell[])[]): string {
  return stringify(
    records.map((r) => [...r]),
    {
      // A byte-order mark, so spreadsheets read names in any language as UTF-8.
      bom: true,
      record_delimiter: 'windows',
      quote_record_delimiter: true,
      escape_formulas: true,
      // The formula guard looks only at text, so negative amounts stay numbers.
      cast: { number: csvNumber },
    },
  );
}

/** Every row, with a header; usage and amount are numbers, their unit and currency in columns of their own. */
export function lineItemsCsv(rows: Iterable<LineItemRow>): string {
  const header: Cell[] = LINE_ITEM_COLUMNS.map(columnTitle);
  header.splice(LINE_ITEM_COLUMNS.indexOf('usage') + 1, 0, l10n.t('Usage unit'));
  header.splice(LINE_ITEM_COLUMNS.indexOf('amount') + 2, 0, l10n.t('Currency'));
  const records: Cell[][] = [header];
  for (const row of rows) {
    records.push([
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
    ]);
  }
  return toCsv(records);
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
