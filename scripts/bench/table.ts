// One table for every figure: as aligned text for the terminal, and as Markdown for the README's
// "Performance" section, which `npm run bench -- --readme` rewrites between its two markers.
import type { BenchRow } from './measure';

export interface TableRow extends BenchRow {
  /** The part of the product the figure belongs to. */
  readonly bench: string;
}

export const README_START = '<!-- bench:start (written by npm run bench -- --readme) -->';
export const README_END = '<!-- bench:end -->';

function valueText(row: BenchRow): string {
  return row.unit ? `${row.value} ${row.unit}` : String(row.value);
}

/** Aligned plain text: bench, metric, value (right-aligned), command. */
export function formatTable(rows: readonly TableRow[]): string {
  const width = {
    bench: Math.max(5, ...rows.map((r) => r.bench.length)),
    metric: Math.max(6, ...rows.map((r) => r.metric.length)),
    value: Math.max(5, ...rows.map((r) => valueText(r).length)),
  };
  const line = (bench: string, metric: string, value: string, command: string): string =>
    `${bench.padEnd(width.bench)}  ${metric.padEnd(width.metric)}  ${value.padStart(width.value)}  ${command}`.trimEnd();
  return [line('bench', 'metric', 'value', 'command'), ...rows.map((r) => line(r.bench, r.metric, valueText(r), r.command))].join('\n');
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

/** A Markdown table; commands in code spans (backticks inside them are dropped). */
export function formatMarkdown(rows: readonly TableRow[]): string {
  return [
    '| bench | metric | value | command |',
    '| --- | --- | ---: | --- |',
    ...rows.map((r) => `| ${cell(r.bench)} | ${cell(r.metric)} | ${cell(valueText(r))} | ${r.command ? `\`${cell(r.command.replace(/`/g, ''))}\`` : ''} |`),
  ].join('\n');
}

/**
 * The README with its Performance section's table replaced (the text between the markers). Throws when
 * the markers are missing or out of order, so a run never appends a second table.
 */
export function replaceReadmeTable(readme: string, body: string): string {
  const start = readme.indexOf(README_START);
  const end = readme.indexOf(README_END);
  if (start < 0 || end < start) {
    throw new Error(`README.md needs the markers ${README_START} and ${README_END} in its Performance section`);
  }
  return `${readme.slice(0, start + README_START.length)}\n${body}\n${readme.slice(end)}`;
}
