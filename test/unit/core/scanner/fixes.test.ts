import * as assert from 'node:assert/strict';
import type { FixKind } from '../../../../src/core/scanner/finding';
import { scan } from '../../../../src/core/scanner/scan';
import { applyEdits, FAKE_KEY, FAKE_SP_KEY, found } from './helpers';

function fixed(text: string, file: string, kind: FixKind, index = 0): string {
  const finding = scan(text, file)[index];
  assert.ok(finding, 'a finding');
  const fix = finding.fixes.find((f) => f.kind === kind);
  assert.ok(fix, `a ${kind} fix among ${finding.fixes.map((f) => f.kind).join(', ')}`);
  return applyEdits(text, fix.edits);
}

const PY = 'import dashscope\n';

describe('scanner fixes', () => {
  it('turns settings off in every spelling', () => {
    assert.equal(fixed(`${PY}f(model="qwen-plus", enable_search=True)\n`, 'a.py', 'turnOff'), `${PY}f(model="qwen-plus", enable_search=False)\n`);
    assert.equal(fixed(`${PY}x = {"enable_thinking": true}\n`, 'a.py', 'turnOff'), `${PY}x = {"enable_thinking": false}\n`);
    assert.equal(fixed('import x from "dashscope";\nf({ enable_search: true })\n', 'a.js', 'turnOff'), 'import x from "dashscope";\nf({ enable_search: false })\n');
    assert.equal(
      fixed('import com.alibaba.dashscope.X;\nclass A { void f() { b.enableSearch(true).build(); } }\n', 'A.java', 'turnOff'),
      'import com.alibaba.dashscope.X;\nclass A { void f() { b.enableSearch(false).build(); } }\n',
    );
    assert.equal(fixed('import "dashscope"\nvar p = P{EnableSearch: openai.Bool(true)}\n', 'a.go', 'turnOff'), 'import "dashscope"\nvar p = P{EnableSearch: openai.Bool(false)}\n');
    assert.equal(fixed('ENABLE_SEARCH="true"\n', '.env', 'turnOff'), 'ENABLE_SEARCH="false"\n');
    assert.equal(fixed('dashscope:\n  enable-search: yes\n', 'a.yaml', 'turnOff'), 'dashscope:\n  enable-search: no\n');
    assert.equal(fixed(`${PY}f(model="qwen-plus", messages=m, n=4)\n`, 'a.py', 'turnOff'), `${PY}f(model="qwen-plus", messages=m, n=1)\n`);
    assert.equal(fixed(`${PY}o = {"search_strategy": "agent"}\n`, 'a.py', 'turnOff'), `${PY}o = {"search_strategy": "turbo"}\n`);
  });

  it('removes a setting with its comma, or its whole line', () => {
    assert.equal(fixed(`${PY}f(a=1, enable_search=True, b=2)\n`, 'a.py', 'remove'), `${PY}f(a=1, b=2)\n`);
    assert.equal(fixed(`${PY}f(a=1, enable_search=True)\n`, 'a.py', 'remove'), `${PY}f(a=1)\n`);
    assert.equal(fixed(`${PY}f(\n    a=1,\n    enable_search=True,\n    b=2,\n)\n`, 'a.py', 'remove'), `${PY}f(\n    a=1,\n    b=2,\n)\n`);
    assert.equal(fixed(`${PY}params["enable_search"] = True\nx = 1\n`, 'a.py', 'remove'), `${PY}x = 1\n`);
    assert.equal(
      fixed('import com.alibaba.dashscope.X;\nclass A { void f() {\n  p = B.builder()\n    .enableSearch(true)\n    .build();\n} }\n', 'A.java', 'remove'),
      'import com.alibaba.dashscope.X;\nclass A { void f() {\n  p = B.builder()\n    .build();\n} }\n',
    );
    assert.equal(fixed('a: 1\ndashscope:\n  enable_search: true\n  b: 2\n', 'c.yml', 'remove'), 'a: 1\ndashscope:\n  b: 2\n');
    assert.equal(
      fixed(`${PY}r = client.responses.create(model="qwen3-max", tools=[{"type": "web_search"}, {"type": "code_interpreter"}])\n`, 'a.py', 'remove'),
      `${PY}r = client.responses.create(model="qwen3-max", tools=[{"type": "code_interpreter"}])\n`,
    );
  });

  it('adds a qwen-cost-ignore comment above the line, indented like it, and the scanner honours it', () => {
    const text = `${PY}def f():\n    return g(model="qwen-plus", enable_search=True)\n`;
    const ignored = fixed(text, 'a.py', 'ignoreLine');
    assert.equal(ignored, `${PY}def f():\n    # qwen-cost-ignore\n    return g(model="qwen-plus", enable_search=True)\n`);
    assert.deepEqual(found(ignored, 'a.py'), []);
    const js = 'import x from "dashscope";\nf({ enable_search: true }); // qwen-cost-ignore\nf({ enable_search: true });\n';
    assert.deepEqual(found(js, 'a.js'), ['enable_search on 3']);
    const file = fixed(text, 'a.py', 'ignoreFile');
    assert.ok(file.startsWith('# qwen-cost-ignore-file\n'));
    assert.deepEqual(found(file, 'a.py'), []);
    assert.deepEqual(found(`${PY}f(model="qwen-plus", enable_search=True)\n`, 'a.py', { inlineIgnores: false }).length, 1);
  });

  it('offers no comment where the language has none (JSON), and none inside a multi-line string', () => {
    const [json] = scan('{"model": "qwen-plus", "enable_search": true}', 'a.json');
    assert.deepEqual(json!.fixes.map((f) => f.kind), ['turnOff', 'remove']);
    const text = `${PY}BODY = """{\n  "enable_search": true\n}"""\nr = requests.post(URL, data=BODY)\n`;
    const findings = scan(text, 'b.py');
    assert.deepEqual(findings.map((f) => f.rule), ['enable_search']);
    assert.ok(!findings[0]!.fixes.some((f) => f.kind === 'ignoreLine'));
  });

  it('moves a hard-coded key to DASHSCOPE_API_KEY in each language, keeping only a fingerprint', () => {
    const py = `"""Bot."""\nfrom openai import OpenAI\nclient = OpenAI(api_key="${FAKE_KEY}", base_url="https://dashscope.aliyuncs.com/compatible-mode/v1")\n`;
    assert.equal(
      fixed(py, 'a.py', 'moveToEnv'),
      '"""Bot."""\nimport os\nfrom openai import OpenAI\nclient = OpenAI(api_key=os.environ["DASHSCOPE_API_KEY"], base_url="https://dashscope.aliyuncs.com/compatible-mode/v1")\n',
    );
    assert.equal(fixed(`const c = new OpenAI({ apiKey: '${FAKE_KEY}' });\n`, 'a.ts', 'moveToEnv'), 'const c = new OpenAI({ apiKey: process.env.DASHSCOPE_API_KEY });\n');
    assert.equal(fixed(`String k = "${FAKE_SP_KEY}";\n`, 'A.java', 'moveToEnv'), 'String k = System.getenv("DASHSCOPE_API_KEY");\n');
    assert.equal(fixed(`package main\nimport (\n\t"fmt"\n)\nvar k = "${FAKE_KEY}"\n`, 'a.go', 'moveToEnv'), 'package main\nimport (\n\t"os"\n\t"fmt"\n)\nvar k = os.Getenv("DASHSCOPE_API_KEY")\n');
    assert.equal(fixed(`curl -H "Authorization: Bearer ${FAKE_KEY}" https://dashscope.aliyuncs.com\n`, 'a.sh', 'moveToEnv'), 'curl -H "Authorization: Bearer ${DASHSCOPE_API_KEY}" https://dashscope.aliyuncs.com\n');
    const [key] = scan(py, 'a.py');
    assert.deepEqual(key!.key, { kind: 'sk-', visiblePrefix: 'sk-4f9a', last4: '1c8e' });
    assert.ok(!key!.message.includes(FAKE_KEY));
    assert.ok(!JSON.stringify(key).includes(FAKE_KEY.slice(3)));
  });

  it('grades severity per rule and per state', () => {
    const text = `${PY}f(model="qwen-plus", enable_search=True, enable_thinking=think, forced_search=False)\n`;
    const plain = scan(text, 'a.py').map((f) => `${f.rule}:${f.severity}`);
    assert.deepEqual(plain, ['enable_search:warning', 'enable_thinking:info', 'forced_search:none']);
    const tuned = scan(text, 'a.py', { severity: { enable_search: 'error', enable_thinking: 'none' } }).map((f) => `${f.rule}:${f.severity}`);
    assert.deepEqual(tuned, ['enable_search:error', 'enable_thinking:none', 'forced_search:none']);
  });
});
