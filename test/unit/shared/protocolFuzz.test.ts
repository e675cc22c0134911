// Every message type of both panels, fuzzed: random values never get through or throw, and a valid
// message with one field turned into another JSON type, or with a field it does not know, is refused.
// Random values are almost never close to valid, so every valid message of both protocols, both ways, is
// also changed one field at a time (another type, missing, unknown, out of range, overlong): each change
// is refused, and the message as written accepted. The same messages go through PanelHost's receive
// path too, with a stand-in for the one part of `vscode` it uses (event emitters), so what reaches a
// panel's handler is checked, not only the schemas.
import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import { createRequire } from 'node:module';
import Module from 'node:module';
import type { PanelHost } from '../../../src/panels/panelHost';
import { isLimitHostMessage, isLimitWebviewMessage } from '../../../src/shared/limitProtocol';
import { DEFAULT_SPENDING_VIEW, isSpendingHostMessage, isSpendingWebviewMessage } from '../../../src/shared/spendingProtocol';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Every message type each webview can send, in a valid form. */
const VALID: readonly [string, (value: unknown) => boolean, Json][] = [
  ['spending ready', isSpendingWebviewMessage, { type: 'ready' }],
  ['spending setView', isSpendingWebviewMessage, { type: 'setView', view: DEFAULT_SPENDING_VIEW as unknown as Json }],
  [
    'spending setView (custom range, filters)',
    isSpendingWebviewMessage,
    { type: 'setView', view: { ...(DEFAULT_SPENDING_VIEW as unknown as { [key: string]: Json }), range: { preset: 'custom', from: '2026-01-01', to: '2026-01-31' }, filter: { productionStep: ['Model inference'], apiKey: ['k1'], model: ['qwen-plus'] } } },
  ],
  [
    'spending setView (model usage, a metric)',
    isSpendingWebviewMessage,
    { type: 'setView', view: { ...(DEFAULT_SPENDING_VIEW as unknown as { [key: string]: Json }), mode: 'usage', usageMetric: 'outputTokens' } },
  ],
  ['spending refresh', isSpendingWebviewMessage, { type: 'refresh' }],
  ['spending exportCsv', isSpendingWebviewMessage, { type: 'exportCsv' }],
  ['spending saveChartImage', isSpendingWebviewMessage, { type: 'saveChartImage', dataUrl: 'data:image/png;base64,iVBORw0KGgo=' }],
  ['spending openLimit', isSpendingWebviewMessage, { type: 'openLimit' }],
  ['limit ready', isLimitWebviewMessage, { type: 'ready' }],
  ['limit save', isLimitWebviewMessage, { type: 'save', form: { enabled: true, amount: '250', alertThreshold: 80, emails: ['dev@example.com'] } }],
  ['limit refresh', isLimitWebviewMessage, { type: 'refresh' }],
  ['limit openConsole', isLimitWebviewMessage, { type: 'openConsole' }],
  ['limit openSpending', isLimitWebviewMessage, { type: 'openSpending' }],
];

/** Paths to every value inside a message (the message itself excluded). */
function paths(value: Json, prefix: (string | number)[] = []): (string | number)[][] {
  if (Array.isArray(value)) {
    return value.flatMap((v, i) => [[...prefix, i], ...paths(v, [...prefix, i])]);
  }
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).flatMap(([k, v]) => [[...prefix, k], ...paths(v, [...prefix, k])]);
  }
  return [];
}

function jsonType(value: unknown): string {
  return value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value;
}

function replaceAt(value: Json, path: readonly (string | number)[], replacement: Json): Json {
  const copy = structuredClone(value);
  let node: Json = copy;
  for (const step of path.slice(0, -1)) {
    node = (node as { [key: string]: Json })[step as string] as Json;
  }
  (node as { [key: string]: Json })[path[path.length - 1] as string] = replacement;
  return copy;
}

