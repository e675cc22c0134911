// The agents' answers: the figures the status bar shows, the data's age and origin, and the task-fit verdicts.
import * as assert from 'node:assert/strict';
import { DAY_MS, HOUR_MS, MINUTE_MS } from '../../../../src/core/common/calendar';
import type { CodingPlan, MonthSpend, QuotaWindow, TokenPlan, UsageLimit, UsageSample } from '../../../../src/core/account/model';
import { AGENT_DATA_VERSION, type AgentData, isAgentData } from '../../../../src/core/agents/agentData';
import { AgentToolNames, answerTool, quotaAnswer, spendAnswer, taskFitAnswer, topSpendersAnswer } from '../../../../src/core/agents/agentAnswers';
import { DEFAULT_THRESHOLDS } from '../../../../src/core/quota/thresholds';
import type { UsageSamples } from '../../../../src/core/quota/quotaMeter';

const NOW = Date.parse('2026-11-26T06:30:00Z');
const ACCOUNT = { kind: 'qwenCloud', label: 'dev@example.com' } as const;
const DEMO = { kind: 'demo', label: 'Demo' } as const;

const w = (kind: QuotaWindow['kind'], used: number, total: number, resetsAt: number): QuotaWindow => ({ kind, used, total, resetsAt });

function coding(fiveHourUsed: number, weeklyUsed = 5000): CodingPlan {
  return {
    instanceId: 'sfm-1',
    tier: 'pro',
    rawType: 'pro',
    status: 'valid',
    rawStatus: 'VALID',
    windows: {
      fiveHour: w('fiveHour', fiveHourUsed, 6000, NOW + 72 * MINUTE_MS),
      weekly: w('weekly', weeklyUsed, 45000, NOW + 3 * DAY_MS),
      monthly: w('monthly', 9000, 90000, NOW + 14 * DAY_MS),
    },
  };
}

function steady(used: number, perHour: number): UsageSamples {
  const samples: UsageSample[] = Array.from({ length: 13 }, (_, i) => ({ at: NOW - (12 - i) * 5 * MINUTE_MS, used: Math.round(used - (perHour * (12 - i)) / 12) }));
  return { fiveHour: samples };
}

const SPEND: MonthSpend = { month: '2026-11', total: { amount: 40, currency: 'USD' }, daily: [] };
const LIMIT: UsageLimit = { enabled: true, amount: { amount: 50, currency: 'USD' }, alertThreshold: 80, emails: [] };

function data(plans: AgentData['plans']['value'], extra: Partial<AgentData> = {}, source: typeof ACCOUNT | typeof DEMO = ACCOUNT): AgentData {
  return {
    version: AGENT_DATA_VERSION,
    takenAt: NOW,
    plans: { ...(plans !== undefined ? { value: plans, fetchedAt: NOW - 2 * MINUTE_MS, source } : {}), loading: false, unavailable: false },
    samples: {},
    spend: { value: SPEND, fetchedAt: NOW - 5 * MINUTE_MS, source, loading: false, unavailable: false },
    limit: { value: LIMIT, fetchedAt: NOW - 5 * MINUTE_MS, source, loading: false, unavailable: false },
    thresholds: DEFAULT_THRESHOLDS,
    ...extra,
  };
}

