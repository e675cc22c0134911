// A coding assistant that drafts several answers and lets the user pick one.
import OpenAI from 'openai';

const client = new OpenAI({
  apiKey: process.env.DASHSCOPE_API_KEY,
  baseURL: 'https://dashscope-intl.aliyuncs.com/compatible-mode/v1',
});

export async function draft(prompt: string): Promise<string[]> {
  const completion = await client.chat.completions.create({
    model: 'qwen3-coder-plus',
    messages: [{ role: 'user', content: prompt }],
    n: 3,
    // @ts-expect-error DashScope extension to the OpenAI request
    enable_search: true,
    enable_thinking: false,
  });
  return completion.choices.map((choice) => choice.message.content ?? '');
}