/** A value of another JSON type than `original`. */
const otherType = (original: unknown): fc.Arbitrary<Json> =>
  fc.oneof(fc.constant(null), fc.boolean(), fc.double(), fc.string(), fc.array(fc.string(), { maxLength: 3 }), fc.dictionary(fc.string(), fc.string(), { maxKeys: 3 })).filter((v) => jsonType(v) !== jsonType(original));

describe('panel messages under fuzzing', () => {
  it('refuses random values without throwing', () => {
    for (const [, check] of VALID) {
      fc.assert(
        fc.property(fc.anything(), (value) => {
          const accepted = check(value);
          // Whatever random value is accepted must at least be a message object with a known type.
          assert.ok(!accepted || (typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string'));
        }),
        { numRuns: 300 },
      );
    }
  });

  it('refuses every valid message with one field of the wrong type', () => {
    for (const [name, check, message] of VALID) {
      assert.equal(check(message), true, `${name} is valid as written`);
      const all = paths(message).filter((p) => p[0] !== 'type' || p.length > 1);
      if (all.length === 0) {
        continue;
      }
      fc.assert(
        fc.property(fc.constantFrom(...all), fc.integer(), (path, seed) => {
          let original: unknown = message;
          for (const step of path) {
            original = (original as { [key: string]: unknown })[step as string];
          }
          const replacement = fc.sample(otherType(original), { numRuns: 1, seed })[0] as Json;
          assert.equal(check(replaceAt(message, path, replacement)), false, `${name}: ${path.join('.')} as ${JSON.stringify(replacement)}`);
        }),
        { numRuns: 200 },
      );
    }
  });

  it('refuses every valid message with a field it does not know, at any depth', () => {
    for (const [name, check, message] of VALID) {
      const objects = [[], ...paths(message)].filter((p) => {
        let node: unknown = message;
        for (const step of p) {
          node = (node as { [key: string]: unknown })[step as string];
        }
        return node !== null && typeof node === 'object' && !Array.isArray(node);
      });
      fc.assert(
        fc.property(fc.constantFrom(...objects), fc.stringMatching(/^[a-z]{3,12}$/), (path, key) => {
          let node: unknown = message;
          for (const step of path) {
            node = (node as { [key: string]: unknown })[step as string];
          }
          fc.pre(!Object.prototype.hasOwnProperty.call(node, key));
          const grown = path.length === 0 ? { ...(message as object), [key]: 1 } : replaceAt(message, path, { ...(node as { [key: string]: Json }), [key]: 1 });
          assert.equal(check(grown), false, `${name}: extra ${key} at ${path.join('.') || 'top level'}`);
        }),
        { numRuns: 100 },
      );
    }
  });
});

// ---- Near-valid messages: one field changed at a time ----

type Value = Json | undefined;
type Path = readonly (string | number)[];

/** A path with array indices as `*`: `content.rows.*.amount`. */
const pattern = (path: Path): string => path.map((step) => (typeof step === 'number' ? '*' : step)).join('.');

/** Fields a message may leave out (anything else missing is refused). */
const OPTIONAL = new Set([
  'l10n',
  'l10n.Save',
  'view.range.from',
  'view.range.to',
  'view.usageMetric',
  'state.limit',
  'state.currency',
  'state.monthSpend',
  'state.updatedAt',
  'state.error',
  'errors',
  'errors.amount',
  'errors.alertThreshold',
  'errors.emails',
  'summary.month',
  'summary.monthSpend',
  'summary.projected',
  'summary.limit',
  'summary.balance',
  'summary.freeQuota',
  'summary.freeQuota.*.cycleEnd',
  'summary.freeQuotaError',
  'summary.updatedAt',
  'summary.error',
  'content.read',
  'content.refreshError',
]);

/** Fields that may be null. */
const NULLABLE = new Set(['state.limit', 'summary.limit', 'summary.balance']);

/**
 * Objects that take an array in their place: valibot's `object` and `record` accept any object, arrays
 * included, so where no key is required (the l10n bundle, the save's field errors) an array passes.
 */
const ARRAY_PASSES_AS_OBJECT = new Set(['l10n', 'errors']);

/** Objects of the host's messages that refuse fields they do not know (the webview's refuse them everywhere). */
const HOST_STRICT = new Set(['', 'view', 'view.range', 'view.filter', 'view.sort']);

/** Numbers with bounds of their own, beyond being finite, and values past them. */
const OUT_OF_RANGE: readonly [RegExp, readonly number[]][] = [
  [/^view\.page$/, [-1, 0.5, 1_000_001]],
  [/^content\.read$/, [-1]],
  [/^summary\.freeQuota\.\*\.(total|remaining)$/, [-1]],
  [/^content\.usage\..*\b(calls|inputTokens|outputTokens|records)$/, [-1]],
];

/** Longer than any string either protocol allows (the chart image's 16 MB is the longest). */
const PAST_EVERY_BOUND = 'x'.repeat(16_000_001);

const usageLimit = { enabled: true, amount: { amount: 300, currency: 'USD' }, alertThreshold: 80, emails: ['dev@example.com'] };
const fullView = {
  ...(DEFAULT_SPENDING_VIEW as unknown as { [key: string]: Json }),
  range: { preset: 'custom', from: '2026-01-01', to: '2026-01-31' },
  filter: { productionStep: ['Model inference'], apiKey: ['k1'], model: ['qwen-plus'] },
  mode: 'usage',
  usageMetric: 'calls',
  page: 2,
};
const options = { productionStep: [{ key: 'inference', name: 'Model inference' }], apiKey: [{ key: 'k1', name: 'sk-…abcd' }], model: [{ key: 'qwen-plus', name: 'Qwen Plus' }] };
const figures = { calls: 12, inputTokens: 3400, outputTokens: 560, amount: 1.25, records: 3 };
const modelFigures = { model: 'qwen-plus', name: 'Qwen Plus', ...figures };
const range = { from: '2026-01-01', to: '2026-01-31' };

/** Every message type the hosts send, in a valid form with every optional field present. */
const VALID_HOST: readonly [string, (value: unknown) => boolean, Json][] = [
  ['limit init', isLimitHostMessage, { type: 'init', l10n: { Save: 'Speichern' } }],
  [
    'limit state',
    isLimitHostMessage,
    {
      type: 'state',
      state: { label: 'Demo', demo: true, limit: usageLimit, currency: 'USD', monthSpend: { amount: 149.11, currency: 'USD' }, updatedAt: 1_767_225_600_000, loading: false, unavailable: false, error: 'timed out' },
    },
  ],
  ['limit state (no limit set)', isLimitHostMessage, { type: 'state', state: { label: 'Demo', demo: true, limit: null, loading: true, unavailable: false } }],
  ['limit saveResult', isLimitHostMessage, { type: 'saveResult', outcome: 'invalid', message: 'Correct the highlighted fields.', errors: { amount: 'Enter the monthly limit.', alertThreshold: 'Choose…', emails: 'At most 20' } }],
  ['limit notice', isLimitHostMessage, { type: 'notice', level: 'error', message: 'Could not open the console.' }],
  ['spending init', isSpendingHostMessage, { type: 'init', view: fullView, l10n: { Save: 'Speichern' } }],
  [
    'spending summary',
    isSpendingHostMessage,
    {
      type: 'summary',
      summary: {
        label: 'Demo',
        demo: true,
        month: '2026-01',
        monthSpend: { amount: 149.11, currency: 'USD' },
        projected: 300.5,
        limit: usageLimit,
        balance: { amount: 20, currency: 'USD' },
        freeQuota: [{ model: 'qwen-plus', total: 1_000_000, remaining: 250_000, unit: 'tokens', status: 'valid', cycleEnd: 1_767_225_600_000 }],
        freeQuotaError: 'not offered',
        updatedAt: 1_767_225_600_000,
        loading: false,
        error: 'timed out',
      },
    },
  ],
  ['spending content (loading)', isSpendingHostMessage, { type: 'content', view: fullView, content: { kind: 'loading', read: 1200 } }],
  ['spending content (invalid)', isSpendingHostMessage, { type: 'content', view: fullView, content: { kind: 'invalid', message: 'The range ends before it starts.' } }],
  ['spending content (error)', isSpendingHostMessage, { type: 'content', view: fullView, content: { kind: 'error', message: 'timed out' } }],
  [
    'spending content (chart)',
    isSpendingHostMessage,
    {
      type: 'content',
      view: fullView,
      content: {
        kind: 'chart',
        range,
        series: {
          currency: 'USD',
          granularity: 'day',
          groupBy: 'model',
          periods: [{ period: '2026-01-01', total: 1.5, parts: [{ key: 'qwen-plus', name: 'Qwen Plus', amount: 1.5 }] }],
          totals: [{ key: 'qwen-plus', name: 'Qwen Plus', amount: 1.5 }],
        },
        options,
        fetchedAt: 1_767_225_600_000,
        refreshError: 'timed out',
      },
    },
  ],
  [
    'spending content (list)',
    isSpendingHostMessage,
    {
      type: 'content',
      view: fullView,
      content: {
        kind: 'list',
        range,
        rows: [
          {
            id: 'r1',
            billingDate: '2026-01-01',
            billingMonth: '2026-01',
            productionStep: 'Model inference',
            jobId: 'job-1',
            model: 'qwen-plus',
            usage: 3400,
            unit: 'tokens',
            amount: 1.25,
            currency: 'USD',
            workspace: 'Default',
            apiKey: 'sk-…abcd',
            lineItem: 'Input tokens',
          },
        ],
        page: 0,
        pageCount: 1,
        total: 1,
        truncated: false,
        options,
        fetchedAt: 1_767_225_600_000,
        refreshError: 'timed out',
      },
    },
  ],
  [
    'spending content (usage)',
    isSpendingHostMessage,
    {
      type: 'content',
      view: fullView,
      content: {
        kind: 'usage',
        range,
        usage: {
          granularity: 'month',
          currency: 'USD',
          periods: [{ period: '2026-01', total: figures, models: [modelFigures] }],
          models: [modelFigures],
          total: figures,
          reported: { calls: true, tokens: true },
        },
        truncated: false,
        options,
        fetchedAt: 1_767_225_600_000,
        refreshError: 'timed out',
      },
    },
  ],
  ['spending notice', isSpendingHostMessage, { type: 'notice', level: 'warning', message: 'The CSV was not written.' }],
];

function at(message: Json, path: Path): Value {
  let node: Value = message;
  for (const step of path) {
    node = (node as { [key: string]: Json } | undefined)?.[step as string];
  }
  return node;
}

/** `message` with the value at `path` replaced, or removed when `replacement` is undefined. */
function changed(message: Json, path: Path, replacement: Value): unknown {
  const copy = structuredClone(message);
  const parent = at(copy, path.slice(0, -1)) as { [key: string]: Value };
  const last = path[path.length - 1] as string;
  if (replacement === undefined) {
    delete parent[last];
  } else {
    parent[last] = replacement;
  }
  return copy;
}

interface Change {
  readonly what: string;
  readonly message: unknown;
}

/** Every change of one field of `message` that its schema must refuse. */
function nearValid(message: Json, strictObject: (where: string) => boolean): Change[] {
  const changes: Change[] = [];
  const add = (what: string, path: Path, replacement: Value): void => {
    changes.push({ what: `${pattern(path) || 'top level'}: ${what}`, message: changed(message, path, replacement) });
  };
  for (const path of [[], ...paths(message)] as Path[]) {
    const value = at(message, path);
    const where = pattern(path);
    if (value !== null && typeof value === 'object' && !Array.isArray(value) && strictObject(where)) {
      const grown = { ...value, unknownField: 1 };
      changes.push({ what: `${where || 'top level'}: an unknown field`, message: path.length === 0 ? grown : changed(message, path, grown) });
    }
    if (path.length === 0) {
      continue;
    }
    for (const other of [null, true, 0, 'x', [], {}] as Json[]) {
      const allowed = (other === null && NULLABLE.has(where)) || (Array.isArray(other) && ARRAY_PASSES_AS_OBJECT.has(where));
      if (jsonType(other) !== jsonType(value) && !allowed) {
        add(`${jsonType(other)} for ${jsonType(value)}`, path, other);
      }
    }
    if (typeof path[path.length - 1] === 'string' && !OPTIONAL.has(where)) {
      add('missing', path, undefined);
    }
    if (typeof value === 'number') {
      for (const bad of [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]) {
        add(String(bad), path, bad);
      }
      for (const [matches, values] of OUT_OF_RANGE) {
        if (matches.test(where)) {
          for (const bad of values) {
            add(`out of range: ${bad}`, path, bad);
          }
        }
      }
    }
    if (typeof value === 'string') {
      // A rope: this concatenation costs nothing, so every string field can be tried.
      add(`${value.length + PAST_EVERY_BOUND.length} characters`, path, value + PAST_EVERY_BOUND);
    }
  }
  return changes;
}

describe('panel messages one field away from valid', () => {
  const protocols: readonly [string, readonly [string, (value: unknown) => boolean, Json][], (where: string) => boolean][] = [
    ['webview to host', VALID, () => true],
    ['host to webview', VALID_HOST, (where) => HOST_STRICT.has(where)],
  ];
  for (const [direction, messages, strictObject] of protocols) {
    it(`refuses every one-field change of every ${direction} message, and accepts the message as written`, () => {
      let tried = 0;
      for (const [name, check, message] of messages) {
        assert.equal(check(message), true, `${name} is valid as written`);
        for (const change of nearValid(message, strictObject)) {
          assert.equal(check(change.message), false, `${name}: ${change.what}`);
          tried++;
        }
      }
      assert.ok(tried > messages.length * 5, `${tried} changes tried`);
    });
  }

  it('lets out exactly the optional fields and only the nullable ones be null', () => {
    for (const [name, check, message] of [...VALID, ...VALID_HOST]) {
      for (const path of paths(message)) {
        const where = pattern(path);
        if (OPTIONAL.has(where)) {
          assert.equal(check(changed(message, path, undefined)), true, `${name}: ${where} may be left out`);
        }
        if (NULLABLE.has(where)) {
          assert.equal(check(changed(message, path, null)), true, `${name}: ${where} may be null`);
        }
      }
    }
  });

  it('still lets an array pass for the l10n bundle and the field errors (drop the exception once the schemas refuse it)', () => {
    for (const [name, check, message] of VALID_HOST) {
      for (const where of ARRAY_PASSES_AS_OBJECT) {
        if (at(message, [where]) !== undefined) {
          assert.equal(check(changed(message, [where], [])), true, `${name}: ${where}`);
        }
      }
    }
  });

  it('refuses a chart image longer than 16 MB though it is otherwise well formed', () => {
    const image = `data:image/png;base64,${'A'.repeat(16_000_000)}`;
    assert.equal(isSpendingWebviewMessage({ type: 'saveChartImage', dataUrl: image }), false);
  });
});

// ---- The same messages through PanelHost's receive path ----

class StandInEmitter<T> {
  private listeners: ((value: T) => void)[] = [];
  readonly event = (listener: (value: T) => void): { dispose(): void } => {
    this.listeners.push(listener);
    return { dispose: () => (this.listeners = this.listeners.filter((l) => l !== listener)) };
  };
  fire(value: T): void {
    for (const listener of [...this.listeners]) {
      listener(value);
    }
  }
  dispose(): void {
    this.listeners = [];
  }
}

/** PanelHost, loaded with a stand-in `vscode`: it needs only EventEmitter on its receive path. */
function loadPanelHost(): typeof PanelHost {
  const loader = Module as unknown as { _load(request: string, ...rest: unknown[]): unknown };
  const original = loader._load;
  loader._load = function (this: unknown, request: string, ...rest: unknown[]) {
    return request === 'vscode' ? { EventEmitter: StandInEmitter } : original.call(this, request, ...rest);
  };
  try {
    return (createRequire(__filename)('../../../src/panels/panelHost') as { PanelHost: typeof PanelHost }).PanelHost;
  } finally {
    loader._load = original;
  }
}

/** A panel host on a fake webview panel that records what its handler is given and what it logs. */
function recordingHost(isMessage: (value: unknown) => value is { readonly type: string }) {
  const Host = loadPanelHost();
  const fromWebview = new StandInEmitter<unknown>();
  const panel = {
    webview: { onDidReceiveMessage: fromWebview.event, postMessage: async () => true },
    onDidChangeViewState: () => ({ dispose: () => undefined }),
    onDidDispose: () => ({ dispose: () => undefined }),
    dispose: () => undefined,
  };
  const warnings: string[] = [];
  const errors: string[] = [];
  const log = { trace: () => undefined, debug: () => undefined, info: () => undefined, warn: (m: string) => void warnings.push(m), error: (m: string) => void errors.push(m) };
  class Recording extends Host<{ readonly type: string }, never> {
    readonly handled: unknown[] = [];
    readies = 0;
    protected async onReady(): Promise<void> {
      this.readies++;
    }
    protected async handle(message: { readonly type: string }): Promise<void> {
      this.handled.push(message);
    }
    protected onHandlerError(): void {}
  }
  const host = new Recording(panel as unknown as ConstructorParameters<typeof PanelHost>[0], 'Test panel', isMessage, log);
  return { host, warnings, errors, deliver: (message: unknown) => fromWebview.fire(message) };
}

describe('PanelHost receiving near-valid and random messages', () => {
  const panels: readonly [string, (value: unknown) => value is { readonly type: string }][] = [
    ['spending', isSpendingWebviewMessage],
    ['limit', isLimitWebviewMessage],
  ];
  for (const [panel, isMessage] of panels) {
    it(`hands the ${panel} panel only messages its protocol allows, and logs the rest`, async () => {
      const { host, warnings, errors } = recordingHost(isMessage);
      const valid = VALID.filter(([, check]) => check === isMessage);
      let refused = 0;
      for (const [name, , message] of valid) {
        assert.equal(await host.receive(message), true, name);
        for (const change of nearValid(message, () => true)) {
          assert.equal(await host.receive(change.message), false, `${name}: ${change.what}`);
          refused++;
        }
      }
      const readies = valid.filter(([, , m]) => (m as { type: string }).type === 'ready').length;
      assert.equal(host.readies, readies);
      assert.deepEqual(host.handled, valid.map(([, , m]) => m).filter((m) => (m as { type: string }).type !== 'ready'), 'the handler saw exactly the valid messages');
      assert.ok(warnings.length >= refused && warnings.every((w) => w.startsWith('Test panel: ignored a malformed message')), warnings[0]);
      assert.deepEqual(errors, []);
      host.dispose();
    });

    it(`never lets a random value through to the ${panel} panel unchecked, nor throw`, async () => {
      const { host, errors } = recordingHost(isMessage);
      await fc.assert(
        fc.asyncProperty(fc.anything(), async (value) => {
          assert.equal(await host.receive(value), isMessage(value));
        }),
        { numRuns: 300 },
      );
      assert.deepEqual(errors, []);
      host.dispose();
    });
  }

  it('takes messages from the webview through its onDidReceiveMessage', async () => {
    const { host, deliver, warnings } = recordingHost(isLimitWebviewMessage);
    deliver({ type: 'refresh' });
    deliver({ type: 'refresh', extra: true });
    await new Promise((resolve) => setImmediate(resolve));
    assert.deepEqual(host.handled, [{ type: 'refresh' }]);
    assert.equal(warnings.length, 1);
    host.dispose();
  });
});
