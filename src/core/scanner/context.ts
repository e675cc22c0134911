// Does this file talk to Qwen Cloud (DashScope), to another vendor, or does it not say? The same parameter
// names exist elsewhere (Gemini's thinking_budget, OpenAI's web_search tool), so generic names are only
// flagged where the file points at Qwen, and nothing is flagged where it points only at someone else.
import { MAX_PATTERN_COUNT, refusePattern } from './safePattern';

export type VendorContext = 'qwen' | 'other' | 'unknown';

const QWEN_STRONG =
  /dashscope|aliyuncs\.com|bailian|model-?studio|qwencloud|tongyi|ChatQwen|langchain_qwq|qwen[_-]agent|通义|千问|百炼|\b(?:DASHSCOPE|QWEN|BAILIAN)_[A-Z0-9_]+/i;
/** API model names as written in code: "qwen-plus", 'qwen3-max', model: qwq-32b — not Hugging Face ids (Qwen/Qwen3-8B) or Ollama tags (qwen3:8b). */
const QWEN_MODEL = /(?:^|["'`\s=:(,])(?:qwen|qwq|qvq)[0-9a-z.-]*(?=["'`\s,)\\]|$)/m;
const OTHER_VENDOR =
  /google\.genai|google\.generativeai|@google\/genai|@google\/generative-ai|generativelanguage\.googleapis|\bgemini-[0-9]|vertexai|\banthropic\b|\bclaude-[0-9a-z]|api\.openai\.com|\bgpt-[345o]|\bo[134]-mini\b|zhipuai|bigmodel\.cn|\bglm-[0-9]|qianfan|\bernie\b|baidubce|api\.deepseek\.com|moonshot|siliconflow|volces\.com|volcengine|doubao|hunyuan|minimax|baichuan|mistralai|api\.groq\.com|openrouter|together\.ai|perplexity|\bvllm\b|\bsglang\b|lmdeploy|\bollama\b|llama_cpp|apply_chat_template|chat_template_kwargs|api-inference\.modelscope|modelscope\.cn/i;

export interface CompiledPatterns {
  readonly regexes: RegExp[];
  /** Not regular expressions at all. */
  readonly invalid: string[];
  /** Valid, but could take too long to run on a file (see safePattern.ts), or past the count cap. */
  readonly unsafe: string[];
}

/** Compiles the user's extra patterns; invalid and unsafe ones are reported, never thrown or run. */
export function compilePatterns(patterns: readonly string[]): CompiledPatterns {
  const regexes: RegExp[] = [];
  const invalid: string[] = [];
  const unsafe: string[] = [];
  for (const p of patterns) {
    if (typeof p !== 'string' || p.trim() === '') {
      continue;
    }
    let regex: RegExp;
    try {
      regex = new RegExp(p, 'i');
    } catch {
      invalid.push(p);
      continue;
    }
    if (regexes.length >= MAX_PATTERN_COUNT || refusePattern(p) !== undefined) {
      unsafe.push(p);
    } else {
      regexes.push(regex);
    }
  }
  return { regexes, invalid, unsafe };
}

export function vendorContext(text: string, extra: readonly RegExp[] = []): VendorContext {
  if (QWEN_STRONG.test(text) || QWEN_MODEL.test(text) || extra.some((r) => r.test(text))) {
    return 'qwen';
  }
  return OTHER_VENDOR.test(text) ? 'other' : 'unknown';
}

/** Anything that may point at Qwen: a superset of the context patterns above, cheap to test. */
export const QWEN_HINT = /dashscope|aliyuncs|bailian|model-?studio|qwen|qwq|qvq|tongyi|通义|千问|百炼/i;

/** Cheap: could the file be about Qwen at all? (The `n` rule needs it, whatever else the file holds.) */
export function mayPointAtQwen(text: string, extra: readonly RegExp[] = []): boolean {
  return QWEN_HINT.test(text) || extra.some((r) => r.test(text));
}
