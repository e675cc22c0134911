// The kinds of error whole real files showed (issue: false alarms and misses on real projects), one test each:
// each names the kind, not the file it was seen in.
import * as assert from 'node:assert/strict';
import { scan } from '../../../../src/core/scanner/scan';
import { found } from './helpers';

const QWEN_TS = `import OpenAI from "openai";
const client = new OpenAI({ baseURL: "https://dashscope.aliyuncs.com/compatible-mode/v1" });
`;

describe('scanner on whole real files: false alarms', () => {
  it('camelCase in TypeScript and JavaScript app code does not reach the wire; snake_case and typed provider options do', () => {
    const text = `${QWEN_TS}const defaults = { enableSearch: true, thinkingBudget: 2048 };
const row = { id: 1, enableThinking: true };
await client.chat.completions.create({ model: "qwen-plus", messages, enable_search: true });
await generateText({ model: qwen("qwen-plus"), providerOptions: { qwen: { enableThinking: true } } });
const env = { ENABLE_SEARCH: true };
`;
    assert.deepEqual(found(text, 'app.ts'), ['enable_search on 5', 'enable_thinking on 6', 'enable_search on 7']);
    // The same camelCase keys are settings where a typed API maps them (Java builders, C# properties).
    assert.deepEqual(found(`// dashscope\nvar p = Params.builder().enableSearch(true).build();\n`, 'A.java'), ['enable_search on 2']);
  });

  it("another vendor's same-named option is decided by its own group, call or branch, not by the file naming Qwen", () => {
    const ts = `${QWEN_TS}function options(provider: string) {
  switch (provider) {
    case 'google':
      return { thinking_budget: 1024 };
    case 'qwen':
      return { enable_thinking: true };
  }
}
const gemini = { providerOptions: { google: { thinking_budget: 512 } } };
const cfg = { thinkingConfig: { thinking_budget: 256 } };
`;
    assert.deepEqual(found(ts, 'providers.ts'), ['enable_thinking on 8']);
    const py = `model = "qwen-plus"
cfg = types.GenerateContentConfig(thinking_config=types.ThinkingConfig(thinking_budget=1024))
if provider == "anthropic":
    body = {"thinking_budget": 2048}
else:
    body = {"enable_thinking": True}
`;
    assert.deepEqual(found(py, 'p.py'), ['enable_thinking on 6']);
    // "OpenAI-compatible" names DashScope's own mode, not another vendor.
    const compat = `# dashscope\nif use_openai_compatible_mode:\n    extra = {"enable_search": True}\n`;
    assert.deepEqual(found(compat, 'c.py'), ['enable_search on 3']);
  });

  it('same name, other product: knowledge-base file search and retrieval search options are not web search', () => {
    const tsx = `// Bailian app config (dashscope)
onChange({ file_search: { ...fileSearch, enable_search: true } });
const rag = { rag_options: { enable_search: true } };
`;
    assert.deepEqual(found(tsx, 'k.tsx'), []);
    const java = `// DashScope knowledge base
query.getSearchOptions().setEnableSearch(true);
options.setEnableSearch(true);
`;
    assert.deepEqual(found(java, 'K.java'), ['enable_search on 3']);
    // The web search options themselves are still read.
    const py = `# dashscope\nextra_body = {"enable_search": True, "search_options": {"forced_search": True}}\n`;
    assert.deepEqual(found(py, 's.py'), ['enable_search on 2', 'forced_search on 2']);
  });
  it('a map held in a variable and then put under chat_template_kwargs is a local chat template switch, not a request parameter', () => {
    const go = [
      'package qwen',
      '// Bailian: https://help.aliyun.com/zh/model-studio/deep-thinking',
      'func extra(on *bool) map[string]any {',
      '\tfields := make(map[string]any)',
      '\tswitchMap := map[string]bool{',
      '\t\t"enable_thinking": *on,',
      '\t}',
      '\tfields["chat_template_kwargs"] = switchMap',
      '\tfields["enable_thinking"] = *on',
      '\treturn fields',
      '}',
      '',
    ].join('\n');
    assert.deepEqual(found(go, 'm.go'), ['enable_thinking dynamic 9']);
    const py = [
      '# dashscope compatible mode',
      'kw = {"enable_thinking": False}',
      'client.chat.completions.create(model="qwen-plus", messages=m, extra_body={"chat_template_kwargs": kw})',
      'other = {"enable_thinking": True}',
      'client.chat.completions.create(model="qwen-plus", messages=m, extra_body=other)',
      '',
    ].join('\n');
    assert.deepEqual(found(py, 'm.py'), ['enable_thinking on 4']);
  });
});

