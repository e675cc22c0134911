import * as assert from 'node:assert/strict';
import { addDays, eachDate } from '../../../../src/core/common/calendar';
import type { LineItem } from '../../../../src/core/account/model';
import { dailyUse, planFit, requestWindows } from '../../../../src/core/spending/planFit';
import { DEFAULT_PLAN_OFFERS, parsePlanPrices, pricedOffers } from '../../../../src/core/spending/planOffers';

// 2026-11-02 is a Monday.
const FROM = '2026-11-02';
const TO = addDays(FROM, 29);
const LITE = DEFAULT_PLAN_OFFERS.offers[0]?.requests ?? { fiveHour: 0, weekly: 0, monthly: 0 };

let n = 0;
const item = (date: string, calls: number | undefined, amount: number, tokens = 0): LineItem => ({
  id: `r${n++}`,
  billingDate: date,
  billingMonth: date.slice(0, 7),
  productionStep: 'Model inference',
  model: 'qwen3-coder-plus',
  usage: { quantity: tokens, unit: 'tokens' },
  amount,
  currency: 'USD',
  workspaceId: 'ws',
  lineItem: 'Input tokens',
  ...(calls !== undefined ? { calls, inputTokens: tokens } : {}),
});
/** The same calls and spend every day of the range. */
const steady = (callsPerDay: number, amountPerDay: number): LineItem[] => eachDate(FROM, TO).map((d) => item(d, callsPerDay, amountPerDay, 1000));
const offers = pricedOffers(DEFAULT_PLAN_OFFERS, {});

describe('plan fit: the offers table', () => {
  it('names its sources and date, and has no Token Plan price it could not source', () => {
    assert.ok(DEFAULT_PLAN_OFFERS.sources.every((s) => s.startsWith('https://')));
    assert.match(DEFAULT_PLAN_OFFERS.asOf, /^\d{4}-\d{2}-\d{2}$/);
    assert.deepEqual(
      offers.map((o) => [o.id, o.monthlyPrice, o.priceFrom]),
      [
        ['codingPlanLite', 10, 'table'],
        ['codingPlanPro', 50, 'table'],
        ['tokenPlanLite', undefined, 'unknown'],
        ['tokenPlanEssential', undefined, 'unknown'],
        ['tokenPlanStandard', undefined, 'unknown'],
        ['tokenPlanPro', undefined, 'unknown'],
      ],
    );
  });

  it('takes the user\'s prices for known offers only, non-negative numbers only', () => {
    const prices = parsePlanPrices({ tokenPlanLite: 12.5, codingPlanPro: 45, bogus: 3, tokenPlanPro: -1, codingPlanLite: '9' });
    assert.deepEqual(prices, { tokenPlanLite: 12.5, codingPlanPro: 45 });
    assert.deepEqual(parsePlanPrices([1]), {});
    const priced = pricedOffers(DEFAULT_PLAN_OFFERS, prices);
    assert.equal(priced.find((o) => o.id === 'tokenPlanLite')?.priceFrom, 'settings');
    assert.equal(priced.find((o) => o.id === 'codingPlanPro')?.monthlyPrice, 45);
  });
});

