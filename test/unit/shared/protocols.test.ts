import * as assert from 'node:assert/strict';
import { isLimitHostMessage, isLimitWebviewMessage } from '../../../src/shared/limitProtocol';
import { DEFAULT_SPENDING_VIEW, isSpendingHostMessage, isSpendingWebviewMessage } from '../../../src/shared/spendingProtocol';

describe('panel message schemas', () => {
  it('accepts what the spending webview really sends', () => {
    for (const message of [
      { type: 'ready' },
      { type: 'setView', view: DEFAULT_SPENDING_VIEW },
      { type: 'setView', view: { ...DEFAULT_SPENDING_VIEW, range: { preset: 'custom', from: '2026-01-01', to: '2026-01-31' }, filter: { productionStep: [], apiKey: ['k1'], model: ['qwen-plus'] } } },
      { type: 'setView', view: { ...DEFAULT_SPENDING_VIEW, mode: 'usage' } },
      { type: 'setView', view: { ...DEFAULT_SPENDING_VIEW, mode: 'usage', usageMetric: 'outputTokens' } },
      { type: 'refresh' },
      { type: 'exportCsv' },
      { type: 'saveChartImage', dataUrl: 'data:image/png;base64,iVBORw0KGgo=' },
      { type: 'openLimit' },
    ]) {
      assert.equal(isSpendingWebviewMessage(message), true, JSON.stringify(message));
    }
  });

  it('rejects malformed and hostile spending messages', () => {
    const view = DEFAULT_SPENDING_VIEW;
    for (const message of [
      null,
      'ready',
      42,
      [],
      {},
      { type: 'setView' },
      { type: 'setView', view: { ...view, groupBy: 'workspace; rm -rf' } },
      { type: 'setView', view: { ...view, granularity: 'hour' } },
      { type: 'setView', view: { ...view, page: -1 } },
      { type: 'setView', view: { ...view, page: 1.5 } },
      { type: 'setView', view: { ...view, range: { preset: 'custom', from: '2026-01-01T00:00:00Z' } } },
      { type: 'setView', view: { ...view, filter: { ...view.filter, model: [1, 2] } } },
      { type: 'setView', view: { ...view, filter: { ...view.filter, model: Array.from({ length: 501 }, (_, i) => `m${i}`) } } },
      { type: 'setView', view: { ...view, filter: { ...view.filter, model: ['x'.repeat(257)] } } },
      { type: 'setView', view: { ...view, sort: { column: 'constructor', direction: 'asc' } } },
      { type: 'setView', view: { ...view, extra: true } },
      { type: 'setView', view: { ...view, mode: 'analytics' } },
      { type: 'setView', view: { ...view, mode: 'usage', usageMetric: 'amount' } },
      { type: 'setView', view: { ...view, mode: 'usage', usageMetric: null } },
      { type: 'setView', view, __proto__: { polluted: true }, also: 1 },
      { type: 'exportCsv', path: '/etc/passwd' },
      { type: 'saveChartImage', dataUrl: 'data:text/html;base64,PHNjcmlwdD4=' },
      { type: 'saveChartImage', dataUrl: 'data:image/png;base64,<svg onload=alert(1)>' },
      { type: 'saveChartImage', dataUrl: 'https://example.com/chart.png' },
      { type: 'fetch', url: 'https://example.com' },
    ]) {
      assert.equal(isSpendingWebviewMessage(message), false, JSON.stringify(message));
    }
  });

  it('accepts and rejects limit panel messages', () => {
    const form = { enabled: true, amount: '250', alertThreshold: 80, emails: ['dev@example.com'] };
    assert.equal(isLimitWebviewMessage({ type: 'save', form }), true);
    // The schema checks shape; the form's content (a bad amount) is the host's validation to refuse.
    assert.equal(isLimitWebviewMessage({ type: 'save', form: { ...form, amount: 'abc' } }), true);
    for (const message of [
      { type: 'save' },
      { type: 'save', form: { ...form, amount: 250 } },
      { type: 'save', form: { ...form, alertThreshold: '80' } },
      { type: 'save', form: { ...form, alertThreshold: Number.POSITIVE_INFINITY } },
      { type: 'save', form: { ...form, emails: 'dev@example.com' } },
      { type: 'save', form: { ...form, emails: Array.from({ length: 101 }, () => 'a@b.co') } },
      { type: 'save', form: { ...form, amount: '9'.repeat(65) } },
      { type: 'save', form: { ...form, currency: 'EUR' } },
      { type: 'save', form, limit: { amount: 1 } },
      { type: 'delete' },
    ]) {
      assert.equal(isLimitWebviewMessage(message), false, JSON.stringify(message));
    }
  });

  it('checks host messages too, so a webview renders only shapes it knows', () => {
    assert.equal(isSpendingHostMessage({ type: 'notice', level: 'info', message: 'Saved.' }), true);
    assert.equal(isSpendingHostMessage({ type: 'content', view: DEFAULT_SPENDING_VIEW, content: { kind: 'loading' } }), true);
    assert.equal(isSpendingHostMessage({ type: 'content', view: DEFAULT_SPENDING_VIEW, content: { kind: 'chart' } }), false);
    const figures = { calls: 12, inputTokens: 5_000, outputTokens: 900, amount: 0.42, records: 2 };
    const usage = {
      granularity: 'day',
      currency: 'USD',
      periods: [{ period: '2026-11-02', total: figures, models: [{ model: 'qwen-plus', name: 'qwen-plus', ...figures }] }],
      models: [{ model: 'qwen-plus', name: 'qwen-plus', ...figures }],
      total: figures,
      reported: { calls: true, tokens: true },
    };
    const content = { kind: 'usage', range: { from: '2026-11-02', to: '2026-11-02' }, usage, truncated: false, options: { productionStep: [], apiKey: [], model: [] }, fetchedAt: 1 };
    assert.equal(isSpendingHostMessage({ type: 'content', view: { ...DEFAULT_SPENDING_VIEW, mode: 'usage' }, content }), true);
    for (const broken of [
      { ...usage, total: { ...figures, calls: -1 } },
      { ...usage, total: { ...figures, inputTokens: Number.NaN } },
      { ...usage, reported: { calls: 'yes', tokens: true } },
      { ...usage, currency: 'dollars' },
      { ...usage, periods: [{ period: '2026-11-02', total: figures, models: Array.from({ length: 101 }, () => ({ model: 'm', name: 'm', ...figures })) }] },
    ]) {
      assert.equal(isSpendingHostMessage({ type: 'content', view: DEFAULT_SPENDING_VIEW, content: { ...content, usage: broken } }), false, JSON.stringify(broken).slice(0, 120));
    }
    const summary = { label: 'Demo', demo: true, loading: false };
    const quota = { model: 'qwen3-omni-flash', total: 1_000_000, remaining: 528_172, unit: 'tokens', status: 'valid', cycleEnd: 1 };
    assert.equal(isSpendingHostMessage({ type: 'summary', summary: { ...summary, freeQuota: [quota] } }), true);
    assert.equal(isSpendingHostMessage({ type: 'summary', summary: { ...summary, freeQuota: [{ ...quota, status: 'frozen' }] } }), false);
    assert.equal(isSpendingHostMessage({ type: 'summary', summary: { ...summary, freeQuota: [{ ...quota, remaining: -5 }] } }), false);
    assert.equal(isLimitHostMessage({ type: 'saveResult', outcome: 'unsupported', message: 'Use the console.' }), true);
    assert.equal(isLimitHostMessage({ type: 'saveResult', outcome: 'exploded', message: '' }), false);
  });
});
