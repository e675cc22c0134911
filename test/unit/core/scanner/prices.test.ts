import * as assert from 'node:assert/strict';
import { DEFAULT_PRICES, mergePrices, priceFigure } from '../../../../src/core/scanner/prices';

describe('the price figures the CodeLens shows', () => {
  it('gives a model\'s output price from the dated table, matching dated and -latest names', () => {
    assert.equal(priceFigure('thinking', DEFAULT_PRICES, 'qwen-plus'), `qwen-plus output $1.2 per million tokens (prices of ${DEFAULT_PRICES.asOf})`);
    assert.equal(priceFigure('choices', DEFAULT_PRICES, 'qwen-max-2025-01-25'), `qwen-max output $6.4 per million tokens (prices of ${DEFAULT_PRICES.asOf})`);
    assert.equal(priceFigure('thinking', DEFAULT_PRICES, 'QWEN-TURBO-latest'), `qwen-turbo output $0.2 per million tokens (prices of ${DEFAULT_PRICES.asOf})`);
  });

  it('has no figure where the table has none: an unknown model, no model, or a tool without a published price', () => {
    assert.equal(priceFigure('thinking', DEFAULT_PRICES, 'qwen3-coder-plus'), undefined);
    assert.equal(priceFigure('thinking', DEFAULT_PRICES, undefined), undefined);
    for (const cost of ['webSearch', 'forcedSearch', 'agentSearch', 'webExtractor', 'codeInterpreter'] as const) {
      assert.equal(priceFigure(cost, DEFAULT_PRICES, 'qwen-plus'), undefined, cost);
    }
  });

  it('takes the user\'s figures from settings and says they are the user\'s, not the table\'s', () => {
    const table = mergePrices({ outputPerMillionUsd: { 'Qwen3-Coder-Plus': 5, 'qwen-plus': 'cheap' }, perThousandCallsUsd: { webSearch: 4, nonsense: 1 } });
    assert.equal(priceFigure('thinking', table, 'qwen3-coder-plus'), 'qwen3-coder-plus output $5 per million tokens (your price)');
    assert.equal(priceFigure('thinking', table, 'qwen-plus'), `qwen-plus output $1.2 per million tokens (prices of ${DEFAULT_PRICES.asOf})`, 'a bad value keeps the table\'s');
    assert.equal(priceFigure('forcedSearch', table, undefined), '$4 per 1,000 calls (your price)');
    assert.equal(priceFigure('webExtractor', table, undefined), undefined);
    assert.deepEqual([...(table.fromSettings ?? [])].sort(), ['qwen3-coder-plus', 'webSearch']);
  });
});
