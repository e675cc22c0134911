import * as assert from 'node:assert/strict';
import type { UsageLimit } from '../../../../src/core/account/model';
import { editedFields, restoreLimitForm, saveLimitDraft } from '../../../../src/core/spending/limitFormState';
import { formFromLimit, type UsageLimitForm } from '../../../../src/core/spending/usageLimitForm';

const limit: UsageLimit = { enabled: true, amount: { amount: 300, currency: 'USD' }, alertThreshold: 80, emails: ['dev@example.com'] };

/** What getState hands back: VS Code keeps a webview's state as JSON. */
function throughWebviewState(value: unknown): unknown {
  return value === undefined ? undefined : JSON.parse(JSON.stringify(value));
}

function typed(patch: Partial<UsageLimitForm>, base: UsageLimit | null = limit): UsageLimitForm {
  return { ...formFromLimit(base), ...patch };
}

describe('the spending-limit form kept across a hidden or reloaded webview', () => {
  it('gives back a typed amount once the account\'s limit is in', () => {
    const saved = throughWebviewState(saveLimitDraft(typed({ amount: '450' }), limit, ''));
    const restored = restoreLimitForm(saved, limit);
    assert.deepEqual(restored.form, typed({ amount: '450' }));
    assert.deepEqual(restored.edited, ['amount']);
  });

  it('keeps every field the user changed, and the address being added', () => {
    const form = typed({ enabled: false, amount: '1,250.50', alertThreshold: 95, emails: ['dev@example.com', 'ops@example.com'] });
    const restored = restoreLimitForm(throughWebviewState(saveLimitDraft(form, limit, 'half-typed@exa')), limit);
    assert.deepEqual(restored.form, form);
    assert.deepEqual(restored.edited, ['enabled', 'amount', 'alertThreshold', 'emails']);
    assert.equal(restored.newEmail, 'half-typed@exa');
  });

  it('keeps an emptied threshold empty, though JSON has no NaN', () => {
    const restored = restoreLimitForm(throughWebviewState(saveLimitDraft(typed({ alertThreshold: Number.NaN }), limit, '')), limit);
    assert.ok(Number.isNaN(restored.form.alertThreshold));
    assert.deepEqual(restored.edited, ['alertThreshold']);
  });

  it('lets typed values win over a limit changed meanwhile, and the untouched fields follow the account', () => {
    const saved = throughWebviewState(saveLimitDraft(typed({ amount: '450' }), limit, ''));
    const changedElsewhere: UsageLimit = { ...limit, amount: { amount: 500, currency: 'USD' }, alertThreshold: 90 };
    const restored = restoreLimitForm(saved, changedElsewhere);
    assert.deepEqual(restored.form, { ...formFromLimit(changedElsewhere), amount: '450' });
    assert.deepEqual(restored.edited, ['amount']);
  });

  it('drops an edit the account now has anyway', () => {
    const saved = throughWebviewState(saveLimitDraft(typed({ amount: '450' }), limit, ''));
    const savedMeanwhile: UsageLimit = { ...limit, amount: { amount: 450, currency: 'USD' } };
    const restored = restoreLimitForm(saved, savedMeanwhile);
    assert.deepEqual(restored.form, formFromLimit(savedMeanwhile));
    assert.deepEqual(restored.edited, []);
  });

  it('keeps values typed for an account that never had a limit', () => {
    const form = typed({ amount: '75' }, null);
    const restored = restoreLimitForm(throughWebviewState(saveLimitDraft(form, null, '')), null);
    assert.deepEqual(restored.form, form);
    assert.deepEqual(restored.edited, ['amount']);
  });

  it('keeps nothing when the form shows the account\'s limit', () => {
    assert.equal(saveLimitDraft(formFromLimit(limit), limit, ''), undefined);
    assert.equal(saveLimitDraft(formFromLimit(null), null, ''), undefined);
    assert.notEqual(saveLimitDraft(formFromLimit(limit), limit, 'a'), undefined, 'an address being typed is kept');
    assert.deepEqual(restoreLimitForm(undefined, limit), { form: formFromLimit(limit), edited: [], newEmail: '' });
  });

  it('ignores saved state it cannot read', () => {
    const good = saveLimitDraft(typed({ amount: '450' }), limit, '') as unknown as Record<string, unknown>;
    for (const saved of [
      null,
      'limitDraft',
      { view: { mode: 'chart' } },
      { ...good, kind: 'other' },
      { ...good, form: { ...(good.form as object), amount: 450 } },
      { ...good, form: { ...(good.form as object), amount: '4'.repeat(65) } },
      { ...good, form: { ...(good.form as object), emails: Array.from({ length: 101 }, (_, i) => `a${i}@example.com`) } },
      { ...good, base: { enabled: true } },
    ]) {
      assert.deepEqual(restoreLimitForm(saved, limit), { form: formFromLimit(limit), edited: [], newEmail: '' }, JSON.stringify(saved).slice(0, 80));
    }
  });

  it('names the fields that differ from the limit', () => {
    assert.deepEqual(editedFields(formFromLimit(limit), limit), []);
    assert.deepEqual(editedFields(typed({ emails: [] }), limit), ['emails']);
  });
});
