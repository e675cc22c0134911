import * as assert from 'node:assert/strict';
import { AccountRouter, type AccountSource } from '../../../../src/core/account/source';
import { ManualClock } from '../../../../src/core/common/clock';
import { isQwenCloudError, NetworkError, RateLimitedError, toQwenCloudError, UnsupportedError } from '../../../../src/core/account/errors';
import type { CodingPlan, FullCodingPlan } from '../../../../src/core/account/model';
import { AccountStore, type MaxAges, type ResourceKey } from '../../../../src/core/account/store';

const MAX_AGES: MaxAges = { codingPlan: 60_000, tokenPlan: 60_000, usageLimit: 60_000, monthSpend: 60_000, bills: 60_000, apiKeys: 60_000, workspaces: 60_000, balance: 60_000, freeQuota: 60_000 };

function plan(used: number): FullCodingPlan {
  const window = (kind: 'fiveHour' | 'weekly' | 'monthly') => ({ kind, used, total: 1000, resetsAt: 0 });
  return { instanceId: 'i', tier: 'pro', rawType: 'pro', status: 'valid', rawStatus: 'VALID', windows: { fiveHour: window('fiveHour'), weekly: window('weekly'), monthly: window('monthly') } };
}

/** A source whose answers the test controls, one deferred promise per call. */
class ScriptedSource implements AccountSource {
  readonly info;
  calls = 0;
  pending: { resolve: (p: CodingPlan) => void; reject: (e: unknown) => void; signal?: AbortSignal }[] = [];
  constructor(kind: 'demo' | 'qwenCloud' = 'qwenCloud') {
    this.info = { kind, label: kind === 'demo' ? 'Demo' : 'me@example.com' } as const;
  }
  getCodingPlan(options?: { signal?: AbortSignal }): Promise<CodingPlan | null> {
    this.calls++;
    return new Promise((resolve, reject) => this.pending.push({ resolve, reject, signal: options?.signal }));
  }
}

const settle = (): Promise<void> => new Promise((r) => setImmediate(r));

describe('AccountStore', () => {
  it('shares one fetch between concurrent refreshes (single flight)', async () => {
    const source = new ScriptedSource();
    const store = new AccountStore(new AccountRouter([source], undefined), new ManualClock(1000), MAX_AGES);
    const a = store.refresh(['codingPlan']);
    const b = store.refresh(['codingPlan']);
    await settle();
    assert.equal(source.calls, 1);
    assert.equal(store.get('codingPlan').loading, true);
    source.pending[0]!.resolve(plan(10));
    assert.deepEqual(await a, { ok: true });
    assert.deepEqual(await b, { ok: true });
    assert.equal(store.get('codingPlan').value?.windows.weekly?.used, 10);
    assert.equal(store.get('codingPlan').fetchedAt, 1000);
  });

  it('keeps the last good value when a refresh fails, and clears the error on success', async () => {
    const source = new ScriptedSource();
    const clock = new ManualClock(0);
    const store = new AccountStore(new AccountRouter([source], undefined), clock, MAX_AGES);
    const first = store.refresh(['codingPlan']);
    await settle();
    source.pending[0]!.resolve(plan(5));
    await first;
    clock.advance(120_000);
    const second = store.refresh(['codingPlan']);
    await settle();
    source.pending[1]!.reject(new NetworkError('reset'));
    assert.deepEqual(await second, { ok: false });
    const failed = store.get('codingPlan');
    assert.equal(failed.value?.windows.weekly?.used, 5, 'the good value stays');
    assert.equal(failed.fetchedAt, 0, 'with its original time, so its age shows');
    assert.equal(failed.error?.kind, 'network');
    assert.equal(store.ageOf('codingPlan'), 120_000);
    const third = store.refresh(['codingPlan']);
    await settle();
    source.pending[2]!.resolve(plan(7));
    await third;
    assert.equal(store.get('codingPlan').error, undefined);
    assert.equal(store.get('codingPlan').value?.windows.weekly?.used, 7);
  });

  it('fetches only what is due unless forced', async () => {
    const source = new ScriptedSource();
    const clock = new ManualClock(0);
    const store = new AccountStore(new AccountRouter([source], undefined), clock, MAX_AGES);
    const r = store.refresh(['codingPlan']);
    await settle();
    source.pending[0]!.resolve(plan(1));
    await r;
    clock.advance(30_000);
    await store.refresh(['codingPlan']);
    assert.equal(source.calls, 1, 'not due yet');
    const forced = store.refresh(['codingPlan'], { force: true });
    await settle();
    assert.equal(source.calls, 2);
    source.pending[1]!.resolve(plan(2));
    await forced;
  });

  it('reports the longest Retry-After of rate-limited resources', async () => {
    const source = new ScriptedSource();
    const store = new AccountStore(new AccountRouter([source], undefined), new ManualClock(0), MAX_AGES);
    const r = store.refresh(['codingPlan']);
    await settle();
    source.pending[0]!.reject(new RateLimitedError('slow down', 90_000));
    assert.deepEqual(await r, { ok: false, retryAfterMs: 90_000 });
  });

  it('marks resources no source serves as unavailable and never fetches them', async () => {
    const source = new ScriptedSource();
    const store = new AccountStore(new AccountRouter([source], undefined), new ManualClock(0), MAX_AGES);
    assert.equal(store.get('apiKeys').unavailable, true);
    assert.deepEqual(await store.refresh(['apiKeys']), { ok: true });
  });

  it('drops a late answer from the previous account after switching, and cancels its request', async () => {
    const old = new ScriptedSource('demo');
    const next = new ScriptedSource('qwenCloud');
    const store = new AccountStore(new AccountRouter([], old), new ManualClock(0), MAX_AGES);
    const changes: ResourceKey[] = [];
    store.onDidChange((k) => changes.push(k));
    const r = store.refresh(['codingPlan']);
    await settle();
    store.setRouter(new AccountRouter([next], old));
    assert.equal(old.pending[0]!.signal?.aborted, true);
    old.pending[0]!.resolve(plan(99));
    await r;
    assert.equal(store.get('codingPlan').value, undefined, 'the demo answer did not land on the signed-in account');
    assert.ok(changes.includes('codingPlan'));
    assert.equal(store.router.isDemo, false);
  });
});

