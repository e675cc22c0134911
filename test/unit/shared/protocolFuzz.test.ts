// Every message type of both panels, fuzzed: random values never get through or throw, and a valid
// message with one field turned into another JSON type, or with a field it does not know, is refused.
import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import { isLimitWebviewMessage } from '../../../src/shared/limitProtocol';
import { DEFAULT_SPENDING_VIEW, isSpendingWebviewMessage } from '../../../src/shared/spendingProtocol';

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
