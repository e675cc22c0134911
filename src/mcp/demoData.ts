// The demo account's figures, put together in the MCP server's own process when no extension answers: the
// same generated account the extension shows before sign-in, through the same store and usage history.
import { DemoAccount } from '../api/demo/demoAccount';
import { DemoSource } from '../api/demo/demoSource';
import { AGENT_RESOURCES, type AgentData, collectAgentData } from '../core/agents/agentData';
import { AccountRouter } from '../core/account/source';
import { AccountStore, type MaxAges, RESOURCE_KEYS } from '../core/account/store';
import type { Clock } from '../core/common/clock';
import { planWindows } from '../core/quota/quota';
import { UsageHistory } from '../core/quota/usageHistory';

const MAX_AGE_MS = 60_000;

export async function demoAgentData(clock: Clock): Promise<AgentData> {
  const maxAges = Object.fromEntries(RESOURCE_KEYS.map((k) => [k, MAX_AGE_MS])) as MaxAges;
  const store = new AccountStore(new AccountRouter([], new DemoSource(new DemoAccount(), clock)), clock, maxAges);
  try {
    await store.refresh(AGENT_RESOURCES);
    const history = new UsageHistory();
    const coding = store.get('codingPlan');
    if (coding.value && coding.fetchedAt !== undefined) {
      history.observe(planWindows(coding.value), coding.value.recentUsage, coding.fetchedAt, 'demo:Demo');
    }
    return await collectAgentData(store, { samples: history.samplesByKind(), now: clock.now(), topsMaxAgeMs: MAX_AGE_MS });
  } finally {
    store.dispose();
  }
}
