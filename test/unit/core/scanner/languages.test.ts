import * as assert from 'node:assert/strict';
import { scan } from '../../../../src/core/scanner/scan';
import { found, FAKE_KEY } from './helpers';

const QWEN_PY = 'from openai import OpenAI\nclient = OpenAI(base_url="https://dashscope-intl.aliyuncs.com/compatible-mode/v1")\n';

describe('scanner: Python', () => {
  it('finds kwargs, extra_body dicts, model_kwargs and subscript assignment', () => {
    const text = `${QWEN_PY}import dashscope
r = dashscope.Generation.call(model="qwen-plus", messages=m, enable_search=True, result_format="message")
c = client.chat.completions.create(
    model="qwen-plus",
    messages=m,
    extra_body={
        "enable_thinking": False,
        "thinking_budget": 2048,
    },
)
llm = ChatTongyi(model_kwargs={"enable_search": True, "search_options": {"forced_search": True, "search_strategy": "agent_max"}})
params["enable_search"] = True
kwargs['extra_body']['enable_thinking'] = False
`;
    assert.deepEqual(found(text, 'app.py'), [
      'enable_search on 4',
      'enable_thinking off 9',
      'thinking_budget on 10',
      'enable_search on 13',
      'forced_search on 13',
      'search_strategy on 13',
      'enable_search on 14',
      'enable_thinking off 15',
    ]);
  });

  it('says where a dynamic value comes from: argument default, environment, variable', () => {
    const text = `${QWEN_PY}import os
SEARCH = os.getenv("QWEN_SEARCH") == "1"
def ask(q, enable_search: bool = False, think=True):
    return client.chat.completions.create(model="qwen-max", messages=q,
        extra_body={"enable_search": enable_search, "enable_thinking": think, "forced_search": SEARCH})
`;
    const findings = found(text, 'a.py');
    assert.deepEqual(findings, ['enable_search dynamic 7', 'enable_thinking on 7', 'forced_search dynamic 7']);
  });

  it('does not flag comments, docstrings, log messages, annotations, parameter defaults or absence checks', () => {
    const text = `${QWEN_PY}"""Set enable_search=True to search the web."""
# extra_body={"enable_search": True}
class Options:
    enable_search: bool
    enable_thinking: bool = True
def f(enable_search=True, n=3):
    """Docstring: {"enable_search": true}"""
    logger.info("enable_search=%s", enable_search)
    print(f"enable_thinking={think}")
    assert "enable_search" not in body
    assert body.get("enable_search") is None
    kwargs.pop("enable_search", None)
    parser.add_argument("--enable_search", action="store_true", help="enable_search: true turns search on")
    if enable_search:
        pass
`;
    assert.deepEqual(found(text, 'b.py'), []);
  });

  it('ignores descriptions and schemas that only name the parameter', () => {
    const text = `${QWEN_PY}ALLOWED = {"model": "模型名称", "enable_search": "是否启用搜索"}
SCHEMA = {"properties": {"enable_search": {"type": "boolean", "description": "search"}}}
`;
    assert.deepEqual(found(text, 'c.py'), []);
  });

  it('leaves local Qwen chat templates alone (vLLM, transformers)', () => {
    const text = `from transformers import AutoTokenizer
tok = AutoTokenizer.from_pretrained("Qwen/Qwen3-8B")
text = tok.apply_chat_template(messages, tokenize=False, enable_thinking=True)
r = client.chat.completions.create(model="Qwen/Qwen3-8B", extra_body={"chat_template_kwargs": {"enable_thinking": True}})
`;
    assert.deepEqual(found(text, 'local.py'), []);
  });

  it('finds the code interpreter switch and Responses tools in Python', () => {
    const text = `${QWEN_PY}r = client.chat.completions.create(model="qwen3-max-preview", messages=m, extra_body={"enable_thinking": True, "enable_code_interpreter": True})
s = client.responses.create(model="qwen3-max", input=q, tools=[{"type": "code_interpreter"}, {"type": "web_extractor"}])
`;
    assert.deepEqual(found(text, 'ci.py'), ['enable_thinking on 3', 'enable_code_interpreter on 3', 'tools.code_interpreter on 4', 'tools.web_extractor on 4']);
  });

  it('reads JSON inside strings', () => {
    const text = `${QWEN_PY}body = '{"model": "qwen-plus", "parameters": {"enable_search": true}}'\n`;
    assert.deepEqual(found(text, 'd.py'), ['enable_search on 3']);
  });

  it('flags a hard-coded key of real shape, not placeholders', () => {
    const text = `${QWEN_PY}a = OpenAI(api_key="${FAKE_KEY}")
b = OpenAI(api_key="sk-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx")
c = OpenAI(api_key="sk-your-key")
d = "sk-12ab****************************34cd"
e = "sk-0123456789abcdef0123456789abcdef"
`;
    assert.deepEqual(found(text, 'k.py'), ['api_key hardcoded 3']);
  });
});

