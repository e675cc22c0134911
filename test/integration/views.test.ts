// The tree views in the host against the simulator's data: items, filters, paging, error states, actions.
import * as assert from 'node:assert/strict';
import { readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { QwenCloudMeterApi } from '../../src/extension';
import type { ViewNode } from '../../src/views/treeModel';
import { SIMULATOR_ACCESS_KEY } from '../simulator/state';
import { activateExtension, now, waitFor, seams } from './helpers';
import { signInToSimulator, simulator, useSimulatorEndpoints } from './simulator';

const children = (node: ViewNode | undefined): readonly ViewNode[] => node?.children ?? [];
const allOrders = (nodes: readonly ViewNode[]): ViewNode[] => nodes.flatMap((n) => (n.id.startsWith('year:') ? [...children(n)] : []));

describe('tree views against the simulator', () => {
  let restore: () => Promise<void>;
  let api: QwenCloudMeterApi;

  before(async () => {
    api = await activateExtension();
    await api.ready;
    restore = await useSimulatorEndpoints();
    await simulator().reset();
    await simulator().set({ deviceIntervalSec: 1, spec: { seed: 'qwen-cloud-meter', historyMonths: 24, extraApiKeys: 3, extraOrders: 30 } });
    await signInToSimulator(api);
  });

  after(async () => {
    await api.subscriptionsView.setFilter({ types: [], range: 'all' });
    await seams(api).secrets.deleteAccessKey();
    await vscode.commands.executeCommand('qwenCloud.signOut');
    await simulator().set({ spec: { seed: 'qwen-cloud-meter', historyMonths: 12, extraApiKeys: 0, extraOrders: 0 } });
    await simulator().reset();
    await restore();
  });

  it('Coding Plan: the plan with status, renewability and period, and the three windows', async () => {
    await vscode.commands.executeCommand('qwenCloud.codingPlan.focus');
    const nodes = await waitFor(() => (api.planView.rootNodes.length === 4 && api.store.get('codingPlan').source?.kind === 'qwenCloud' ? api.planView.rootNodes : undefined), 'the plan');
    const plan = nodes[0]!;
    assert.deepEqual(children(plan).map((n) => n.id), ['plan:status', 'plan:canRenew', 'plan:period']);
    assert.match(children(plan)[2]!.description ?? '', /\(\d+ days left\)/);
    assert.equal(children(plan)[1]!.description, 'Can be renewed', 'from CheckInstancesRenewable: the subscription detail has no auto-renewal');
    assert.equal(children(plan)[1]!.contextValue, 'autoRenew', 'renewal offers the console, since the API cannot change it');
    assert.deepEqual(children(nodes[1]).map((n) => n.label), ['Used', 'Remaining', 'Resets']);
  });

  it('Plan: a Token Plan Team beside the Coding Plan, with its pool, seats, this user\'s seat and add-on packs', async () => {
    await simulator().set({ tokenPlan: 'team' });
    try {
      await api.store.refresh(['codingPlan', 'tokenPlan'], { force: true });
      const nodes = await waitFor(() => (api.planView.rootNodes.some((n) => n.id === 'token') ? api.planView.rootNodes : undefined), 'the Token Plan in the view');
      assert.deepEqual(nodes.map((n) => n.id), ['plan', 'window:fiveHour', 'window:weekly', 'window:monthly', 'token', 'token:credits', 'token:seat', 'token:packs']);
      const token = nodes.find((n) => n.id === 'token')!;
      assert.equal(token.label, 'Token Plan Team');
      const details = children(token);
      assert.equal(details.find((n) => n.id === 'token:edition')?.description, 'Team (a shared credit pool with seats)');
      assert.match(details.find((n) => n.id === 'token:seats')?.description ?? '', /^\d+ of \d+ assigned$/);
      assert.ok(details.some((n) => n.id === 'token:autoRenew'), 'auto-renewal from CheckTokenPlanAutoRenewal');
      const expected = (await simulator().set({})) as { tokenPlan?: { credits: { used: number; total: number } } };
      const credits = nodes.find((n) => n.id === 'token:credits')!;
      assert.equal(credits.label, 'Team credits');
      assert.match(credits.description ?? '', /^[\d,]+ \/ [\d,]+ · \d+% · renews in /);
      // The pool the simulator holds (its use moves with the clock, so only the total is exact).
      assert.ok(expected.tokenPlan);
      const [used, total] = (credits.description ?? '').split(' · ')[0]!.split(' / ').map((n) => Number(n.replace(/,/g, '')));
      assert.equal(total, expected.tokenPlan.credits.total);
      assert.ok(Math.abs((used ?? 0) - expected.tokenPlan.credits.used) <= 100, `${used} used, the simulator says ${expected.tokenPlan.credits.used}`);
      assert.deepEqual(children(nodes.find((n) => n.id === 'token:seat')).map((n) => n.label), ['Used', 'Remaining', 'Renews']);
      const meter = await waitFor(() => (api.statusBar.view()?.text.includes(' · cr ') ? api.statusBar.view() : undefined), 'the credits in the meter');
      assert.match(meter.text, /5h \d+% · wk \d+% · mo \d+% · cr \d+% · seat \d+%$/);
      assert.match(meter.tooltip, /\| (\$\(warning\) )?Your seat \|/);
    } finally {
      await simulator().set({ tokenPlan: null });
      await api.store.refresh(['codingPlan', 'tokenPlan'], { force: true });
    }
  });

  it('Subscriptions: newest first, grouped by year, paged with Load more', async () => {
    await vscode.commands.executeCommand('qwenCloud.subscriptions.focus');
    const nodes = await waitFor(() => (allOrders(api.subscriptionsView.rootNodes).length > 0 ? api.subscriptionsView.rootNodes : undefined), 'the first page of orders');
    assert.equal(allOrders(nodes).length, 20);
    assert.equal(nodes[nodes.length - 1]?.id, 'more');
    const years = nodes.filter((n) => n.id.startsWith('year:')).map((n) => Number(n.label));
    assert.deepEqual([...years].sort((a, b) => b - a), years, 'years newest first');
    await vscode.commands.executeCommand('qwenCloud.loadMoreOrders');
    await waitFor(() => (allOrders(api.subscriptionsView.rootNodes).length === 40 ? true : undefined), 'the second page');
    // Everything, page by page: the view ends with exactly the simulator's orders.
    while (api.subscriptionsView.rootNodes.some((n) => n.id === 'more')) {
      const before = allOrders(api.subscriptionsView.rootNodes).length;
      await vscode.commands.executeCommand('qwenCloud.loadMoreOrders');
      await waitFor(() => (allOrders(api.subscriptionsView.rootNodes).length > before || !api.subscriptionsView.rootNodes.some((n) => n.id === 'more') ? true : undefined), 'another page');
    }
    const ids = allOrders(api.subscriptionsView.rootNodes).map((n) => n.id);
    assert.equal(new Set(ids).size, ids.length, 'no order twice');
    const all = await api.store.query('orders', 'count', (source, options) => source.listOrders!({ pageSize: 100 }, options));
    assert.equal(ids.length, all.value.total);
    assert.ok(ids.length > 40);
  });

  it('Subscriptions: filters by type and dates, and says so in the view', async () => {
    await api.subscriptionsView.setFilter({ types: ['upgrade'], range: 'all' });
    await waitFor(() => {
      const orders = allOrders(api.subscriptionsView.rootNodes);
      return orders.length > 0 && orders.every((n) => n.label.endsWith('Upgrade')) ? true : undefined;
    }, 'only upgrades');
    assert.match(api.subscriptionsView.treeView.description ?? '', /Upgrade/);
    await api.subscriptionsView.setFilter({ types: [], range: 'custom', from: '2000-01', to: '2000-12' });
    await waitFor(() => (api.subscriptionsView.treeView.message === 'No orders match the filter.' ? true : undefined), 'the empty-filter message');
    await api.subscriptionsView.setFilter({ types: ['renew'], range: 'thisYear' });
    await waitFor(() => {
      const orders = allOrders(api.subscriptionsView.rootNodes);
      // The view groups by the calendar year where VS Code runs, as it shows dates.
      const year = String(new Date(now()).getFullYear());
      const onlyThisYear = orders.length > 0 && api.subscriptionsView.rootNodes.every((n) => n.id === 'more' || n.label === year);
      // Before the first renewal day of January there is none yet this year: the view says so.
      const noneYet = orders.length === 0 && api.subscriptionsView.treeView.message === 'No orders match the filter.';
      return onlyThisYear || noneYet ? true : undefined;
    }, 'this year\'s renewals');
    await api.subscriptionsView.setFilter({ types: [], range: 'all' });
  });

  it('Subscriptions: an order of an unknown type or without an amount keeps its row; one without a date is counted, not hidden', async () => {
    const body = {
      code: '200',
      data: {
        Data: [
          { OrderId: '238810000000001', OrderType: 'BUY', GmtCreate: '2026-06-08T06:17:29Z', PayAmount: '', OriginalAmount: '99.00', SettCurrency: 'USD', OrderStatus: 'PAID' },
          { OrderId: '238810000000002', OrderType: 'REFUND', GmtCreate: '2026-07-01T02:00:00Z', PayAmount: '', OrderStatus: 'PAID' },
          { OrderId: '238810000000003', OrderType: 'RENEW', PayAmount: '10.00', OrderStatus: 'PAID' },
        ],
        TotalCount: 3,
        PageSize: 20,
        CurrentPage: 1,
      },
    };
    await simulator().set({ faults: [{ kind: 'answer', match: 'BssOpenAPI-V3/QueryOrderList', body }] });
    try {
      await api.subscriptionsView.setFilter({ types: [], range: 'all' });
      await vscode.commands.executeCommand('qwenCloud.refresh');
      const nodes = await waitFor(() => (api.subscriptionsView.rootNodes.some((n) => n.id === 'unreadable') ? api.subscriptionsView.rootNodes : undefined), 'the unreadable order counted');
      const orders = allOrders(nodes);
      assert.deepEqual(orders.map((n) => n.id).sort(), ['order:238810000000001', 'order:238810000000002']);
      const bought = orders.find((n) => n.id === 'order:238810000000001')!;
      assert.match(bought.description ?? '', /\$99\.00/, 'an empty PayAmount falls through to OriginalAmount');
      const refund = orders.find((n) => n.id === 'order:238810000000002')!;
      assert.match(refund.label, /Other \(REFUND\)/);
      assert.match(refund.description ?? '', /amount unavailable/);
      assert.equal(nodes.find((n) => n.id === 'unreadable')?.label, 'Orders that could not be read: 1');
    } finally {
      await simulator().set({ faults: [] });
      await vscode.commands.executeCommand('qwenCloud.refresh');
      await waitFor(() => (api.subscriptionsView.rootNodes.some((n) => n.id === 'unreadable') ? undefined : true), 'the orders as they were');
    }
  });

  it('Subscriptions: saves an order\'s invoice, and keeps the orders, marked stale, when a refresh fails', async () => {
    await waitFor(() => (allOrders(api.subscriptionsView.rootNodes).length > 0 ? true : undefined), 'orders');
    const node = allOrders(api.subscriptionsView.rootNodes).find((n) => n.contextValue === 'order.invoice')!;
    const order = api.subscriptionsView.orderOf(node)!;
    const target = vscode.Uri.file(join(tmpdir(), `qcm-invoice-${order.id}.pdf`));
    try {
      assert.equal(await api.subscriptionsView.saveInvoice(order, target), true);
      assert.equal(readFileSync(target.fsPath).subarray(0, 5).toString(), '%PDF-');
    } finally {
      rmSync(target.fsPath, { force: true });
    }
    await simulator().set({ faults: [{ kind: 'status', status: 500, match: 'QueryOrderList' }] });
    await vscode.commands.executeCommand('qwenCloud.refresh');
    const shown = allOrders(api.subscriptionsView.rootNodes).length;
    await waitFor(() => (/^Showing data from (just now|.+ ago): the last refresh failed \(Qwen Cloud reported an error/.test(api.subscriptionsView.treeView.message ?? '') ? true : undefined), 'the stale message');
    assert.equal(allOrders(api.subscriptionsView.rootNodes).length, shown, 'the orders stay');
    await simulator().set({ faults: [] });
    await vscode.commands.executeCommand('qwenCloud.refresh');
    await waitFor(() => (allOrders(api.subscriptionsView.rootNodes).length > 0 && api.subscriptionsView.treeView.message === undefined ? true : undefined), 'recovery');
  });

  it('Invoices: a row per month, the running month on top, older months on request', async () => {
    await vscode.commands.executeCommand('qwenCloud.invoices.focus');
    const nodes = await waitFor(() => (api.store.get('bills').source?.kind === 'qwenCloud' && api.invoicesView.rootNodes.length > 0 ? api.invoicesView.rootNodes : undefined), 'the bills');
    assert.equal(nodes.length, 13, '12 months and "Show older"');
    assert.equal(nodes[0]!.contextValue, 'bill.running');
    assert.match(nodes[0]!.description ?? '', /^.+ incl\. tax · Running, not final/, 'the running month says it includes tax, unlike the spending panel\'s before-tax figure');
    assert.equal(nodes[12]!.id, 'older');
    await vscode.commands.executeCommand('qwenCloud.showOlderBills');
    assert.equal(api.invoicesView.rootNodes.length, 25, '24 months and "Show older"');
    await vscode.commands.executeCommand('qwenCloud.showOlderBills');
    const bills = api.store.get('bills').value!;
    assert.equal(bills.length, 25, 'the simulated account has 24 months of history and the current month');
    assert.equal(api.invoicesView.rootNodes.length, 25);
    assert.ok(api.invoicesView.rootNodes.every((n, i) => n.id === `bill:${bills[i]!.month}`));
  });

  it('API Keys: asks for an AccessKey, then groups keys by workspace and disables one', async () => {
    await vscode.commands.executeCommand('qwenCloud.apiKeys.focus');
    await waitFor(() => (/AccessKey/.test(api.apiKeysView.treeView.message ?? '') ? true : undefined), 'the AccessKey hint');
    await seams(api).secrets.setAccessKey({ accessKeyId: SIMULATOR_ACCESS_KEY.id, accessKeySecret: SIMULATOR_ACCESS_KEY.secret });
    const nodes = await waitFor(() => (api.apiKeysView.rootNodes.length === 2 ? api.apiKeysView.rootNodes : undefined), 'two workspaces');
    assert.deepEqual(nodes.map((n) => n.label), ['Default Workspace', 'Production']);
    const keys = nodes.flatMap((n) => [...children(n)]);
    assert.equal(keys.length, 8);
    const enabled = keys.find((k) => k.contextValue?.startsWith('apiKey.enabled'))!;
    await vscode.commands.executeCommand('qwenCloud.disableApiKey', enabled);
    await waitFor(() => (api.apiKeysView.find(enabled.id)?.contextValue?.startsWith('apiKey.disabled') ? true : undefined), 'the key shown disabled');
    const audit = await api.keyAudit.entries();
    assert.equal(audit[audit.length - 1]?.action, 'disable');
    assert.equal(audit[audit.length - 1]?.result, 'succeeded');
    await vscode.commands.executeCommand('qwenCloud.enableApiKey', api.apiKeysView.find(enabled.id));
    await waitFor(() => (api.apiKeysView.find(enabled.id)?.contextValue?.startsWith('apiKey.enabled') ? true : undefined), 'enabled again');
  });
});
