// Wrong key, wrong endpoint, in a real extension host: the scanner's endpoint_mismatch finding with its
// quick fix, and, with a plan active on the account (the demo's Coding Plan), a coding agent's
// configuration that holds a pay-as-you-go key.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension, waitFor, diagnosticCode as codeOf, workspaceFolderUri as folder, writeWorkspaceFile as writeFile } from './helpers';

// Fake keys of the real shapes.
const PAYG_KEY = 'sk-3c8e1f7a9d2b6e4c0a5f8d1b7e3c9a6f';
const PLAN_KEY = 'sk-sp-Vq4Nz8Tk2Rm6Yw1Hc9Lp3Gd7Bx5Js0Fe';


function diagnosticsWith(uri: vscode.Uri, code: string): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => codeOf(d) === code);
}

describe('wrong key, wrong endpoint', () => {
  const written: vscode.Uri[] = [];

  before(async function () {
    this.timeout(120_000);
    const api = await activateExtension();
    await waitFor(() => api.scanner.lastWorkspaceScan, 'the first workspace scan', 60_000);
    await waitFor(() => api.store.get('codingPlan').value, "the demo account's Coding Plan", 30_000);
  });

  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  after(async () => {
    for (const uri of written) {
      await vscode.workspace.fs.delete(uri, { useTrash: false }).then(undefined, () => undefined);
    }
    await vscode.workspace.fs.delete(vscode.Uri.joinPath(folder(), '.claude'), { recursive: true, useTrash: false }).then(undefined, () => undefined);
  });

  it('flags a Coding Plan key with the pay-as-you-go base URL, and the quick fix puts in the plan endpoint', async () => {
    const uri = await writeFile('agent.env', `OPENAI_API_KEY=${PLAN_KEY}\nOPENAI_BASE_URL=https://dashscope-intl.aliyuncs.com/compatible-mode/v1\n`);
    written.push(uri);
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document);
    const [mismatch] = await waitFor(() => {
      const d = diagnosticsWith(uri, 'endpoint_mismatch');
      return d.length === 1 ? d : undefined;
    }, 'one endpoint_mismatch diagnostic');
    assert.equal(mismatch!.range.start.line, 1, 'on the base URL line');
    assert.equal(mismatch!.severity, vscode.DiagnosticSeverity.Warning);
    assert.ok(!mismatch!.message.includes(PLAN_KEY), 'the key itself is never shown');
    const actions = (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, mismatch!.range)) ?? [];
    const fix = actions.find((a) => a.title.startsWith('Use the matching endpoint'));
    assert.ok(fix?.edit, `the endpoint fix among: ${actions.map((a) => a.title).join(' | ')}`);
    assert.equal(fix.isPreferred, true, 'offered as the preferred fix');
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    assert.match(document.getText(), /^OPENAI_BASE_URL=https:\/\/coding-intl\.dashscope\.aliyuncs\.com\/v1$/m);
    await waitFor(() => (diagnosticsWith(uri, 'endpoint_mismatch').length === 0 ? true : undefined), 'the mismatch gone after the fix');
  });

  it("warns, with a plan active, that a coding agent's settings hold a pay-as-you-go key; an application's do not", async () => {
    const claude = await writeFile(
      '.claude/settings.json',
      JSON.stringify({ env: { ANTHROPIC_BASE_URL: 'https://dashscope-intl.aliyuncs.com/apps/anthropic', ANTHROPIC_AUTH_TOKEN: PAYG_KEY } }, null, 2),
    );
    const app = await writeFile('app.env', `DASHSCOPE_API_KEY=${PAYG_KEY}\nBASE_URL=https://dashscope-intl.aliyuncs.com/compatible-mode/v1\n`);
    written.push(app);
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(claude));
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(app));
    const [warning] = await waitFor(() => {
      const d = diagnosticsWith(claude, 'payg_key_with_plan');
      return d.length === 1 ? d : undefined;
    }, "the plan-key warning on Claude Code's settings");
    assert.match(warning!.message, /Coding Plan/);
    assert.match(warning!.message, /Claude Code/);
    assert.match(warning!.message, /sk-3c8e…9a6f/);
    assert.ok(!warning!.message.includes(PAYG_KEY));
    // The application's own key is hard-coded (the scanner says so), but not "the wrong key for the plan".
    await waitFor(() => (vscode.languages.getDiagnostics(app).some((d) => codeOf(d) === 'api_key') ? true : undefined), "the app's key found");
    assert.deepEqual(diagnosticsWith(app, 'payg_key_with_plan'), []);
  });
});
