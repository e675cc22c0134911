import * as assert from 'node:assert/strict';
import { AlertLedger, MemoryLedgerStorage } from '../../../../src/core/common/alertLedger';

describe('AlertLedger', () => {
  it('lets an alert fire once per period, and again in the next period', () => {
    const ledger = new AlertLedger(new MemoryLedgerStorage());
    assert.equal(ledger.claim('quota:weekly:warning', 'w1'), true);
    assert.equal(ledger.claim('quota:weekly:warning', 'w1'), false);
    assert.equal(ledger.claim('quota:weekly:critical', 'w1'), true, 'another alert is independent');
    assert.equal(ledger.claim('quota:weekly:warning', 'w2'), true);
    assert.equal(ledger.hasFired('quota:weekly:warning', 'w2'), true);
  });

  it('remembers across instances sharing storage (a reload)', () => {
    const storage = new MemoryLedgerStorage();
    assert.equal(new AlertLedger(storage).claim('spend:threshold', '2026-11'), true);
    assert.equal(new AlertLedger(storage).claim('spend:threshold', '2026-11'), false);
  });

  it('stays bounded', () => {
    const storage = new MemoryLedgerStorage();
    const ledger = new AlertLedger(storage);
    for (let i = 0; i < 600; i++) {
      ledger.claim(`a${i}`, 'p');
    }
    assert.equal(Object.keys(storage.load()).length, 500);
    assert.equal(ledger.hasFired('a599', 'p'), true);
    assert.equal(ledger.hasFired('a0', 'p'), false);
  });
});
