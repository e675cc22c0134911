import * as assert from 'node:assert/strict';
import type { AccountSource, LineItemQuery } from '../../../../src/core/account/source';
import { collectLineItems, type LineItemRow, pageOf, sortRows, toRow } from '../../../../src/core/spending/lineItemTable';
import type { LineItem, Page } from '../../../../src/core/account/model';

const row = (id: string, billingDate: string, model: string, amount: number, usage = 1): LineItemRow => ({
  id,
  billingDate,
  billingMonth: billingDate.slice(0, 7),
  productionStep: 'Model inference',
  jobId: '',
  model,
  usage,
  unit: 'tokens',
  amount,
  currency: 'USD',
  workspace: 'Default',
  apiKey: 'k',
  lineItem: 'Input tokens',
});

describe('the itemised list', () => {
  it('resolves names, falling back to ids, and leaves a missing key empty', () => {
    const item: LineItem = {
      id: 'a',
      billingDate: '2026-01-02',
      billingMonth: '2026-01',
      productionStep: 'Model fine-tuning',
      jobId: 'ft-1',
      model: 'qwen-plus',
      usage: { quantity: 5, unit: 'tokens' },
      amount: 1.5,
      currency: 'USD',
      workspaceId: 'ws-1',
      lineItem: 'Training tokens',
    };
    const names = { workspace: (id: string) => (id === 'ws-1' ? 'Production' : undefined), apiKey: () => 'never' };
    assert.deepEqual(
      { ...toRow(item, names) },
      { id: 'a', billingDate: '2026-01-02', billingMonth: '2026-01', productionStep: 'Model fine-tuning', jobId: 'ft-1', model: 'qwen-plus', usage: 5, unit: 'tokens', amount: 1.5, currency: 'USD', workspace: 'Production', apiKey: '', lineItem: 'Training tokens' },
    );
    assert.equal(toRow({ ...item, workspaceId: 'ws-9', apiKeyId: 'k9' }, { workspace: () => undefined, apiKey: () => undefined }).apiKey, 'k9');
  });

  it('sorts numbers as numbers and text naturally, either way, without changing its input', () => {
    const rows = [row('1', '2026-01-01', 'qwen-max', 10), row('2', '2026-01-02', 'qwen-plus', 9), row('3', '2026-01-03', 'qwen3-max', 100)];
    assert.deepEqual(sortRows(rows, { column: 'amount', direction: 'asc' }).map((r) => r.id), ['2', '1', '3']);
    assert.deepEqual(sortRows(rows, { column: 'amount', direction: 'desc' }).map((r) => r.id), ['3', '1', '2']);
    assert.deepEqual(sortRows(rows, { column: 'model', direction: 'asc' }).map((r) => r.model), ['qwen-max', 'qwen-plus', 'qwen3-max']);
    assert.deepEqual(rows.map((r) => r.id), ['1', '2', '3']);
  });

  it('breaks ties the same way every time, so pages never overlap', () => {
    const rows = Array.from({ length: 10_500 }, (_, i) => row(`id${i}`, `2026-01-${String((i % 28) + 1).padStart(2, '0')}`, i % 2 ? 'a' : 'b', i % 7));
    const sorted = sortRows(rows, { column: 'model', direction: 'asc' });
    const seen = new Set<string>();
    for (let p = 0; p < pageOf(sorted, 0).pageCount; p++) {
      for (const r of pageOf(sorted, p).rows) {
        assert.ok(!seen.has(r.id), `row ${r.id} on two pages`);
        seen.add(r.id);
      }
    }
    assert.equal(seen.size, 10_500);
    assert.deepEqual(sortRows([...rows].reverse(), { column: 'model', direction: 'asc' }).map((r) => r.id), sorted.map((r) => r.id));
  });

  it('pages with clamping, and has one empty page when there are no rows', () => {
    const rows = Array.from({ length: 250 }, (_, i) => row(String(i), '2026-01-01', 'm', i));
    const last = pageOf(rows, 2);
    assert.deepEqual([last.page, last.pageCount, last.total, last.rows.length], [2, 3, 250, 50]);
    assert.equal(pageOf(rows, 99).page, 2);
    assert.equal(pageOf(rows, -3).page, 0);
    assert.equal(pageOf(rows, 1.5).page, 0);
    assert.deepEqual(pageOf([], 4), { rows: [], page: 0, pageCount: 1, total: 0 });
  });

  describe('collecting a range', () => {
    /** `count` records, one key in ten "k0"; pages of 300 like the account's API, filtering keys itself. */
    const source = (count: number): { source: AccountSource; requests: () => number } => {
      const all: LineItem[] = Array.from({ length: count }, (_, i) => ({
        id: String(i),
        billingDate: '2026-01-01',
        billingMonth: '2026-01',
        productionStep: 'Model inference',
        model: 'm',
        usage: { quantity: 1, unit: 'tokens' },
        amount: 1,
        currency: 'USD',
        workspaceId: 'w',
        apiKeyId: `k${i % 10}`,
        lineItem: 'Input tokens',
      }));
      let requests = 0;
      const listLineItems = async (query: LineItemQuery): Promise<Page<LineItem>> => {
        requests++;
        const offset = Number(query.cursor ?? 0);
        const read = all.slice(offset, offset + 300);
        const keys = query.filter?.apiKey;
        const items = keys ? read.filter((i) => keys.includes(i.apiKeyId ?? '')) : read;
        return { items, scanned: read.length, ...(offset + 300 < count ? { next: String(offset + 300) } : {}) };
      };
      return { source: { info: { kind: 'qwenCloud', label: 'test' }, listLineItems }, requests: () => requests };
    };
    const range = { from: '2026-01-01', to: '2026-01-31' };

    it('keeps every record up to the cap, and says when the range held more', async () => {
      const small = await collectLineItems(source(800).source, range, {}, 1000);
      assert.deepEqual([small.items.length, small.truncated], [800, false]);
      const big = await collectLineItems(source(3000).source, range, {}, 1000);
      assert.deepEqual([big.items.length, big.truncated], [1000, true]);
    });

    it('reports the records read after each page, for a panel to show while a range loads', async () => {
      const read: number[] = [];
      await collectLineItems(source(1000).source, range, {}, 1000, 1000, (n) => read.push(n));
      assert.deepEqual(read, [300, 600, 900, 1000]);
    });

    it('stops reading after the records it may scan when it filters what the backend cannot', async () => {
      const { source: s, requests } = source(30_000);
      const result = await collectLineItems(s, { ...range, filter: { apiKey: ['k0'] } }, {}, 1000, 1500);
      assert.equal(requests(), 5, 'five pages of 300 read, not a hundred');
      assert.deepEqual([result.items.length, result.truncated], [150, true]);
      assert.ok(result.items.every((i) => i.apiKeyId === 'k0'));
      const whole = await collectLineItems(source(1200).source, { ...range, filter: { apiKey: ['k0'] } }, {}, 1000, 1500);
      assert.deepEqual([whole.items.length, whole.truncated], [120, false]);
    });
  });
});
