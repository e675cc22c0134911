// The cost scanner in a real extension host, on the sample workspace: the background scan, diagnostics,
// CodeLens, hover, every quick fix, incremental rescans, settings, exclusions and the key API.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { findingItems } from '../../src/scanner/findingsPicker';
import { ScannerCodeFindings } from '../../src/scanner/scannerCodeFindings';
import type { HardcodedKeyOccurrence } from '../../src/scanner/scannerService';
import { bundledRipgrep, folderFiles, type ListingMethod } from '../../src/scanner/workspaceFiles';
import { activateExtension, waitFor, withSetting, diagnosticCode as ruleOf, workspaceFolderUri as folder, writeWorkspaceFile as writeFile } from './helpers';

const FAKE_KEY = 'sk-7e2b9d4f1a6c8e3b5d0f2a7c9e1b4d6f';

async function scannerDiagnostics(uri: vscode.Uri, count: number): Promise<vscode.Diagnostic[]> {
  return waitFor(() => {
    const d = vscode.languages.getDiagnostics(uri).filter((x) => x.source === 'Qwen Cloud Meter');
    return d.length === count ? d : undefined;
  }, `${count} scanner diagnostics on ${vscode.workspace.asRelativePath(uri)}`);
}


async function actionsAt(uri: vscode.Uri, range: vscode.Range): Promise<vscode.CodeAction[]> {
  return (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, range)) ?? [];
}

/** Opens a new file with one finding, applies the quick fix with the given title prefix, returns the new text. */
async function applyFix(name: string, text: string, titlePrefix: string): Promise<string> {
  const uri = await writeFile(name, text);
  const document = await vscode.workspace.openTextDocument(uri);
  await vscode.window.showTextDocument(document);
  const [diagnostic] = await scannerDiagnostics(uri, 1);
  const actions = await actionsAt(uri, diagnostic!.range);
  const action = actions.find((a) => a.title.startsWith(titlePrefix));
  assert.ok(action?.edit, `a "${titlePrefix}" action among: ${actions.map((a) => a.title).join(' | ')}`);
  assert.ok(await vscode.workspace.applyEdit(action.edit));
  if (action.command) {
    // The follow-up only shows a message: run it the way the editor would.
    void vscode.commands.executeCommand(action.command.command, ...((action.command.arguments ?? []) as unknown[]));
  }
  return document.getText();
}

