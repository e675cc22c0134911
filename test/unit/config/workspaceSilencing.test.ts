import * as assert from 'node:assert/strict';
import { type InspectedValues, scannerSilencedByWorkspace } from '../../../src/config/workspaceSilencing';

function inspecting(values: Partial<Record<'enabled' | 'severity', InspectedValues>>) {
  return (key: 'enabled' | 'severity'): InspectedValues | undefined => values[key];
}

describe('what a workspace turns off in the cost scanner', () => {
  it('names the scanner turned off and each rule set to none, at workspace or folder level', () => {
    assert.deepEqual(
      scannerSilencedByWorkspace(inspecting({ enabled: { workspaceFolderValue: false }, severity: { workspaceValue: { api_key: 'none', enable_search: 'info' }, workspaceFolderValue: { enable_thinking: 'none' } } })),
      ['qwenCloud.scanner.enabled', 'qwenCloud.scanner.severity.api_key', 'qwenCloud.scanner.severity.enable_thinking'],
    );
  });

  it('says nothing of the user\'s own settings or of values that keep findings', () => {
    assert.deepEqual(scannerSilencedByWorkspace(inspecting({})), []);
    assert.deepEqual(scannerSilencedByWorkspace(inspecting({ enabled: { workspaceValue: true }, severity: { workspaceValue: { api_key: 'error' } } })), []);
    assert.deepEqual(scannerSilencedByWorkspace(inspecting({ severity: { workspaceValue: 'none' } })), [], 'a malformed value hides nothing');
  });
});
