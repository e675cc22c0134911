import * as assert from 'node:assert/strict';
import { findEndpoints, matchingEndpoint } from '../../../../src/core/scanner/endpointMismatch';
import { scan } from '../../../../src/core/scanner/scan';
import { applyEdits, FAKE_KEY, FAKE_SP_KEY } from './helpers';

function mismatches(text: string, file: string) {
  return scan(text, file).filter((f) => f.rule === 'endpoint_mismatch');
}

/** The text after the finding's "use the matching endpoint" fix. */
function fixed(text: string, file: string): string {
  const [finding] = mismatches(text, file);
  assert.ok(finding, 'one mismatch found');
  const fix = finding.fixes.find((f) => f.kind === 'useEndpoint');
  assert.ok(fix, 'with the matching endpoint as a fix');
  return applyEdits(text, fix.edits);
}

describe('a key at the other kind of endpoint', () => {
  it('flags a Coding Plan key with the pay-as-you-go base URL in a .env file, and fixes it to the same region', () => {
    const env = `OPENAI_API_KEY=${FAKE_SP_KEY}\nOPENAI_BASE_URL=https://dashscope-intl.aliyuncs.com/compatible-mode/v1\nOPENAI_MODEL=qwen3-coder-plus\n`;
    const [finding] = mismatches(env, '.env');
    assert.equal(finding?.state, 'hardcoded');
    assert.equal(finding?.severity, 'warning');
    assert.equal(env.slice(finding.start, finding.end), 'https://dashscope-intl.aliyuncs.com/compatible-mode/v1');
    assert.ok(!finding.message.includes(FAKE_SP_KEY), 'the message never holds the key');
    assert.match(finding.message, /sk-sp-7Hq2…Fs2G/);
    assert.match(fixed(env, '.env'), /^OPENAI_BASE_URL=https:\/\/coding-intl\.dashscope\.aliyuncs\.com\/v1$/m);
  });

  it("flags a pay-as-you-go key with the Coding Plan's Anthropic endpoint in Claude Code's settings", () => {
    const settings = JSON.stringify({ env: { ANTHROPIC_BASE_URL: 'https://coding-intl.dashscope.aliyuncs.com/apps/anthropic', ANTHROPIC_AUTH_TOKEN: FAKE_KEY, ANTHROPIC_MODEL: 'qwen3-coder-plus' } }, null, 2);
    assert.match(fixed(settings, '.claude/settings.json'), /"ANTHROPIC_BASE_URL": "https:\/\/dashscope-intl\.aliyuncs\.com\/apps\/anthropic"/);
  });

  it('flags a Coding Plan key with the China pay-as-you-go endpoint in Python code', () => {
    const py = `from openai import OpenAI\n\nclient = OpenAI(\n    api_key="${FAKE_SP_KEY}",\n    base_url="https://dashscope.aliyuncs.com/compatible-mode/v1",\n)\n`;
    assert.match(fixed(py, 'agent.py'), /base_url="https:\/\/coding\.dashscope\.aliyuncs\.com\/v1"/);
  });

  it("reads opencode's and Continue's configuration files", () => {
    const opencode = JSON.stringify({ provider: { bailian: { npm: '@ai-sdk/openai-compatible', options: { baseURL: 'https://coding.dashscope.aliyuncs.com/v1', apiKey: FAKE_KEY } } } }, null, 2);
    assert.match(fixed(opencode, 'opencode.json'), /"baseURL": "https:\/\/dashscope\.aliyuncs\.com\/compatible-mode\/v1"/);
    const continueYaml = `models:\n  - name: Qwen\n    provider: openai\n    model: qwen3-coder-plus\n    apiBase: https://dashscope-intl.aliyuncs.com/compatible-mode/v1\n    apiKey: ${FAKE_SP_KEY}\n`;
    assert.match(fixed(continueYaml, '.continue/config.yaml'), /apiBase: https:\/\/coding-intl\.dashscope\.aliyuncs\.com\/v1$/m);
  });

  it('says nothing when key and endpoint match', () => {
    assert.deepEqual(mismatches(`OPENAI_API_KEY=${FAKE_SP_KEY}\nOPENAI_BASE_URL=https://coding-intl.dashscope.aliyuncs.com/v1\n`, '.env'), []);
    assert.deepEqual(mismatches(`DASHSCOPE_API_KEY=${FAKE_KEY}\nBASE_URL=https://dashscope.aliyuncs.com/compatible-mode/v1\n`, '.env'), []);
    assert.deepEqual(mismatches(`KEY=${FAKE_SP_KEY}\nBASE=https://token-plan.ap-southeast-1.maas.aliyuncs.com/compatible-mode/v1\n`, '.env'), []);
  });

  it("flags a pay-as-you-go key at the Token Plan's endpoint", () => {
    const env = `KEY=${FAKE_KEY}\nBASE=https://token-plan.cn-beijing.maas.aliyuncs.com/compatible-mode/v1\n`;
    assert.match(mismatches(env, '.env')[0]?.message ?? '', /Token Plan/);
    assert.match(fixed(env, '.env'), /BASE=https:\/\/dashscope\.aliyuncs\.com\/compatible-mode\/v1/);
  });

  it('needs a key of its own: a URL alone, a placeholder key, or a key far from the URL is not a mismatch', () => {
    assert.deepEqual(mismatches('BASE_URL=https://dashscope.aliyuncs.com/compatible-mode/v1\nKEY=${DASHSCOPE_API_KEY}\n', '.env'), []);
    assert.deepEqual(mismatches('KEY=sk-sp-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\nBASE=https://dashscope.aliyuncs.com/compatible-mode/v1\n', '.env'), []);
    const far = `KEY = "${FAKE_SP_KEY}"\n${'x = 1\n'.repeat(60)}BASE = "https://dashscope.aliyuncs.com/compatible-mode/v1"\n`;
    assert.deepEqual(mismatches(far, 'app.py'), []);
  });

  it('pairs each URL with its nearest key when a file configures two tools', () => {
    const env = `A_KEY=${FAKE_SP_KEY}\nA_BASE=https://coding-intl.dashscope.aliyuncs.com/v1\n\nB_KEY=${FAKE_KEY}\nB_BASE=https://coding-intl.dashscope.aliyuncs.com/v1\n`;
    const found = mismatches(env, '.env');
    assert.equal(found.length, 1);
    assert.equal(env.slice(0, found[0]!.start).split('\n').length, 5, 'only the second tool is wrong');
  });

  it('classifies every documented host and style, and maps each to its counterpart', () => {
    const urls = [
      'https://dashscope.aliyuncs.com/compatible-mode/v1',
      'https://dashscope-intl.aliyuncs.com/api/v1/services/aigc/text-generation/generation',
      'https://dashscope-us.aliyuncs.com/compatible-mode/v1',
      'https://coding.dashscope.aliyuncs.com/apps/anthropic',
      'https://coding-intl.dashscope.aliyuncs.com/v1',
      'https://token-plan.ap-southeast-1.maas.aliyuncs.com/compatible-mode/v1',
    ];
    const found = findEndpoints(urls.join('\n'));
    assert.deepEqual(
      found.map((e) => `${e.product} ${e.region} ${e.api}`),
      ['payg cn openai', 'payg intl native', 'payg us openai', 'coding cn anthropic', 'coding intl openai', 'token intl openai'],
    );
    assert.deepEqual(
      found.map((e) => matchingEndpoint(e, 'sk-sp-') ?? '-'),
      [
        'https://coding.dashscope.aliyuncs.com/v1',
        'https://coding-intl.dashscope.aliyuncs.com/v1',
        'https://coding-intl.dashscope.aliyuncs.com/v1',
        '-',
        '-',
        '-',
      ],
    );
    assert.deepEqual(
      found.map((e) => matchingEndpoint(e, 'sk-') ?? '-'),
      ['-', '-', '-', 'https://dashscope.aliyuncs.com/apps/anthropic', 'https://dashscope-intl.aliyuncs.com/compatible-mode/v1', 'https://dashscope-intl.aliyuncs.com/compatible-mode/v1'],
    );
  });

  it('keeps a sentence-ending full stop out of the URL', () => {
    const [e] = findEndpoints('Set it to https://coding-intl.dashscope.aliyuncs.com/v1.');
    assert.equal(e?.url, 'https://coding-intl.dashscope.aliyuncs.com/v1');
  });
});