describe('scanner on whole real files: misses', () => {
  it('reads Spring and langchain4j property strings inside Java and Kotlin code, not prose', () => {
    const java = `class T {
  void t() {
    runner.withPropertyValues(
        "langchain4j.community.dashscope.chat-model.parameters.enable-search=true",
        "spring.ai.dashscope.chat.options.thinking-budget=1000",
        "langchain4j.community.dashscope.chat-model.parameters.n=1",
        "langchain4j.community.dashscope.chat-model.parameters.search-options.search-strategy=standard");
    log("set enable_search=true to search");
  }
}
`;
    assert.deepEqual(found(java, 'T.java'), ['enable_search on 4', 'thinking_budget on 5', 'n off 6', 'search_strategy off 7']);
    const kt = `@TestPropertySource(properties = ["spring.ai.dashscope.chat.options.enable-thinking=true"])\nclass K\n`;
    assert.deepEqual(found(kt, 'K.kt'), ['enable_thinking on 1']);
  });

  it('reads C# object initialisers after a constructor call, nested ones and their group key', () => {
    const cs = `// DashScope
var request = new ModelRequest<TextGenerationInput, ITextGenerationParameters>()
{
    Model = "qwen-plus",
    Parameters = new TextGenerationParameters()
    {
        EnableSearch = true,
        SearchOptions = new SearchOptions() { SearchStrategy = "agent", ForcedSearch = true },
        N = 2,
    }
};
var other = new TextGenerationParameters() { EnableThinking = false };
`;
    assert.deepEqual(found(cs, 'R.cs'), ['enable_search on 7', 'search_strategy on 8', 'forced_search on 8', 'n on 9', 'enable_thinking off 12']);
  });

  it('a wrapper whose parameter default turns a setting on is on; a default that leaves it to the caller is dynamic at the lowest severity', () => {
    const py = `import dashscope
def ask(q, enable_search: bool = True, think=False, budget=None):
    return dashscope.Generation.call(model="qwen-plus", prompt=q, enable_search=enable_search,
                                     enable_thinking=think, thinking_budget=budget)
`;
    const findings = scan(py, 'w.py', { dynamicSeverity: 'warning' });
    assert.deepEqual(findings.map((f) => `${f.rule} ${f.state} ${f.severity}`), ['enable_search on warning', 'enable_thinking dynamic info', 'thinking_budget dynamic info']);
    assert.match(findings[0]!.message, /enable_search defaults to True/);
    // A library's pass-through, `kwargs["enable_search"] = enable_search`, is the caller's choice too.
    const lib = `# dashscope SDK\ndef call(enable_search: bool = None, **kwargs):\n    if enable_search is not None:\n        kwargs["enable_search"] = enable_search\n`;
    assert.deepEqual(scan(lib, 'g.py', { dynamicSeverity: 'warning' }).map((f) => `${f.rule} ${f.state} ${f.severity}`), ['enable_search dynamic info']);
  });

  it('a constant declared with a literal gives its value; a variable stays dynamic', () => {
    const cs = `// DashScope
const int budget = 10;
var limit = 20;
var p = new TextGenerationParameters { ThinkingBudget = budget, EnableThinking = flag };
`;
    assert.deepEqual(found(cs, 'C.cs'), ['thinking_budget on 4', 'enable_thinking dynamic 4']);
    const ts = `${QWEN_TS}const SEARCH = false;\nawait client.chat.completions.create({ model: "qwen-plus", messages, enable_search: SEARCH });\n`;
    assert.deepEqual(found(ts, 'c.ts'), ['enable_search off 4']);
  });

  it('reads Markdown fences that are JSONC, HTTP requests and curl commands', () => {
    const md = [
      '# Web search with DashScope',
      '```jsonc',
      '{',
      '  // turns web search on',
      '  "enable_search": true',
      '}',
      '```',
      '```http',
      'POST https://dashscope.aliyuncs.com/compatible-mode/v1/chat/completions',
      'Content-Type: application/json',
      '',
      '{"model": "qwen-plus", "enable_thinking": true}',
      '```',
      '```bash',
      "curl https://dashscope.aliyuncs.com/api/v1 -d '{\"model\":\"qwen-plus\",\"parameters\":{\"forced_search\":true}}'",
      '```',
      '',
    ].join('\n');
    assert.deepEqual(found(md, 'README.md'), ['enable_search on 5', 'enable_thinking on 12', 'forced_search on 15']);
  });

  it('reads Go anonymous struct literals, not the struct declaration', () => {
    const go = 'package main\n// dashscope\nvar body = struct {\n\tEnableSearch bool `json:"enable_search"`\n}{\n\tEnableSearch: true,\n}\n';
    assert.deepEqual(found(go, 'b.go'), ['enable_search on 6']);
  });

  it('reads the calls client libraries use to add a body field: WithExtraField, setExtraParam', () => {
    const go = 'package main\n// qwen via dashscope\nvar o = llm.WithExtraField("enable_thinking", true)\n';
    assert.deepEqual(found(go, 'o.go'), ['enable_thinking on 3']);
    const java = '// dashscope\nreq.setExtraParam("enable_search", true);\n';
    assert.deepEqual(found(java, 'R.java'), ['enable_search on 2']);
  });

  it('search strategies other than agent and agent_max search once: the older standard and pro, a library word, an SDK enum constant', () => {
    const java = [
      '// dashscope',
      'var so = SearchOptions.builder().forcedSearch(true).searchStrategy("pro").build();',
      'var l4j = QwenChatRequestParameters.SearchOptions.builder().searchStrategy("advanced").build();',
      'var a = SearchOptions.builder().searchStrategy(SearchStrategy.AGENT_MAX).build();',
      'var d = SearchOptions.builder().searchStrategy(strategy).build();',
      '',
    ].join('\n');
    assert.deepEqual(found(java, 'S.java'), [
      'forced_search on 2',
      'search_strategy off 2',
      'search_strategy off 3',
      'search_strategy on 4',
      'search_strategy dynamic 5',
    ]);
    const kt = '// dashscope\nval o = GenerationParamOptions.SearchOptions(forcedSearch = true, searchStrategy = GenerationParamOptions.SearchOptions.SearchStrategy.STANDARD)\n';
    assert.deepEqual(found(kt, 'T.kt'), ['forced_search on 2', 'search_strategy off 2']);
  });

  it("Kotlin scope functions and DSL blocks call the builder on their receiver without naming it; control blocks and Java do not", () => {
    const kt = [
      'import com.alibaba.dashscope.aigc.generation.GenerationParam',
      'fun param(options: Options) = GenerationParam.builder().model("qwen-plus").apply {',
      '    options.enableSearch?.also {',
      '        enableSearch(it)',
      '    }',
      '    enableThinking(true)',
      '}.build()',
      'fun other(on: Boolean) {',
      '    if (on) { enableSearch(true) }',
      '}',
      '',
    ].join('\n');
    assert.deepEqual(found(kt, 'P.kt'), ['enable_search dynamic 4', 'enable_thinking on 6']);
    assert.deepEqual(found('// dashscope\nclass A { void f() { enableSearch(true); } }\n', 'A.java'), []);
  });
});

