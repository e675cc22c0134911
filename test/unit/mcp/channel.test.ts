// The local channel between the extension and the MCP server, both ends in plain Node: the figures go
// through with the token in the channel file, and nothing goes without it or from a file others can read.
import * as assert from 'node:assert/strict';
import { chmod, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AgentChannel } from '../../../src/agents/agentChannel';
import { AGENT_DATA_VERSION, type AgentData } from '../../../src/core/agents/agentData';
import { silentLogger } from '../../../src/core/common/logger';
import { DEFAULT_THRESHOLDS } from '../../../src/core/quota/thresholds';
import { ChannelError, defaultChannelFiles, fetchAgentData, findChannelFile } from '../../../src/mcp/channelClient';

const DATA: AgentData = {
  version: AGENT_DATA_VERSION,
  takenAt: Date.parse('2026-11-26T06:30:00Z'),
  plans: { value: null, fetchedAt: Date.parse('2026-11-26T06:29:00Z'), source: { kind: 'demo', label: 'Demo' }, loading: false, unavailable: false },
  samples: {},
  spend: { loading: true, unavailable: false },
  limit: { loading: true, unavailable: false },
  thresholds: DEFAULT_THRESHOLDS,
};

const posix = process.platform !== 'win32';

describe('the agents\' local channel', () => {
  let folder: string;
  let channel: AgentChannel;
  let asked = 0;

  beforeEach(async () => {
    folder = join(await mkdtemp(join(tmpdir(), 'qcm-channel-')), 'globalStorage');
    asked = 0;
    channel = new AgentChannel(folder, async () => (asked++, DATA), silentLogger);
    await channel.start();
  });

  afterEach(async () => {
    channel.dispose();
    await rm(join(folder, '..'), { recursive: true, force: true });
  });

  it('hands the figures to a reader of the channel file, which only its user may read', async () => {
    assert.deepEqual(await fetchAgentData(channel.file), DATA);
    assert.equal(asked, 1);
    if (posix) {
      assert.equal((await stat(channel.file)).mode & 0o777, 0o600);
      assert.equal((await stat(folder)).mode & 0o777, 0o700);
    }
    const info = JSON.parse(await readFile(channel.file, 'utf8')) as Record<string, unknown>;
    assert.deepEqual(Object.keys(info).sort(), ['pid', 'port', 'token', 'version']);
  });

  it('answers nothing to a wrong token', async () => {
    const info = JSON.parse(await readFile(channel.file, 'utf8')) as { token: string };
    const forged = join(folder, 'forged.json');
    await writeFile(forged, JSON.stringify({ ...info, token: 'f'.repeat(64) }), { mode: 0o600 });
    await assert.rejects(fetchAgentData(forged), (e: unknown) => e instanceof ChannelError && /answered 401/.test(e.message));
    assert.equal(asked, 0);
  });

  it('refuses a channel file others could read (where files have modes), and says when there is none', async () => {
    if (posix) {
      await chmod(channel.file, 0o644);
      await assert.rejects(fetchAgentData(channel.file), /readable by others than its owner/);
    }
    await assert.rejects(fetchAgentData(join(folder, 'missing.json')), /no channel file at/);
    assert.equal(asked, 0);
  });

  it('removes its file when it stops, unless another window has written its own since', async () => {
    channel.dispose();
    await waitUntil(async () => (await stat(channel.file).catch(() => undefined)) === undefined);
    const other = new AgentChannel(folder, async () => DATA, silentLogger);
    await other.start();
    const mine = new AgentChannel(folder, async () => DATA, silentLogger);
    await mine.start();
    await other.writeFile();
    mine.dispose();
    await new Promise((r) => setTimeout(r, 100));
    assert.deepEqual(await fetchAgentData(other.file), DATA);
    other.dispose();
  });

  it('is found where VS Code keeps global storage, or where the environment says', async () => {
    const linux = defaultChannelFiles({}, 'linux', '/home/u');
    assert.ok(linux.includes('/home/u/.config/Code/User/globalStorage/qwen-cloud-meter.qwen-cloud-meter/agent-channel.json'), linux.join('\n'));
    assert.ok(linux.includes('/home/u/.local/share/code-server/User/globalStorage/qwen-cloud-meter.qwen-cloud-meter/agent-channel.json'));
    assert.ok(defaultChannelFiles({}, 'darwin', '/Users/u').includes('/Users/u/Library/Application Support/Code/User/globalStorage/qwen-cloud-meter.qwen-cloud-meter/agent-channel.json'));
    assert.equal(await findChannelFile(undefined, { QCM_AGENT_CHANNEL: '/x/agent-channel.json' }), '/x/agent-channel.json');
    assert.equal(await findChannelFile('/y.json', { QCM_AGENT_CHANNEL: '/x/agent-channel.json' }), '/y.json');
  });
});

async function waitUntil(probe: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + 2_000;
  while (!(await probe())) {
    assert.ok(Date.now() < deadline, 'timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}
