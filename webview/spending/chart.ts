// The stacked bar chart, drawn by Chart.js in the theme's own chart colours. Only the pieces a bar chart
// needs are registered, so the bundle stays small.
import * as l10n from '@vscode/l10n';
import { BarController, BarElement, CategoryScale, Chart, type ChartConfiguration, Legend, LinearScale, Tooltip } from 'chart.js';
import type { SpendingSeries } from '../../src/core/account/source';
import { OTHER_GROUP_KEY } from '../../src/core/spending/spending';
import { cssVar, isHighContrast, uiLocale } from '../common/host';
import { count, formatAmount, periodLabel } from './format';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Tooltip, Legend);

/** VS Code's chart colours first (they are tuned per theme), then two terminal colours for groups 7 and 8. */
const PALETTE: readonly (readonly [string, string])[] = [
  ['--vscode-charts-blue', '#3794ff'],
  ['--vscode-charts-orange', '#d18616'],
  ['--vscode-charts-green', '#89d185'],
  ['--vscode-charts-purple', '#b180d7'],
  ['--vscode-charts-red', '#f14c4c'],
  ['--vscode-charts-yellow', '#cca700'],
  ['--vscode-terminal-ansiCyan', '#11a8cd'],
  ['--vscode-terminal-ansiMagenta', '#bc3fbc'],
];

/** What a stacked chart draws: periods with their parts per group, and the groups in legend order. */
export type StackedSeries = Pick<SpendingSeries, 'periods' | 'totals'>;

/** How the chart writes its values: money for spending, counts for model usage. */
export interface ValueFormat {
  /** Axis ticks, short. */
  readonly axis: (value: number) => string;
  /** A value in the hover. */
  readonly value: (value: number) => string;
  /** A period's total in the hover. */
  readonly total: (value: number) => string;
}

export function moneyFormat(currency: string): ValueFormat {
  return { axis: (n) => formatAmount(n, currency, 0), value: (n) => formatAmount(n, currency, 4), total: (n) => formatAmount(n, currency) };
}

export function countFormat(): ValueFormat {
  return { axis: (n) => new Intl.NumberFormat(uiLocale(), { notation: 'compact', maximumFractionDigits: 1 }).format(n), value: count, total: count };
}

function colours(): { text: string; grid: string; other: string; border: string | undefined; hover: { bg: string; fg: string; border: string }; groups: string[] } {
  const hc = isHighContrast();
  return {
    text: cssVar('--vscode-charts-foreground', cssVar('--vscode-foreground', '#cccccc')),
    grid: cssVar('--vscode-charts-lines', 'rgba(128,128,128,0.35)'),
    other: cssVar('--vscode-descriptionForeground', '#999999'),
    border: hc ? cssVar('--vscode-contrastBorder', '#6fc3df') : undefined,
    hover: {
      bg: cssVar('--vscode-editorHoverWidget-background', '#252526'),
      fg: cssVar('--vscode-editorHoverWidget-foreground', '#cccccc'),
      border: cssVar('--vscode-editorHoverWidget-border', '#454545'),
    },
    groups: PALETTE.map(([name, fallback]) => cssVar(name, fallback)),
  };
}

function config(series: StackedSeries, format: ValueFormat): ChartConfiguration<'bar', number[], string> {
  const c = colours();
  const font = { family: cssVar('--vscode-font-family', 'sans-serif'), size: Number.parseInt(cssVar('--vscode-font-size', '13'), 10) || 13 };
  const datasets = series.totals.map((group, i) => {
    const amounts = new Map<string, number>();
    for (const p of series.periods) {
      const part = p.parts.find((x) => x.key === group.key);
      amounts.set(p.period, part ? part.amount : 0);
    }
    const colour = group.key === OTHER_GROUP_KEY ? c.other : (c.groups[i % c.groups.length] ?? c.other);
    return {
      label: group.name || l10n.t('(none)'),
      data: series.periods.map((p) => amounts.get(p.period) ?? 0),
      backgroundColor: colour,
      borderColor: c.border ?? colour,
      borderWidth: c.border ? 1 : 0,
      stack: 'spend',
    };
  });
  return {
    type: 'bar',
    data: { labels: series.periods.map((p) => periodLabel(p.period)), datasets },
    options: {
      animation: false,
      responsive: true,
      maintainAspectRatio: false,
      color: c.text,
      font,
      interaction: { mode: 'index', intersect: false },
      scales: {
        x: { stacked: true, ticks: { color: c.text, font, maxRotation: 0, autoSkip: true }, grid: { display: false }, border: { color: c.grid } },
        y: {
          stacked: true,
          beginAtZero: true,
          ticks: { color: c.text, font, callback: (value) => format.axis(Number(value)) },
          grid: { color: c.grid },
          border: { color: c.grid },
        },
      },
      plugins: {
        legend: { position: 'bottom', labels: { color: c.text, font, boxWidth: 12, boxHeight: 12 } },
        tooltip: {
          backgroundColor: c.hover.bg,
          titleColor: c.hover.fg,
          bodyColor: c.hover.fg,
          footerColor: c.hover.fg,
          borderColor: c.hover.border,
          borderWidth: 1,
          titleFont: font,
          bodyFont: font,
          footerFont: { ...font, weight: 'bold' },
          filter: (item) => item.parsed.y !== 0,
          itemSort: (a, b) => (b.parsed.y ?? 0) - (a.parsed.y ?? 0),
          callbacks: {
            label: (item) => `${item.dataset.label ?? ''}: ${format.value(item.parsed.y ?? 0)}`,
            footer: (items) => {
              const period = series.periods[items[0]?.dataIndex ?? -1];
              return period ? l10n.t('Total: {0}', format.total(period.total)) : '';
            },
          },
        },
      },
    },
  };
}

/** Keeps one Chart.js instance on a canvas, recreating it when the canvas is replaced. */
export class SpendingChart {
  private chart: Chart<'bar', number[], string> | undefined;
  private shown: { readonly series: StackedSeries; readonly format: ValueFormat } | undefined;

  show(canvas: HTMLCanvasElement, series: StackedSeries, format: ValueFormat): void {
    this.shown = { series, format };
    if (this.chart && this.chart.canvas !== canvas) {
      this.destroy();
    }
    const next = config(series, format);
    if (this.chart) {
      this.chart.config.data = next.data;
      this.chart.options = next.options ?? {};
      this.chart.update();
    } else {
      this.chart = new Chart(canvas, next);
    }
  }

  /** New theme, new colours. */
  restyle(): void {
    if (this.chart && this.shown) {
      this.show(this.chart.canvas, this.shown.series, this.shown.format);
    }
  }

  destroy(): void {
    this.chart?.destroy();
    this.chart = undefined;
  }

  /** The chart as a PNG on the editor's background, so it stays legible wherever it is pasted. */
  async toPng(): Promise<Blob | undefined> {
    const source = this.chart?.canvas;
    if (!source) {
      return undefined;
    }
    const copy = document.createElement('canvas');
    copy.width = source.width;
    copy.height = source.height;
    const ctx = copy.getContext('2d');
    if (!ctx) {
      return undefined;
    }
    ctx.fillStyle = cssVar('--vscode-editor-background', '#1e1e1e');
    ctx.fillRect(0, 0, copy.width, copy.height);
    ctx.drawImage(source, 0, 0);
    return new Promise((resolve) => copy.toBlob((blob) => resolve(blob ?? undefined), 'image/png'));
  }
}