describe('scanner: JavaScript and TypeScript', () => {
  const head = "import OpenAI from 'openai';\nconst client = new OpenAI({ baseURL: 'https://dashscope.aliyuncs.com/compatible-mode/v1' });\n";

  it('finds object literals, spreads, member assignment and n', () => {
    const text = `${head}const r = await client.chat.completions.create({
  model: 'qwen-plus',
  messages,
  n: 3,
  enable_search: true, enable_thinking: false,
  ...{ search_options: { forced_search: true } },
});
body.enable_search = true;
body["thinking_budget"] = 100;
const opts = { enable_thinking: process.env.THINK === '1' };
`;
    assert.deepEqual(found(text, 'a.ts'), [
      'n on 6',
      'enable_search on 7',
      'enable_thinking off 7',
      'forced_search on 8',
      'enable_search on 10',
      'thinking_budget on 11',
      'enable_thinking dynamic 12',
    ]);
  });

  it('does not flag types, interfaces, destructuring defaults or test expectations', () => {
    const text = `${head}interface Params { enable_search?: boolean; enable_thinking: boolean; n: number }
type P = { enable_search: boolean };
function f({ enable_search = true, n = 2 }: Params) {}
const { enable_thinking } = options;
expect(body.enable_search).toBeUndefined();
expect(body).not.toHaveProperty('enable_search');
console.log('enable_search:', true);
`;
    assert.deepEqual(found(text, 'b.ts'), []);
  });

  it('reads the web search tools of the Responses API only where the file points at Qwen', () => {
    const tools = "const r = await client.responses.create({ model: 'qwen3-max', input: 'x', tools: [{ type: 'web_search' }, { type: 'web_extractor' }, { type: 'code_interpreter' }] });\n";
    assert.deepEqual(found(head + tools, 'c.ts'), ['tools.web_search on 3', 'tools.web_extractor on 3', 'tools.code_interpreter on 3']);
    const openai = "import OpenAI from 'openai';\nconst r = await new OpenAI().responses.create({ model: 'gpt-4o', tools: [{ type: 'web_search' }] });\n";
    assert.deepEqual(found(openai, 'd.ts'), []);
  });

  it('reads minified booleans', () => {
    assert.deepEqual(found('var d="https://dashscope.aliyuncs.com";f({model:"qwen-plus",enable_search:!0,enable_thinking:!1})', 'm.js'), ['enable_search on 1', 'enable_thinking off 1']);
  });
});

describe('scanner: Java and Kotlin', () => {
  it('finds builders, put and property strings', () => {
    const text = `import com.alibaba.dashscope.aigc.generation.GenerationParam;
class A {
  void f() {
    GenerationParam param = GenerationParam.builder()
        .model("qwen-plus")
        .enableSearch(true)
        .searchOptions(SearchOptions.builder().forcedSearch(true).searchStrategy("turbo").build())
        .enableThinking(Boolean.FALSE)
        .thinkingBudget(budget)
        .build();
    Map<String, Object> extra = new HashMap<>();
    extra.put("enable_search", true);
    var o = DashScopeChatOptions.builder().withEnableSearch(true).build();
  }
  public Builder enableSearch(Boolean enableSearch) { this.enableSearch = enableSearch; return this; }
}
`;
    assert.deepEqual(found(text, 'A.java'), [
      'enable_search on 6',
      'forced_search on 7',
      'search_strategy off 7',
      'enable_thinking off 8',
      'thinking_budget dynamic 9',
      'enable_search on 12',
      'enable_search on 13',
    ]);
  });

  it('finds Kotlin named arguments, DSL blocks and mapOf pairs', () => {
    const text = `import com.alibaba.dashscope.aigc.generation.Generation
val p = QwenParams(model = "qwen-plus", enableSearch = true)
val o = options { enableThinking = true }
val m = mapOf("enable_search" to false)
fun g(enableSearch: Boolean = true) {}
`;
    assert.deepEqual(found(text, 'a.kt'), ['enable_search on 2', 'enable_thinking on 3', 'enable_search off 4']);
  });
});

describe('scanner: Go', () => {
  it('finds struct fields, maps and pointer helpers; not declarations', () => {
    const text = `package main
import "github.com/example/dashscope-go"
type Params struct {
	EnableSearch *bool \`json:"enable_search,omitempty"\`
}
func main() {
	p := dashscope.Params{Model: "qwen-plus", EnableSearch: dashscope.Bool(true), EnableThinking: lo.ToPtr(false)}
	body := map[string]any{"model": "qwen-plus", "enable_search": true}
	req.Parameters.EnableSearch = true
}
`;
    assert.deepEqual(found(text, 'main.go'), ['enable_search on 7', 'enable_thinking off 7', 'enable_search on 8', 'enable_search on 9']);
  });
});

