// Which reader a file gets, from a VS Code language id or a file name.

export type LanguageKind =
  | 'python'
  | 'javascript'
  | 'java'
  | 'kotlin'
  | 'go'
  | 'json'
  | 'yaml'
  | 'toml'
  | 'dotenv'
  | 'properties'
  | 'shell'
  | 'markdown'
  | 'notebook'
  | 'generic';

const BY_LANGUAGE_ID: Readonly<Record<string, LanguageKind>> = {
  python: 'python',
  javascript: 'javascript',
  javascriptreact: 'javascript',
  typescript: 'javascript',
  typescriptreact: 'javascript',
  vue: 'javascript',
  svelte: 'javascript',
  java: 'java',
  kotlin: 'kotlin',
  go: 'go',
  json: 'json',
  jsonc: 'json',
  jsonl: 'json',
  yaml: 'yaml',
  'github-actions-workflow': 'yaml',
  dockercompose: 'yaml',
  toml: 'toml',
  dotenv: 'dotenv',
  env: 'dotenv',
  properties: 'properties',
  ini: 'properties',
  'java-properties': 'properties',
  shellscript: 'shell',
  bash: 'shell',
  sh: 'shell',
  zsh: 'shell',
  powershell: 'shell',
  markdown: 'markdown',
  mdx: 'markdown',
  'jupyter-notebook': 'notebook',
  ipynb: 'notebook',
  csharp: 'generic',
  rust: 'generic',
  php: 'generic',
  ruby: 'generic',
  swift: 'generic',
  dart: 'generic',
  scala: 'generic',
  c: 'generic',
  cpp: 'generic',
  http: 'generic',
  plaintext: 'generic',
};

const BY_EXTENSION: Readonly<Record<string, LanguageKind>> = {
  py: 'python',
  pyi: 'python',
  pyw: 'python',
  js: 'javascript',
  mjs: 'javascript',
  cjs: 'javascript',
  jsx: 'javascript',
  ts: 'javascript',
  mts: 'javascript',
  cts: 'javascript',
  tsx: 'javascript',
  vue: 'javascript',
  svelte: 'javascript',
  java: 'java',
  kt: 'kotlin',
  kts: 'kotlin',
  groovy: 'java',
  gradle: 'java',
  scala: 'java',
  go: 'go',
  json: 'json',
  jsonc: 'json',
  json5: 'json',
  jsonl: 'json',
  ndjson: 'json',
  yml: 'yaml',
  yaml: 'yaml',
  toml: 'toml',
  env: 'dotenv',
  properties: 'properties',
  ini: 'properties',
  cfg: 'properties',
  conf: 'properties',
  sh: 'shell',
  bash: 'shell',
  zsh: 'shell',
  ps1: 'shell',
  md: 'markdown',
  markdown: 'markdown',
  mdx: 'markdown',
  ipynb: 'notebook',
};

/** Markdown fence info strings (```python) → reader. */
const BY_FENCE: Readonly<Record<string, LanguageKind>> = {
  ...BY_EXTENSION,
  python: 'python',
  python3: 'python',
  javascript: 'javascript',
  typescript: 'javascript',
  node: 'javascript',
  java: 'java',
  kotlin: 'kotlin',
  golang: 'go',
  shell: 'shell',
  console: 'shell',
  shellscript: 'shell',
  curl: 'shell',
  dotenv: 'dotenv',
  yaml: 'yaml',
  http: 'generic',
  text: 'generic',
};

/** The reader for a language id (`python`) or a file name or path (`src/app.py`, `.env.local`). */
export function languageOf(languageOrFileName: string): LanguageKind {
  const byId = BY_LANGUAGE_ID[languageOrFileName];
  if (byId) {
    return byId;
  }
  const base = languageOrFileName.split(/[\\/]/).pop() ?? languageOrFileName;
  const lower = base.toLowerCase();
  if (lower === '.env' || lower.startsWith('.env.') || lower.endsWith('.env')) {
    return 'dotenv';
  }
  if (lower === 'dockerfile' || lower === 'makefile' || lower.startsWith('dockerfile.')) {
    return 'shell';
  }
  const dot = lower.lastIndexOf('.');
  if (dot >= 0) {
    const kind = BY_EXTENSION[lower.slice(dot + 1)];
    if (kind) {
      return kind;
    }
  }
  return 'generic';
}

/** The reader for a Markdown fence's info string, or undefined to guess from the content. */
export function fenceLanguage(info: string): LanguageKind | undefined {
  const word = info.trim().split(/[\s{,]/)[0]?.toLowerCase() ?? '';
  return word ? BY_FENCE[word] : undefined;
}

/** The comment that starts a line in this language, or undefined where there is none (JSON). */
export function lineCommentOf(kind: LanguageKind): string | undefined {
  switch (kind) {
    case 'python':
    case 'yaml':
    case 'toml':
    case 'dotenv':
    case 'properties':
    case 'shell':
      return '#';
    case 'javascript':
    case 'java':
    case 'kotlin':
    case 'go':
    case 'generic':
      return '//';
    case 'json':
    case 'markdown':
    case 'notebook':
      return undefined;
  }
}
