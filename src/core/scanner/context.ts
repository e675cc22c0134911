// Does this file talk to Qwen Cloud (DashScope), to another vendor, or does it not say? The same parameter
// names exist elsewhere (Gemini's thinking_budget, OpenAI's web_search tool), so generic names are only
// flagged where the file points at Qwen, and nothing is flagged where it points only at someone else.

export type VendorContext = 'qwen' | 'other' | 'unknown';

const QWEN_STRONG =
  /dashscope|aliyuncs\.com|bailian|model-?studio|qwencloud|tongyi|ChatQwen|langchain_qwq|qwen[_-]agent|通义|千问|百炼|\b(?:DASHSCOPE|QWEN|BAILIAN)_[A-Z0-9_]+/i;
/** API model names as written in code: "qwen-plus", 'qwen3-max', model: qwq-32b — not Hugging Face ids (Qwen/Qwen3-8B) or Ollama tags (qwen3:8b). */
const QWEN_MODEL = /(?:^|["'`\s=:(,])(?:qwen|qwq|qvq)[0-9a-z.-]*(?=["'`\s,)\\]|$)/m;
const OTHER_VENDOR =
  /google\.genai|google\.generativeai|@google\/genai|@google\/generative-ai|generativelanguage\.googleapis|\bgemini-[0-9]|vertexai|\banthropic\b|\bclaude-[0-9a-z]|api\.openai\.com|\bgpt-[345o]|\bo[134]-mini\b|zhipuai|bigmodel\.cn|\bglm-[0-9]|qianfan|\bernie\b|baidubce|api\.deepseek\.com|moonshot|siliconflow|volces\.com|volcengine|doubao|hunyuan|minimax|baichuan|mistralai|api\.groq\.com|openrouter|together\.ai|perplexity|\bvllm\b|\bsglang\b|lmdeploy|\bollama\b|llama_cpp|apply_chat_template|chat_template_kwargs|api-inference\.modelscope|modelscope\.cn/i;

/** Compiles the user's extra patterns; invalid ones are reported, never thrown. */
export function compilePatterns(patterns: readonly string[]): { regexes: RegExp[]; invalid: string[] } {
  const regexes: RegExp[] = [];
  const invalid: string[] = [];
  for (const p of patterns) {
    if (typeof p !== 'string' || p.trim() === '') {
      continue;
    }
    try {
      regexes.push(new RegExp(p, 'i'));
    } catch {
      invalid.push(p);
    }
  }
  return { regexes, invalid };
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