describe('scanner: which files are read for the n rule', () => {
  // A file is read for `n` only where it sets one; every form the readers understand must pass that test.
  it('finds n > 1 in each form a request sets it: keyword, key, string key, builder, setter, Kotlin DSL', () => {
    assert.deepEqual(found('import dashscope\nr = dashscope.Generation.call(model="qwen-plus", messages=m, n=3)\n', 'a.py').filter((f) => f.startsWith('n ')), ['n on 2']);
    assert.deepEqual(found(`${QWEN_TS}await client.chat.completions.create({ model: "qwen-plus", messages, n: 2 });\n`, 'a.ts').filter((f) => f.startsWith('n ')), ['n on 3']);
    assert.deepEqual(found('{"model": "qwen-plus", "n": 4}\n', 'body.json').filter((f) => f.startsWith('n ')), ['n on 1']);
    assert.deepEqual(found('// dashscope\nvar p = GenerationParam.builder().model("qwen-plus").n(2).build();\n', 'A.java').filter((f) => f.startsWith('n ')), ['n on 2']);
    assert.deepEqual(found('// dashscope\nparams.setN(2);\n', 'B.java').filter((f) => f.startsWith('n ')), ['n on 2']);
    assert.deepEqual(found('// dashscope\nval p = GenerationParam.builder().apply {\n    n(3)\n}.build()\n', 'C.kt').filter((f) => f.startsWith('n ')), ['n on 3']);
  });

  it('a file that mentions Qwen and the letter n (a "\\n" in a string, an index) but sets no n has no n finding', () => {
    const text = '// dashscope\nString s = "a\\n(b)\\n";\nfor (int n : counts) { total += n; }\n';
    assert.deepEqual(found(text, 'D.java'), []);
  });
});
