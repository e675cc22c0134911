import * as assert from 'node:assert/strict';
import { defaultGranularity, MAX_RANGE_DAYS, monthRange, resolveRange } from '../../../../src/core/spending/spendingRange';

describe('spending ranges', () => {
  const today = '2026-03-05';

  it('resolves the presets relative to today, months as calendar months', () => {
    assert.deepEqual(resolveRange({ preset: 'last7Days' }, today), { ok: true, range: { from: '2026-02-27', to: today } });
    assert.deepEqual(resolveRange({ preset: 'last30Days' }, today), { ok: true, range: { from: '2026-02-04', to: today } });
    assert.deepEqual(resolveRange({ preset: 'last3Months' }, today), { ok: true, range: { from: '2026-01-01', to: today } });
    assert.deepEqual(resolveRange({ preset: 'last6Months' }, today), { ok: true, range: { from: '2025-10-01', to: today } });
    assert.deepEqual(resolveRange({ preset: 'last12Months' }, today), { ok: true, range: { from: '2025-04-01', to: today } });
  });

  it('takes a custom range, clipping an end after today', () => {
    assert.deepEqual(resolveRange({ preset: 'custom', from: '2026-01-10', to: '2026-01-20' }, today), {
      ok: true,
      range: { from: '2026-01-10', to: '2026-01-20' },
    });
    assert.deepEqual(resolveRange({ preset: 'custom', from: '2026-03-01', to: '2026-03-31' }, today), {
      ok: true,
      range: { from: '2026-03-01', to: today },
    });
  });

  it('refuses custom ranges that are missing, impossible, reversed, in the future or too long', () => {
    for (const range of [
      { preset: 'custom' as const },
      { preset: 'custom' as const, from: '2026-02-30', to: '2026-03-01' },
      { preset: 'custom' as const, from: '2026-01-01', to: 'yesterday' },
      { preset: 'custom' as const, from: '2026-02-10', to: '2026-02-01' },
      { preset: 'custom' as const, from: '2026-04-01', to: '2026-04-02' },
      { preset: 'custom' as const, from: '2023-01-01', to: '2026-01-01' },
      { preset: 'custom' as const, from: '2026-01-01T00:00', to: '2026-01-02' },
    ]) {
      const result = resolveRange(range, today);
      assert.equal(result.ok, false, JSON.stringify(range));
      assert.ok(!result.ok && result.error.length > 0);
    }
  });

  it('accepts exactly the longest range', () => {
    assert.equal(resolveRange({ preset: 'custom', from: '2024-03-05', to: today }, today).ok, true);
    assert.equal(MAX_RANGE_DAYS, 731);
  });

  it('opens one month as a custom range, and refuses a non-month', () => {
    assert.deepEqual(monthRange('2024-02'), { preset: 'custom', from: '2024-02-01', to: '2024-02-29' });
    assert.throws(() => monthRange('2024-13'));
    assert.throws(() => monthRange('2024-1'));
  });

  it('picks days for short ranges and months for long ones', () => {
    assert.equal(defaultGranularity('last7Days'), 'day');
    assert.equal(defaultGranularity('last12Months'), 'month');
    assert.equal(defaultGranularity('custom', { from: '2026-01-01', to: '2026-01-31' }), 'day');
    assert.equal(defaultGranularity('custom', { from: '2025-01-01', to: '2026-01-31' }), 'month');
  });
});
