// What the agents' tools answer from, put together on demand: the resources they read are fetched first
// when due (through the controller, as anything on screen would be), within a few seconds, so a tool never
// waits on a slow network for long; then the store's snapshots, the usage history and the thresholds.
import { AGENT_RESOURCES, type AgentData, collectAgentData } from '../core/agents/agentData';
import type { AccountStore } from '../core/account/store';
import { MINUTE_MS } from '../core/common/calendar';
import type { Clock } from '../core/common/clock';
import type { SettingsService } from '../config/settings';
import type { AccountController } from '../connections/accountController';
import type { UsageRecorder } from '../connections/usageRecorder';

/** How long a tool waits for due data before it answers with what the store has (and says how old it is). */
const REFRESH_WAIT_MS = 8_000;

export class AgentDataService {
  constructor(
    private readonly store: AccountStore,
    private readonly controller: AccountController,
    private readonly recorder: UsageRecorder,
    private readonly settings: SettingsService,
    private readonly clock: Clock,
  ) {}

  async current(): Promise<AgentData> {
    const due = AGENT_RESOURCES.filter((k) => this.store.isDue(k));
    if (due.length > 0) {
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([this.controller.refresh(due), new Promise<void>((resolve) => (timer = setTimeout(resolve, REFRESH_WAIT_MS)))]);
      clearTimeout(timer);
    }
    const settings = this.settings.value;
    return collectAgentData(this.store, {
      samples: this.recorder.history.samplesByKind(),
      thresholds: { warning: settings.quota.warningThreshold, critical: settings.quota.criticalThreshold },
      now: this.clock.now(),
      // As the pay-as-you-go item reuses them: the same query, so one cached answer.
      topsMaxAgeMs: 6 * settings.refreshIntervalMinutes * MINUTE_MS,
    });
  }
}
