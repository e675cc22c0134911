import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { activateExtension, EXTENSION_ID, waitFor, withSetting } from './helpers';

describe('the extension in a real VS Code host', () => {
  it('activates and reports how long activation took', async () => {
    const api = await activateExtension();
    assert.equal(vscode.extensions.getExtension(EXTENSION_ID)?.isActive, true);
    assert.ok(api.activationMs > 0 && api.activationMs < 2_000, `activation took ${api.activationMs} ms`);
    console.log(`    activate() took ${api.activationMs.toFixed(1)} ms in the host`);
  });

  it('registers every command the manifest contributes', async () => {
    await activateExtension();
    const manifest = JSON.parse(readFileSync(join(vscode.extensions.getExtension(EXTENSION_ID)!.extensionPath, 'package.json'), 'utf8')) as {
      contributes: { commands: { command: string }[] };
    };
    const registered = new Set(await vscode.commands.getCommands(true));
    const missing = manifest.contributes.commands.map((c) => c.command).filter((c) => !registered.has(c));
    assert.deepEqual(missing, []);
  });

  it('shows the demo account\'s three Coding Plan windows in the view', async () => {
    const api = await activateExtension();
    await vscode.commands.executeCommand('qwenCloud.showCodingPlan');
    const nodes = await waitFor(() => {
      const children = api.planView.getChildren();
      return children.length > 0 ? children : undefined;
    }, 'the Coding Plan view to fill');
    assert.deepEqual(
      nodes.map((n) => n.id),
      ['plan', 'window:fiveHour', 'window:weekly', 'window:monthly'],
    );
    const plan = api.store.get('codingPlan').value;
    assert.ok(plan, 'the store has the plan');
    assert.equal(api.store.get('codingPlan').source?.kind, 'demo');
    for (const kind of ['fiveHour', 'weekly', 'monthly'] as const) {
      const node = nodes.find((n) => n.id === `window:${kind}`)!;
      const w = plan.windows[kind]!;
      assert.match(node.description ?? '', new RegExp(`^${w.used.toLocaleString('en-US')} / ${w.total.toLocaleString('en-US')} · `));
    }
    assert.match(nodes[0]!.description ?? '', /Demo/);
  });

  it('shows the three windows in the status bar, labelled Demo', async () => {
    const api = await activateExtension();
    const view = await waitFor(() => {
      const v = api.statusBar.view();
      return v && /%/.test(v.text) ? v : undefined;
    }, 'the status bar to show a percentage');
    assert.match(view.text, /^\$\((dashboard|warning)\) 5h \d{1,3}% · wk \d{1,3}% · mo \d{1,3}% · Demo$/);
    assert.match(view.tooltip, /\| 5-hour window \| (&nbsp;)*[\d,]+ \/ 6,000 \(\d+%\) \|/);
  });

  it('follows a setting change: remaining instead of used', async () => {
    const api = await activateExtension();
    const used = await waitFor(() => /5h (\d+)%/.exec(api.statusBar.view()?.text ?? '')?.[1], 'a used percentage');
    const restore = await withSetting('qwenCloud.statusBar.display', 'remaining');
    try {
      const text = await waitFor(() => {
        const t = api.statusBar.view()?.text ?? '';
        return / left/.test(t) ? t : undefined;
      }, 'the status bar to show what is left');
      const left = Number(/5h (\d+)%.* left/.exec(text)?.[1]);
      // The window may tick by a request between the two reads; allow one point of movement.
      assert.ok(Math.abs(left - (100 - Number(used))) <= 1, `${text} after ${used}% used`);
    } finally {
      await restore();
    }
    await waitFor(() => (/ left/.test(api.statusBar.view()?.text ?? '') ? undefined : true), 'the used display to come back');
  });
});