describe('AccountStore queries and mutations', () => {
  const makeStore = (source: AccountSource, clock = new ManualClock(0)): AccountStore =>
    new AccountStore(new AccountRouter([source], undefined), clock, MAX_AGES);

  it('caches a query per key, shares one in flight, and refetches when old or forced', async () => {
    const clock = new ManualClock(0);
    const store = makeStore(new ScriptedSource(), clock);
    let calls = 0;
    const run = async (): Promise<number> => ++calls;
    const [a, b] = await Promise.all([store.query('codingPlan', 'k', run), store.query('codingPlan', 'k', run)]);
    assert.equal(calls, 1);
    assert.equal(a.value, 1);
    assert.equal(b.value, 1);
    assert.equal((await store.query('codingPlan', 'k', run)).value, 1, 'cached');
    assert.equal((await store.query('codingPlan', 'other', run)).value, 2, 'another key is another answer');
    clock.advance(10 * 60_000);
    assert.equal((await store.query('codingPlan', 'k', run)).value, 3, 'too old');
    assert.equal((await store.query('codingPlan', 'k', run, { force: true })).value, 4);
  });

  it('rejects with NotConnectedError when no source serves the feature', async () => {
    const store = makeStore(new ScriptedSource());
    await assert.rejects(store.query('apiKeys', 'all', async () => 1), { kind: 'notConnected' });
    await assert.rejects(store.mutate('apiKeys', async () => 1), { kind: 'notConnected' });
  });

  it('does not cache failures', async () => {
    const store = makeStore(new ScriptedSource());
    await assert.rejects(store.query('codingPlan', 'k', async () => Promise.reject(new NetworkError('down'))), { kind: 'network' });
    assert.equal((await store.query('codingPlan', 'k', async () => 7)).value, 7);
  });

  it('refreshes what a mutation affects, after success and after failure, and drops cached answers', async () => {
    const source = new ScriptedSource();
    const store = makeStore(source);
    const invalidated: string[] = [];
    store.onDidInvalidate((f) => invalidated.push(f));
    let n = 0;
    await store.query('codingPlan', 'k', async () => ++n);
    const done = store.mutate('codingPlan', async () => 'ok', { resources: ['codingPlan'] });
    await settle();
    source.pending[0]!.resolve(plan(3));
    assert.equal(await done, 'ok');
    assert.deepEqual(invalidated, ['codingPlan']);
    assert.equal((await store.query('codingPlan', 'k', async () => ++n)).value, 2, 'the cached answer was dropped');
    const failing = store.mutate('codingPlan', async () => Promise.reject(new NetworkError('reset mid-body')), { resources: ['codingPlan'] });
    await settle();
    assert.equal(source.calls, 2, 'refreshed even though the change failed');
    source.pending[1]!.resolve(plan(4));
    await assert.rejects(failing, { kind: 'network' });
    assert.equal(store.get('codingPlan').value?.windows.weekly?.used, 4);
  });
});

describe('errors that are not typed', () => {
  it('become server errors, whatever kind they claim', () => {
    const claimed = Object.assign(new Error('unknown action'), { kind: 'unsupported' });
    assert.equal(isQwenCloudError(claimed), false, 'a kind alone does not make a typed error');
    assert.equal(isQwenCloudError({ kind: 'unsupported', message: 'not an Error' }), false);
    assert.equal(toQwenCloudError(claimed).kind, 'server');
    assert.equal(toQwenCloudError(new UnsupportedError('unknown action')).kind, 'unsupported');
  });
});