describe('plan fit: the maths', () => {
  it('adds the days up, every day of the range', () => {
    const days = dailyUse([item(FROM, 3, 0.5, 10), item(FROM, 2, 0.25, 5), item(addDays(TO, 1), 100, 9)], FROM, addDays(FROM, 2));
    assert.deepEqual(days, [
      { date: FROM, calls: 5, tokens: 15, amount: 0.75 },
      { date: addDays(FROM, 1), calls: 0, tokens: 0, amount: 0 },
      { date: addDays(FROM, 2), calls: 0, tokens: 0, amount: 0 },
    ]);
  });

  it('light use: Lite holds and costs less than the pay-as-you-go bill, Pro holds too but costs more', () => {
    const fit = planFit({ items: steady(300, 1), from: FROM, to: TO, currency: 'USD', offers });
    assert.equal(fit.days, 30);
    assert.equal(fit.paygCost, 30);
    assert.equal(fit.calls, 9000);
    const lite = fit.offers.find((o) => o.id === 'codingPlanLite');
    assert.equal(lite?.cost, 10);
    assert.equal(lite?.quota, 'held');
    assert.deepEqual(lite?.windows?.map((w) => [w.window, w.used, w.verdict]), [
      ['fiveHour', 600, 'held'],
      ['weekly', 2100, 'held'],
      ['monthly', 9000, 'held'],
    ]);
    assert.equal(fit.offers.find((o) => o.id === 'codingPlanPro')?.cost, 50);
    assert.equal(fit.best, 'codingPlanLite');
    assert.equal(fit.offers.find((o) => o.id === 'tokenPlanLite')?.quota, 'unknown');
    assert.equal(fit.offers.find((o) => o.id === 'tokenPlanLite')?.reason, 'noCreditRate');
    assert.equal(fit.offers.find((o) => o.id === 'tokenPlanLite')?.cost, undefined);
  });

  it('heavy use: Lite\'s week runs out, Pro holds and is the best buy', () => {
    const fit = planFit({ items: steady(1500, 10), from: FROM, to: TO, currency: 'USD', offers });
    const lite = fit.offers.find((o) => o.id === 'codingPlanLite');
    assert.equal(lite?.quota, 'exceeded');
    assert.deepEqual(lite?.windows?.map((w) => w.verdict), ['unknown', 'exceeded', 'exceeded']);
    assert.equal(fit.offers.find((o) => o.id === 'codingPlanPro')?.quota, 'held');
    assert.equal(fit.best, 'codingPlanPro');
  });

  it('a trickle: pay-as-you-go is cheapest', () => {
    const fit = planFit({ items: steady(5, 0.1), from: FROM, to: TO, currency: 'USD', offers });
    assert.equal(fit.paygCost, 3);
    assert.equal(fit.best, 'payg');
  });

  it('the 5-hour window from daily figures: held, unknown, exceeded', () => {
    const days = (calls: number[]) => calls.map((c, i) => ({ date: addDays(FROM, i), calls: c, tokens: 0, amount: 0 }));
    const five = (calls: number[]) => requestWindows(days(calls), LITE)[0];
    assert.equal(five([600, 600, 0])?.verdict, 'held', 'two days together within 1,200');
    assert.equal(five([700, 600, 0])?.verdict, 'unknown', 'two days over 1,200 may or may not have shared a window');
    assert.equal(five([6001])?.verdict, 'exceeded', 'a day spans five windows at most');
    assert.equal(five([6000])?.verdict, 'unknown');
  });

  it('weeks are calendar weeks from Monday; a short range scales the month up', () => {
    // Sunday 8 Nov and Monday 9 Nov fall in different weeks.
    const w = requestWindows(
      [addDays(FROM, 6), addDays(FROM, 7)].map((date) => ({ date, calls: 5000, tokens: 0, amount: 0 })),
      LITE,
    );
    assert.equal(w[1]?.used, 5000);
    assert.equal(w[1]?.verdict, 'held');
    assert.equal(w[2]?.used, 150_000, '10,000 calls in two days is 150,000 in thirty');
    assert.equal(w[2]?.verdict, 'exceeded');
  });

  it('without calls in the records, or in another currency, says it cannot tell', () => {
    const noCalls = planFit({ items: eachDate(FROM, TO).map((d) => item(d, undefined, 1)), from: FROM, to: TO, currency: 'USD', offers });
    assert.equal(noCalls.callsReported, false);
    assert.equal(noCalls.offers[0]?.quota, 'unknown');
    assert.equal(noCalls.offers[0]?.reason, 'noCalls');
    const cny = planFit({ items: steady(300, 7), from: FROM, to: TO, currency: 'CNY', offers: pricedOffers(DEFAULT_PLAN_OFFERS, { codingPlanPro: 200 }) });
    assert.equal(cny.offers[0]?.priceFrom, 'otherCurrency');
    assert.equal(cny.offers[0]?.cost, undefined);
    assert.equal(cny.offers[1]?.cost, 200, 'the user\'s own price is in the account\'s currency');
    assert.equal(cny.best, 'codingPlanPro');
  });

  it('prices a 90-day range pro rata', () => {
    const to = addDays(FROM, 89);
    const items = eachDate(FROM, to).map((d) => item(d, 100, 1));
    const fit = planFit({ items, from: FROM, to, currency: 'USD', offers });
    assert.equal(fit.days, 90);
    assert.equal(fit.offers[0]?.cost, 30);
    assert.equal(fit.offers[1]?.cost, 150);
    assert.equal(fit.paygCost, 90);
  });
});
