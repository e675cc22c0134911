import * as assert from 'node:assert/strict';
import { describeVisible, sameVisibleParts, visibleParts } from '../../../../src/core/account/keyMatch';

describe('matching keys by their visible parts', () => {
  it('reads whole and masked keys alike', () => {
    assert.deepEqual(visibleParts('sk-49682f1c7a3b5d9e0f4c6a8b1d3ee583'), { prefix: 'sk-4968', suffix: 'e583' });
    assert.deepEqual(visibleParts('sk-4968************************e583'), { prefix: 'sk-4968', suffix: 'e583' });
    assert.deepEqual(visibleParts('sk-sp-ab12cd34ef56ab12cd34ef56ab12cd34'), { prefix: 'sk-sp-ab12', suffix: 'cd34' });
  });

  it('matches a literal to its masked key, and nothing else', () => {
    const literal = visibleParts('sk-49682f1c7a3b5d9e0f4c6a8b1d3ee583')!;
    assert.ok(sameVisibleParts(literal, visibleParts('sk-4968****e583')!));
    assert.ok(!sameVisibleParts(literal, visibleParts('sk-4968****e584')!));
    assert.ok(!sameVisibleParts(literal, visibleParts('sk-sp-4968****e583')!), 'a Coding Plan key is another key');
    assert.equal(describeVisible(literal), 'sk-4968…e583');
  });

  it('rejects what is not a key', () => {
    for (const text of ['sk-', 'sk-ab', 'pk-49682f1c7a3b5d9e', 'sk-49 68e583', '']) {
      assert.equal(visibleParts(text), undefined, text);
    }
  });
});
