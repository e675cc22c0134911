import * as assert from 'node:assert/strict';
import { evaluateCorpus } from '../../../../scripts/scannerCorpus';

describe('scanner corpus', () => {
  it('reaches 0.95 precision, recall and state accuracy on the labelled corpus, well above a plain grep', () => {
    const report = evaluateCorpus();
    assert.ok(report.files >= 40 && report.labelled >= 40, `${report.files} files, ${report.labelled} labels`);
    const s = report.scanner;
    const detail = report.misses.join('\n');
    assert.ok(s.precision >= 0.95, `precision ${s.precision}\n${detail}`);
    assert.ok(s.recall >= 0.95, `recall ${s.recall}\n${detail}`);
    assert.ok((s.stateAccuracy ?? 0) >= 0.95, `state accuracy ${String(s.stateAccuracy)}\n${detail}`);
    // The corpus is hard for text search: if grep did as well, the corpus would prove nothing.
    assert.ok(report.grep.precision < 0.6, `grep precision ${report.grep.precision}`);
  });
});
