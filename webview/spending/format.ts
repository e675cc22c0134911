// How the spending panel writes figures and names: money, counts, periods, and the chart dimensions.
import * as l10n from '@vscode/l10n';
import type { ChartDimension } from '../../src/shared/spendingProtocol';
import { uiLocale } from '../common/host';

export function formatAmount(amount: number, currency: string, maxDigits = 2): string {
  return new Intl.NumberFormat(uiLocale(), { style: 'currency', currency, minimumFractionDigits: Math.min(2, maxDigits), maximumFractionDigits: maxDigits }).format(amount);
}

export function count(n: number): string {
  return new Intl.NumberFormat(uiLocale()).format(n);
}

/** "Nov 3" for a day, "Nov 2026" for a month. */
export function periodLabel(period: string): string {
  const [y, m, d] = period.split('-').map(Number);
  const date = new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1));
  const options: Intl.DateTimeFormatOptions = d === undefined ? { year: 'numeric', month: 'short', timeZone: 'UTC' } : { month: 'short', day: 'numeric', timeZone: 'UTC' };
  return new Intl.DateTimeFormat(uiLocale(), options).format(date);
}

export function dimensionLabel(d: ChartDimension): string {
  switch (d) {
    case 'productionStep':
      return l10n.t('Production step');
    case 'apiKey':
      return l10n.t('API key');
    case 'model':
      return l10n.t('Model');
  }
}