describe('the agents\' answers', () => {
  it('give each window as the status bar does, with its reset, its forecast, the data\'s age and origin', () => {
    const text = quotaAnswer(data({ coding: coding(2520) }), NOW, { locale: 'en-US' });
    assert.match(text, /^Qwen Cloud quota: Coding Plan Pro \(Active\)\./);
    assert.match(text, /Source: the Qwen Cloud account dev@example\.com\. Data fetched 2 min ago, at 2026-11-26T06:28:00\.000Z\./);
    assert.match(text, /- 5-hour window: 42% used \(2,520 of 6,000 requests\), 3,480 left; resets in 1 h 12 min, at .* \(2026-11-26T07:42:00\.000Z\); no pace yet/);
    assert.match(text, /- Weekly window: 11% used \(5,000 of 45,000 requests\)/);
    assert.doesNotMatch(text, /WARNING|demo/i);
  });

  it('say when the data is the demo account\'s', () => {
    const text = quotaAnswer(data({ coding: coding(2520) }, {}, DEMO), NOW);
    assert.match(text, /Source: the demo account\. These are generated figures, not a real account/);
    assert.match(spendAnswer(data(null, {}, DEMO), NOW), /Source: the demo account\./);
  });

  it('warn first when the tightest window runs out within the hour, and say so again when a task fits', () => {
    const d = data({ coding: coding(3600) }, { samples: steady(3600, 3000) });
    const text = quotaAnswer(d, NOW, { locale: 'en-US' });
    // Forecast from when the plan was fetched, 2 min ago, as the status bar does: 2,400 left at 3,000 an hour.
    assert.match(text.split('\n')[2]!, /^WARNING: At the current pace the 5-hour window runs out in 46 min, at .*, before it resets at .* \(in 1 h 12 min\)\. Checkpoint long tasks before then\.$/);
    assert.match(text, /at 3,000 requests an hour \(the last hour's pace\) it runs out at .*\(2026-11-26T07:16:00\.000Z\), 26 min before it resets/);
    const fit = taskFitAnswer(d, { requests: 100 }, NOW, { locale: 'en-US' });
    assert.match(fit, /^YES: a task of about 100 requests fits in what is left now\./);
    assert.match(fit, /But: At the current pace the 5-hour window runs out in 46 min/);
  });

  it('say a task that does not fit, and when it can start: when the last window in its way resets', () => {
    const d = data({ coding: coding(5950, 44980) });
    const fit = taskFitAnswer(d, { requests: 100 }, NOW, { locale: 'en-US' });
    assert.match(fit, /^NO: a task of about 100 requests does not fit before the window resets\./);
    assert.match(fit, /- The 5-hour window has 50 requests left; it resets in 1 h 12 min/);
    assert.match(fit, /- The weekly window has 20 requests left; it resets in 3 d/);
    assert.match(fit, /It can start at .*\(2026-11-29T06:30:00\.000Z\), in 3 d, when the weekly window resets\./);
    assert.match(taskFitAnswer(d, { requests: 7000 }, NOW), /^NO: a task of about 7,000 requests is larger than the 5-hour window allows in one period \(6,000\): split it/);
    assert.match(taskFitAnswer(data({ coding: coding(100) }), {}, NOW), /^No size was given: assuming a complex task of about 30 requests\.\nYES/);
  });

  it('count a Token Plan\'s add-on packs behind its credits, and its seat as a hard stop', () => {
    const token: TokenPlan = {
      edition: 'team',
      tier: 'other',
      rawTier: 'team',
      status: 'valid',
      rawStatus: 'VALID',
      credits: w('credits', 9900, 10000, NOW + 10 * DAY_MS),
      seat: w('seat', 400, 500, NOW + 10 * DAY_MS),
      packs: [{ name: 'pack', total: 1000, remaining: 1000 }],
    };
    const d = data({ token });
    assert.match(taskFitAnswer(d, { credits: 90 }, NOW), /^YES/);
    const no = taskFitAnswer(d, { credits: 200 }, NOW);
    assert.match(no, /^NO: a task of about 200 credits does not fit/);
    assert.match(no, /- The seat's credits has 100 credits left/);
    assert.doesNotMatch(no, /- The credit allowance/);
    assert.match(taskFitAnswer(d, { requests: 10 }, NOW), /no Coding Plan, so requests are not counted/);
    assert.match(quotaAnswer(d, NOW, { locale: 'en-US' }), /- Team credits: 99% used \(9,900 of 10,000 credits\)/);
  });

  it('give the month\'s spend against the limit with the projection', () => {
    const text = spendAnswer(data(null), NOW, { locale: 'en-US' });
    assert.match(text, /^Qwen Cloud pay-as-you-go spend for November 2026: \$40\.00 so far \(USD\)\./);
    assert.match(text, /Data fetched 5 min ago/);
    // 40 over 25.6 days: 1.56 a day, 46.87 by the 30th: past the threshold (40), under the limit.
    assert.match(text, /At this month's daily pace \(\$1\.56 a day\) the month ends at about \$46\.87\./);
    assert.match(text, /Monthly limit: \$50\.00; 80% used; the alert threshold is 80% \(\$40\.00\)\.\nPast the alert threshold\./);
    assert.match(spendAnswer(data(null, { limit: { value: null, loading: false, unavailable: false } }), NOW), /No monthly spending limit is set\./);
  });

  it('list the month\'s top models and keys, or say they are not available', () => {
    const tops = { month: '2026-11', models: [{ key: 'qwen3-coder-plus', name: 'qwen3-coder-plus', amount: 30 }, { key: 'qwen-max', name: 'qwen-max', amount: 10 }], apiKeys: [{ key: '', name: '', amount: 40 }] };
    const text = topSpendersAnswer(data(null, { tops }), NOW, { locale: 'en-US' });
    assert.match(text, /Top models:\n1\. qwen3-coder-plus: \$30\.00 \(75%\)\n2\. qwen-max: \$10\.00 \(25%\)\nTop API keys:\n1\. No API key: \$40\.00 \(100%\)/);
    assert.match(topSpendersAnswer(data(null), NOW), /not available from this account/);
  });

  it('say what is missing rather than guess: loading, signed out, failed', () => {
    assert.match(quotaAnswer(data(undefined, { plans: { loading: true, unavailable: false } }), NOW), /still loading/);
    assert.match(quotaAnswer(data(undefined, { plans: { loading: false, unavailable: true } }), NOW), /not available: no connected account serves it/);
    assert.match(quotaAnswer(data(undefined, { plans: { loading: false, unavailable: false, error: { kind: 'network', message: 'offline' } } }), NOW), /could not be loaded: offline/);
    const stale = data({ coding: coding(10) });
    assert.match(quotaAnswer({ ...stale, plans: { ...stale.plans, error: { kind: 'network', message: 'offline' } } }, NOW), /The last refresh failed \(offline\): these are the last figures that loaded\./);
  });

  it('answer by tool name, and check the channel\'s data', () => {
    const d = data({ coding: coding(2520) });
    assert.equal(answerTool(AgentToolNames.quota, {}, d, NOW), quotaAnswer(d, NOW));
    assert.equal(answerTool('nope', {}, d, NOW), undefined);
    assert.ok(isAgentData(JSON.parse(JSON.stringify(d))));
    assert.equal(isAgentData({ ...d, version: 2 }), false);
    assert.equal(isAgentData({ ...d, plans: null }), false);
    assert.ok(HOUR_MS > 0);
  });
});
