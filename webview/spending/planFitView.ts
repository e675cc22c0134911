// "Which plan fits", under the model usage: what each offer would have cost over the range shown and
// whether its quota would have held, as a bar chart of the costs (coloured by the quota's verdict) and a
// table with the same figures, and what the comparison assumes. The figures come from core/spending/planFit.
import * as l10n from '@vscode/l10n';
import { html, nothing, type TemplateResult } from 'lit';
import { cssWidth } from '../common/cssWidth';
import type { PlanFitContent } from '../../src/shared/spendingProtocol';
import { count, formatAmount, periodLabel } from './format';

type Offer = PlanFitContent['offers'][number];
type Verdict = Offer['quota'];

function verdictText(verdict: Verdict): string {
  switch (verdict) {
    case 'held':
      return l10n.t('Quota would have held');
    case 'exceeded':
      return l10n.t('Quota would have run out');
    case 'unknown':
      return l10n.t('Quota: cannot tell');
  }
}

const verdictClass = (verdict: Verdict): string => ({ held: 'held', exceeded: 'over', unknown: 'warn' })[verdict];

function windowName(window: 'fiveHour' | 'weekly' | 'monthly'): string {
  switch (window) {
    case 'fiveHour':
      return l10n.t('5 hours');
    case 'weekly':
      return l10n.t('Week');
    case 'monthly':
      return l10n.t('Month');
  }
}

function why(offer: Offer): string {
  switch (offer.reason) {
    case 'noCalls':
      return l10n.t('The records do not report calls, so requests cannot be counted.');
    case 'noCreditRate':
      return l10n.t('Credits per token are not published, so the credits used cannot be counted.');
    case 'windows':
      return (offer.windows ?? [])
        .map((w) => `${windowName(w.window)}: ${count(w.used)} / ${count(w.limit)}${w.verdict === 'unknown' ? ` (${l10n.t('daily figures cannot tell')})` : ''}`)
        .join(' · ');
  }
}

function priceText(offer: Offer, currency: string): string {
  if (offer.priceFrom === 'unknown' || offer.monthlyPrice === undefined) {
    return l10n.t('Price unknown');
  }
  if (offer.priceFrom === 'otherCurrency') {
    return l10n.t('Priced in another currency');
  }
  const price = formatAmount(offer.monthlyPrice, offer.priceFrom === 'settings' ? currency : 'USD');
  return offer.priceFrom === 'settings' ? l10n.t('{0} a month (your price)', price) : l10n.t('{0} a month', price);
}

interface Bar {
  readonly id: string;
  readonly name: string;
  readonly cost?: number;
  readonly verdict: Verdict | 'payg';
  readonly note: string;
}

export function planFitView(fit: PlanFitContent | undefined): TemplateResult | typeof nothing {
  if (!fit) {
    return nothing;
  }
  const money = (n: number): string => formatAmount(n, fit.currency);
  const bars: Bar[] = [
    { id: 'payg', name: l10n.t('Pay-as-you-go'), cost: fit.paygCost, verdict: 'payg', note: l10n.t('What this use was billed') },
    ...fit.offers.map((o): Bar => ({ id: o.id, name: o.name, ...(o.cost !== undefined ? { cost: o.cost } : {}), verdict: o.quota, note: verdictText(o.quota) })),
  ];
  const max = Math.max(0, ...bars.map((b) => b.cost ?? 0));
  const bestName = fit.best === 'payg' ? l10n.t('Pay-as-you-go') : fit.offers.find((o) => o.id === fit.best)?.name;
  const description = l10n.t('Bar chart of what each offer would have cost from {0} to {1}; the table below has the same figures.', periodLabel(fit.from), periodLabel(fit.to));
  return html`<section class="plan-fit" data-testid="plan-fit" aria-labelledby="plan-fit-title">
    <h2 id="plan-fit-title">${l10n.t('Which plan fits')}</h2>
    <p class="muted">
      ${l10n.t('Over these {0} days: {1} calls, {2} tokens, {3} billed pay-as-you-go.', fit.days, fit.callsReported ? count(fit.calls) : '—', count(fit.tokens), money(fit.paygCost))}
    </p>
    ${bestName ? html`<p data-testid="plan-fit-best"><strong>${l10n.t('Cheapest that would have held: {0}', bestName)}</strong></p>` : nothing}
    <div class="plan-bars" role="img" aria-label=${description} data-testid="plan-fit-chart">
      ${bars.map(
        (b) => html`<div class="plan-bar-row">
          <span class="plan-bar-name">${b.name}</span>
          <span class="plan-bar-track">
            ${b.cost === undefined
              ? html`<span class="muted">${l10n.t('Price unknown')}</span>`
              : html`<span class="plan-bar ${b.verdict === 'payg' ? 'payg' : verdictClass(b.verdict)}" ${cssWidth(max > 0 ? Math.max(1, (b.cost / max) * 100) : 1)}></span>`}
          </span>
          <span class="plan-bar-value num">${b.cost === undefined ? '—' : money(b.cost)}</span>
          <span class="plan-bar-note muted">${b.note}</span>
        </div>`,
      )}
    </div>
    <div class="list-box">
      <table class="plan-fit-table" data-testid="plan-fit-table">
        <caption>${l10n.t('What each offer would have cost from {0} to {1}, and whether its quota would have held', periodLabel(fit.from), periodLabel(fit.to))}</caption>
        <thead>
          <tr>
            <th scope="col">${l10n.t('Offer')}</th>
            <th scope="col">${l10n.t('Price')}</th>
            <th scope="col" class="num">${l10n.t('Cost over the range')}</th>
            <th scope="col">${l10n.t('Quota')}</th>
            <th scope="col">${l10n.t('Busiest use against the quota')}</th>
          </tr>
        </thead>
        <tbody>
          <tr>
            <th scope="row">${l10n.t('Pay-as-you-go')}</th>
            <td>${l10n.t('Per use')}</td>
            <td class="num">${money(fit.paygCost)}</td>
            <td>${l10n.t('No quota')}</td>
            <td></td>
          </tr>
          ${fit.offers.map(
            (o) => html`<tr data-offer=${o.id}>
              <th scope="row">${o.name}</th>
              <td>${priceText(o, fit.currency)}</td>
              <td class="num">${o.cost === undefined ? '—' : money(o.cost)}</td>
              <td>${verdictText(o.quota)}</td>
              <td class="muted">${why(o)}</td>
            </tr>`,
          )}
        </tbody>
      </table>
    </div>
    <details class="facts">
      <summary>${l10n.t('What this assumes')}</summary>
      <ul>
        <li>${l10n.t('Plans cost their monthly price pro rata over the range (30-day months). A call counts as one Coding Plan request; a plan counts only coding agents\' requests, with its own models.')}</li>
        <li>${l10n.t('The records are daily: weeks are calendar weeks from Monday, months any 30 days in a row, and the 5-hour window is certain only when two days in a row stay within it.')}</li>
        <li>${l10n.t('Prices and quotas from {0}, checked {1}. Unknown prices can be set in the setting qwenCloud.planFit.prices.', fit.sources.join(', '), fit.asOf)}</li>
      </ul>
    </details>
  </section>`;
}