describe('the cost scanner in VS Code', () => {
  before(async function () {
    this.timeout(120_000);
    const api = await activateExtension();
    await waitFor(() => api.scanner.lastWorkspaceScan, 'the first workspace scan', 60_000);
    await api.scanner.whenIdle();
  });

  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('scans the workspace in the background and reports each sample file', async () => {
    const api = await activateExtension();
    const summary = api.scanner.lastWorkspaceScan!;
    assert.equal(summary.cancelled, false);
    assert.ok(summary.filesScanned >= 7, `${summary.filesScanned} files scanned`);
    const byFile = new Map(api.scanner.all().map((f) => [vscode.workspace.asRelativePath(f.uri), f.hits.map((h) => `${h.finding.rule}:${h.finding.state}`)]));
    assert.deepEqual(byFile.get('chatbot.py'), ['api_key:hardcoded', 'enable_search:on', 'forced_search:on', 'enable_thinking:dynamic']);
    assert.deepEqual(byFile.get('src/assistant.ts'), ['n:on', 'enable_search:on', 'enable_thinking:off']);
    assert.deepEqual(byFile.get('config/application.yml'), ['enable_search:on', 'enable_thinking:dynamic']);
    assert.deepEqual(byFile.get('java/SearchClient.java'), ['enable_search:on', 'search_strategy:on']);
    assert.deepEqual(byFile.get('notebooks/thinking.ipynb'), ['enable_thinking:on', 'thinking_budget:on']);
  });

  it('puts warnings and information in the Problems panel, nothing for settings that are off', async () => {
    const chatbot = vscode.Uri.joinPath(folder(), 'chatbot.py');
    const diagnostics = await scannerDiagnostics(chatbot, 4);
    assert.deepEqual(
      diagnostics.map((d) => `${ruleOf(d)} ${vscode.DiagnosticSeverity[d.severity]} ${d.range.start.line + 1}`),
      ['api_key Warning 7', 'enable_search Warning 17', 'forced_search Warning 17', 'enable_thinking Information 26'],
    );
    assert.ok(diagnostics[0]!.message.includes('sk-4968…e583'));
    assert.ok(!diagnostics[0]!.message.includes('sk-49682f1c7a3b5d9e0f4c6a8b1d3ee583'), 'never the key itself');
    const assistant = vscode.Uri.joinPath(folder(), 'src', 'assistant.ts');
    assert.deepEqual((await scannerDiagnostics(assistant, 2)).map(ruleOf), ['n', 'enable_search']);
  });

  it('shows a CodeLens with the billing rule above each costly setting', async () => {
    const chatbot = vscode.Uri.joinPath(folder(), 'chatbot.py');
    await vscode.window.showTextDocument(chatbot);
    const lenses = await waitFor(async () => {
      const l = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', chatbot);
      return l && l.length >= 3 ? l : undefined;
    }, 'CodeLenses in chatbot.py');
    const titles = lenses.map((l) => l.command?.title ?? '');
    assert.ok(titles.some((t) => t === '$(credit-card) Price unknown. Web search is billed per call, separately from tokens.'), titles.join(' | '));
    assert.ok(titles.some((t) => t.includes('Forced search searches on every call')), titles.join(' | '));
    assert.ok(titles.some((t) => t === '$(credit-card) Decided at run time. Price unknown. Thinking tokens are billed as output tokens.'), titles.join(' | '));
    assert.equal(lenses[0]!.command?.command, 'qwenCloud.scanner.showFixes');
    // A model the price table knows gets its published figure, with the table's source in the hover.
    const priced = await writeFile('scratch/priced.py', 'import dashscope\nr = dashscope.Generation.call(model="qwen-plus", messages=m, enable_thinking=True)\n');
    await vscode.window.showTextDocument(priced);
    const [lens] = await waitFor(async () => {
      const l = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', priced);
      return l && l.length === 1 ? l : undefined;
    }, 'the CodeLens of a priced model');
    assert.equal(lens!.command?.title, '$(credit-card) qwen-plus output $1.2 per million tokens (prices of 2025-04-22). Thinking tokens are billed as output tokens.');
  });

  it('explains a finding on hover, with a documentation link', async () => {
    const chatbot = vscode.Uri.joinPath(folder(), 'chatbot.py');
    await vscode.window.showTextDocument(chatbot);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', chatbot, new vscode.Position(16, 25));
    const text = hovers
      .flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : '')))
      .join('\n')
      .replace(/&nbsp;/g, ' ')
      .replace(/\\([()])/g, '$1');
    assert.match(text, /\*\*Web search\*\*/);
    assert.match(text, /billed per call/);
    assert.match(text, /https:\/\/www\.alibabacloud\.com\/help\/en\/model-studio\/web-search/);
  });

  it('turns a setting off', async () => {
    const text = await applyFix('scratch/off.py', 'import dashscope\nr = dashscope.Generation.call(model="qwen-plus", enable_search=True)\n', 'Turn off');
    assert.equal(text, 'import dashscope\nr = dashscope.Generation.call(model="qwen-plus", enable_search=False)\n');
    await scannerDiagnostics(vscode.Uri.joinPath(folder(), 'scratch/off.py'), 0);
  });

  it('removes a setting', async () => {
    const text = await applyFix('scratch/remove.ts', "import OpenAI from 'openai';\nconst c = new OpenAI({ baseURL: 'https://dashscope.aliyuncs.com/compatible-mode/v1' });\nawait c.chat.completions.create({\n  model: 'qwen-plus',\n  enable_thinking: true,\n  messages,\n});\n", 'Remove');
    assert.equal(text, "import OpenAI from 'openai';\nconst c = new OpenAI({ baseURL: 'https://dashscope.aliyuncs.com/compatible-mode/v1' });\nawait c.chat.completions.create({\n  model: 'qwen-plus',\n  messages,\n});\n");
  });

  it('ignores a line, then a whole file, with qwen-cost-ignore comments', async () => {
    const line = await applyFix('scratch/line.yaml', 'dashscope:\n  model: qwen-plus\n  enable_search: true\n', 'Ignore Web search on this line');
    assert.equal(line, 'dashscope:\n  model: qwen-plus\n  # qwen-cost-ignore\n  enable_search: true\n');
    await scannerDiagnostics(vscode.Uri.joinPath(folder(), 'scratch/line.yaml'), 0);
    const file = await applyFix('scratch/file.go', 'package main\n\nimport "dashscope"\n\nvar p = dashscope.Params{EnableSearch: dashscope.Bool(true)}\n', 'Ignore costly parameters in this file');
    assert.ok(file.startsWith('// qwen-cost-ignore-file\npackage main\n'));
    await scannerDiagnostics(vscode.Uri.joinPath(folder(), 'scratch/file.go'), 0);
  });

  it('moves a hard-coded key to an environment variable, and the key list follows', async () => {
    const api = await activateExtension();
    const seen: (readonly HardcodedKeyOccurrence[])[] = [];
    const subscription = api.scanner.onDidChangeHardcodedKeys((keys) => seen.push(keys));
    try {
      const uri = await writeFile('scratch/key.py', `from openai import OpenAI\nclient = OpenAI(api_key="${FAKE_KEY}", base_url="https://dashscope.aliyuncs.com/compatible-mode/v1")\n`);
      await waitFor(() => (api.scanner.hardcodedKeys().some((k) => k.uri.toString() === uri.toString()) ? true : undefined), 'the new key in the key list');
      const key = api.scanner.hardcodedKeys().find((k) => k.uri.toString() === uri.toString())!;
      assert.deepEqual({ kind: key.kind, visiblePrefix: key.visiblePrefix, last4: key.last4, line: key.range.start.line }, { kind: 'sk-', visiblePrefix: 'sk-7e2b', last4: '4d6f', line: 1 });
      assert.ok(!JSON.stringify(api.scanner.hardcodedKeys()).includes(FAKE_KEY), 'the key API never carries the key');
      const text = await applyFix('scratch/key.py', `from openai import OpenAI\nclient = OpenAI(api_key="${FAKE_KEY}", base_url="https://dashscope.aliyuncs.com/compatible-mode/v1")\n`, 'Move the key');
      assert.equal(text, 'import os\nfrom openai import OpenAI\nclient = OpenAI(api_key=os.environ["DASHSCOPE_API_KEY"], base_url="https://dashscope.aliyuncs.com/compatible-mode/v1")\n');
      await waitFor(() => (api.scanner.hardcodedKeys().some((k) => k.uri.toString() === uri.toString()) ? undefined : true), 'the key to leave the list');
      assert.ok(seen.length >= 2, 'the event fired when the key appeared and when it went');
      // The sample's demo key is still there, recognisable by prefix and last four.
      assert.ok(api.scanner.hardcodedKeys().some((k) => k.visiblePrefix === 'sk-4968' && k.last4 === 'e583'));
    } finally {
      subscription.dispose();
    }
  });

  it('serves the key features: keys by visible parts, costly settings, the move-to-environment edit', async () => {
    const api = await activateExtension();
    const findings = new ScannerCodeFindings(api.scanner);
    const key = findings.keysInCode().find((k) => vscode.workspace.asRelativePath(k.uri) === 'chatbot.py');
    assert.deepEqual(key?.parts, { prefix: 'sk-4968', suffix: 'e583' });
    assert.ok(findings.costlySettings().some((s) => s.rule === 'enable_search' && vscode.workspace.asRelativePath(s.uri) === 'chatbot.py'));
    assert.ok(!findings.costlySettings().some((s) => s.rule === 'api_key'));
    const move = await findings.moveToEnvironment(key.uri, key.range);
    assert.equal(move?.envVar, 'DASHSCOPE_API_KEY');
    const edits = move.edit.get(key.uri);
    assert.ok(edits.some((e) => e.newText === 'os.environ["DASHSCOPE_API_KEY"]'), edits.map((e) => e.newText).join(' | '));
  });

  it('rescans an edited document without saving it', async () => {
    const uri = await writeFile('scratch/edit.py', 'import dashscope\nr = dashscope.Generation.call(model="qwen-plus")\n');
    const editor = await vscode.window.showTextDocument(uri);
    await scannerDiagnostics(uri, 0);
    await editor.edit((b) => b.insert(new vscode.Position(1, 47), ', enable_thinking=True, n=2, messages=m'));
    const diagnostics = await scannerDiagnostics(uri, 2);
    assert.deepEqual(diagnostics.map(ruleOf), ['enable_thinking', 'n']);
    assert.ok(editor.document.isDirty);
  });

  it('follows the severity, CodeLens and enable settings', async () => {
    const chatbot = vscode.Uri.joinPath(folder(), 'chatbot.py');
    await vscode.window.showTextDocument(chatbot);
    let restore = await withSetting('qwenCloud.scanner.severity', { enable_search: 'error', api_key: 'none' });
    try {
      const diagnostics = await waitFor(() => {
        const d = vscode.languages.getDiagnostics(chatbot).filter((x) => ruleOf(x) === 'enable_search');
        return d[0]?.severity === vscode.DiagnosticSeverity.Error ? vscode.languages.getDiagnostics(chatbot) : undefined;
      }, 'enable_search as an error');
      assert.ok(!diagnostics.some((d) => ruleOf(d) === 'api_key'));
    } finally {
      await restore();
    }
    restore = await withSetting('qwenCloud.scanner.codeLens', false);
    try {
      await waitFor(async () => ((await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', chatbot))?.length === 0 ? true : undefined), 'no CodeLens');
    } finally {
      await restore();
    }
    restore = await withSetting('qwenCloud.scanner.enabled', false);
    try {
      await scannerDiagnostics(chatbot, 0);
    } finally {
      await restore();
    }
    await scannerDiagnostics(chatbot, 4);
  });

  it('skips what files.exclude and .gitignore exclude, and files over the size cap', async () => {
    const api = await activateExtension();
    await writeFile('.gitignore', 'generated/\n');
    await writeFile('generated/client.py', 'import dashscope\nf(model="qwen-plus", enable_search=True)\n');
    await writeFile('scratch/large.py', `import dashscope\n${'x = 1\n'.repeat(400)}f(model="qwen-plus", enable_search=True)\n`);
    await writeFile('hidden-by-setting/client.py', 'import dashscope\nf(model="qwen-plus", enable_search=True)\n');
    const restore = await withSetting('qwenCloud.scanner.maxFileSize', 2048);
    const restoreExclude = await withSetting('files.exclude', { '**/hidden-by-setting': true });
    try {
      await api.scanner.rescanWorkspace();
      // File events for the new files may still arrive; the state settles once the service is idle.
      const files = await waitFor(async () => {
        await api.scanner.whenIdle();
        const now = api.scanner.all().map((f) => vscode.workspace.asRelativePath(f.uri));
        return now.includes('chatbot.py') && !now.includes('generated/client.py') && !now.includes('scratch/large.py') && !now.includes('hidden-by-setting/client.py') ? now : undefined;
      }, 'ignored and large files to be left out');
      assert.ok(files.includes('src/assistant.ts'));
      // Opening an ignored file in an editor does not bring it back.
      const ignored = vscode.Uri.joinPath(folder(), 'generated', 'client.py');
      await vscode.window.showTextDocument(ignored);
      await new Promise((r) => setTimeout(r, 1_000));
      await api.scanner.whenIdle();
      assert.deepEqual(vscode.languages.getDiagnostics(ignored).filter((d) => d.source === 'Qwen Cloud Meter'), []);
    } finally {
      await restore();
      await restoreExclude();
      await vscode.workspace.fs.delete(vscode.Uri.joinPath(folder(), '.gitignore'));
    }
  });

  it('lists every finding in a quick pick', async () => {
    const api = await activateExtension();
    const items = findingItems(api.scanner);
    const labels = items.filter((i) => i.kind === vscode.QuickPickItemKind.Separator).map((i) => i.label);
    assert.ok(labels.includes('chatbot.py') && labels.includes('src/assistant.ts'), labels.join(', '));
    assert.ok(items.some((i) => /Web search/.test(i.label) && i.description === 'chatbot.py:17'));
    // The command resolves when the picker closes: open it, close it as a person pressing Escape would.
    const shown = vscode.commands.executeCommand('qwenCloud.scanner.showFindings');
    await new Promise((r) => setTimeout(r, 1_000));
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    await shown;
  });
});

describe('the cost scanner lists the workspace as VS Code search would', () => {
  const made: string[] = [];
  const make = async (relative: string, text = 'import dashscope\n'): Promise<void> => {
    made.push(relative.split('/')[0]!);
    await writeFile(relative, text);
  };

  after(async () => {
    for (const top of new Set(made)) {
      await vscode.workspace.fs.delete(vscode.Uri.joinPath(folder(), top), { recursive: true, useTrash: false }).then(undefined, () => undefined);
    }
  });

  it('lists with the ripgrep inside VS Code, leaving out the same files as findFiles: files.exclude, search.exclude, nested .gitignore files', async () => {
    await activateExtension();
    const ws = vscode.workspace.workspaceFolders![0]!;
    assert.ok(bundledRipgrep(), `VS Code's ripgrep is found under ${vscode.env.appRoot}`);
    await make('listing/kept/a.py');
    await make('listing/by-files-exclude/b.py');
    await make('listing/by-search-exclude/c.py');
    await make('listing/nested/.gitignore', 'generated/\n*.log\n');
    await make('listing/nested/generated/d.py');
    await make('listing/nested/e.log');
    await make('listing/nested/kept.py');
    await make('listing/out/f.py');
    await make('listing/deep/out/g.py');
    const restoreFiles = await withSetting('files.exclude', { '**/.git': true, '**/by-files-exclude': true, 'listing/out': true });
    const restoreSearch = await withSetting('search.exclude', { '**/by-search-exclude/**': true, '**/node_modules': true });
    try {
      const token = new vscode.CancellationTokenSource().token;
      const listed = async (method: ListingMethod): Promise<string[]> => {
        const result = await folderFiles(ws, token, method);
        assert.equal(result.method, method);
        return result.paths.map((p) => vscode.workspace.asRelativePath(vscode.Uri.file(p), false)).filter((p) => p.startsWith('listing/')).sort();
      };
      const byRipgrep = await listed('ripgrep');
      assert.deepEqual(byRipgrep, ['listing/deep/out/g.py', 'listing/kept/a.py', 'listing/nested/.gitignore', 'listing/nested/kept.py']);
      // "listing/out" in files.exclude is the folder at the root only, not deep/out.
      assert.deepEqual(await listed('findFiles'), byRipgrep);
      // The scan itself lists this way, and the scope keeps the .gitignore rules for files that change later.
      assert.equal((await folderFiles(ws, token)).method, 'ripgrep');
      assert.ok((await folderFiles(ws, token)).gitignore.ignores(vscode.Uri.joinPath(folder(), 'listing', 'nested', 'generated', 'later.py').fsPath));
    } finally {
      await restoreFiles();
      await restoreSearch();
    }
  });
});