describe('scanner: configuration files', () => {
  it('reads JSON', () => {
    const text = '{"model": "qwen-plus", "input": {}, "parameters": {"enable_search": true, "search_options": {"search_strategy": "agent"}, "n": 2}}';
    assert.deepEqual(found(text, 'req.json'), ['enable_search on 1', 'search_strategy on 1', 'n on 1']);
  });

  it('reads YAML, kebab-case included, and skips comments and block scalars', () => {
    const text = `spring:
  ai:
    dashscope:
      chat:
        options:
          model: qwen-plus
          enable-search: true   # costs money
          enable_thinking: \${THINK:false}
          # enable-search: true
description: |
  enable_search: true
tools:
  - type: web_search
  - {type: code_interpreter}
`;
    assert.deepEqual(found(text, 'application.yml'), ['enable_search on 7', 'enable_thinking dynamic 8', 'tools.web_search on 13', 'tools.code_interpreter on 14']);
  });

  it('reads TOML', () => {
    const text = '[qwen]\nmodel = "qwen-plus"\nenable_search = true\n[qwen.parameters]\nthinking_budget = 4096\nopts = { enable_thinking = false }\n';
    assert.deepEqual(found(text, 'config.toml'), ['enable_search on 3', 'thinking_budget on 5', 'enable_thinking off 6']);
  });

  it('reads .env and properties', () => {
    const env = 'DASHSCOPE_MODEL=qwen-plus\nENABLE_SEARCH=true\nQWEN_ENABLE_THINKING=0\nexport QWEN_FORCED_SEARCH="true" # search always\nN=3\nENABLE_SEARCH=\n';
    assert.deepEqual(found(env, '.env'), ['enable_search on 2', 'enable_thinking off 3', 'forced_search on 4']);
    const props = 'spring.ai.dashscope.chat.options.enable-search=true\nspring.ai.dashscope.chat.options.enable-thinking: ${THINK}\n# spring.ai.dashscope.chat.options.enable-search=true\n';
    assert.deepEqual(found(props, 'application.properties'), ['enable_search on 1', 'enable_thinking dynamic 2']);
  });

  it('reads curl bodies in shell scripts', () => {
    const text = `#!/bin/sh
# enable_search is billed per call
curl -X POST https://dashscope.aliyuncs.com/compatible-mode/v1/chat/completions \\
  -H "Authorization: Bearer $DASHSCOPE_API_KEY" \\
  -d '{
    "model": "qwen-plus",
    "messages": [{"role": "user", "content": "hi"}],
    "enable_search": true, "enable_thinking": false
  }'
curl -d "{\\"model\\": \\"qwen-plus\\", \\"enable_search\\": true}" https://x
export ENABLE_THINKING=true
`;
    assert.deepEqual(found(text, 'run.sh'), ['enable_search on 8', 'enable_thinking off 8', 'enable_search on 10', 'enable_thinking on 11']);
  });
});

describe('scanner: Markdown and notebooks', () => {
  it('scans code fences, not prose or inline code', () => {
    const text = 'Call **Qwen** through DashScope. Set `enable_search=True` to search; enable_search: true costs.\n\n```python\nr = client.chat.completions.create(model="qwen-plus", extra_body={"enable_search": True})\n```\n\n```bash\ncurl https://dashscope.aliyuncs.com -d \'{"model":"qwen-plus","enable_thinking":true}\'\n```\n';
    assert.deepEqual(found(text, 'README.md'), ['enable_search on 4', 'enable_thinking on 8']);
  });

  it('scans notebook code cells and maps offsets back to the file', () => {
    const cell = (type: string, lines: string[]): object => ({ cell_type: type, metadata: {}, source: lines, outputs: [] });
    const nb = JSON.stringify(
      {
        cells: [
          cell('markdown', ['Uses enable_search=True\n']),
          cell('code', ['import dashscope\n', 'r = dashscope.Generation.call(model="qwen-plus", enable_search=True,\n', '    enable_thinking=False)\n']),
        ],
        metadata: { kernelspec: { language: 'python' } },
      },
      null,
      1,
    );
    const findings = found(nb, 'demo.ipynb');
    assert.deepEqual(
      findings.map((f) => f.split(' ').slice(0, 2).join(' ')),
      ['enable_search on', 'enable_thinking off'],
    );
    const [first] = scan(nb, 'demo.ipynb');
    assert.equal(nb.slice(first!.start, first!.end), 'enable_search=True');
  });
});

describe('scanner: vendors', () => {
  it('does not flag Gemini thinking_budget or another product\'s enable_search', () => {
    const gemini = 'from google import genai\nfrom google.genai import types\ncfg = types.GenerateContentConfig(thinking_config=types.ThinkingConfig(thinking_budget=1024))\n';
    assert.deepEqual(found(gemini, 'g.py'), []);
    const other = "import qianfan\nresp = qianfan.ChatCompletion().do(model='ERNIE-4.0', messages=m, enable_search=True)\n";
    assert.deepEqual(found(other, 'q.py'), []);
  });

  it('needs a Qwen signal for n and tools, and accepts extra patterns from settings', () => {
    const text = 'client = OpenAI(base_url="https://llm-gateway.example.internal/v1")\nr = client.chat.completions.create(model=MODEL, messages=m, n=4)\n';
    assert.deepEqual(found(text, 'n.py'), []);
    assert.deepEqual(found(text, 'n.py', { qwenPatterns: ['llm-gateway\\.example\\.internal'] }), ['n on 2']);
  });
});
