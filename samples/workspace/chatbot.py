"""A support chatbot that answers with fresh facts from the web."""
import os

from openai import OpenAI

client = OpenAI(
    api_key="sk-49682f1c7a3b5d9e0f4c6a8b1d3ee583",  # fake demo key: the scanner offers to move it to an env var
    base_url="https://dashscope-intl.aliyuncs.com/compatible-mode/v1",
)


def answer(question: str) -> str:
    completion = client.chat.completions.create(
        model="qwen-plus",
        messages=[{"role": "user", "content": question}],
        # Web search is billed per call, on top of tokens; forcing it searches on every question.
        extra_body={"enable_search": True, "search_options": {"forced_search": True}},
    )
    return completion.choices[0].message.content


def summarize(text: str) -> str:
    completion = client.chat.completions.create(
        model="qwen3-max",
        messages=[{"role": "user", "content": f"Summarize: {text}"}],
        extra_body={"enable_thinking": os.getenv("THINK", "false") == "true"},
    )
    return completion.choices[0].message.content
