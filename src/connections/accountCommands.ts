// The account's commands: refresh, the log, the console, sign-in and sign-out, the AccessKey, and the demo
// account's plans (which follow their setting at once).
import * as vscode from 'vscode';
import { clearAccessKey, setAccessKey } from '../auth/accessKeyCommands';
import type { QwenCloudAuth } from '../auth/qwenCloudAuth';
import type { Secrets } from '../auth/secrets';
import { DEMO_PLANS, type DemoPlans } from '../api/demo/demoPlans';
import type { OpenConsole } from '../commands/openConsole';
import { registerCommand } from '../commands/runCommand';
import { SECTION, type SettingsService } from '../config/settings';
import { Commands } from '../constants';
import { isConsolePage } from '../core/common/consolePages';
import type { OutputLogger } from '../log/outputLogger';
import type { AccountController } from './accountController';
import type { NetworkService } from './networkService';

export interface AccountCommandDeps {
  readonly controller: AccountController;
  readonly settings: SettingsService;
  readonly auth: QwenCloudAuth;
  readonly secrets: Secrets;
  readonly network: NetworkService;
  readonly openConsole: OpenConsole;
  readonly log: OutputLogger;
}

export function registerAccountCommands(deps: AccountCommandDeps): vscode.Disposable {
  const { controller, settings, auth, secrets, network, openConsole, log } = deps;
  const registrations = [
    registerCommand(Commands.refresh, log, () => controller.refreshNow()),
    registerCommand(Commands.showLog, log, () => log.show()),
    registerCommand(Commands.openConsole, log, (page?: unknown) => openConsole(isConsolePage(page) ? page : 'home')),
    registerCommand(Commands.signIn, log, () => auth.signIn()),
    registerCommand(Commands.signOut, log, () => auth.signOut()),
    registerCommand(Commands.setAccessKey, log, () => setAccessKey(secrets, settings, network, log)),
    registerCommand(Commands.clearAccessKey, log, () => clearAccessKey(secrets, log)),
    registerCommand(Commands.switchDemoPlans, log, () => switchDemoPlans(settings)),
  ];
  // The demo's plans follow the setting at once: fetch both again when it changes.
  let demoPlans = settings.value.demo.plans;
  registrations.push(
    settings.onDidChange(({ value, changed }) => {
      if (changed.has('demo') && value.demo.plans !== demoPlans) {
        demoPlans = value.demo.plans;
        void controller.refresh(['codingPlan', 'tokenPlan']);
      }
    }),
  );
  return vscode.Disposable.from(...registrations);
}

/** Lets a newcomer try each plan's meter on the demo account; the choice is the `demo.plans` setting. */
async function switchDemoPlans(settings: SettingsService): Promise<void> {
  const labels: Readonly<Record<DemoPlans, { label: string; detail: string }>> = {
    codingPlan: { label: vscode.l10n.t('Coding Plan'), detail: vscode.l10n.t('Requests per 5 hours, week and month.') },
    tokenPlanPersonal: { label: vscode.l10n.t('Token Plan Personal'), detail: vscode.l10n.t('Monthly credits, with an add-on pack.') },
    tokenPlanTeam: { label: vscode.l10n.t('Token Plan Team'), detail: vscode.l10n.t('A shared credit pool with seats, and your own seat.') },
    both: { label: vscode.l10n.t('Coding Plan and Token Plan'), detail: vscode.l10n.t('Both at once, as an account that holds both sees them.') },
  };
  const current = settings.value.demo.plans;
  const items = DEMO_PLANS.map((plans) => ({ ...labels[plans], plans, ...(plans === current ? { description: vscode.l10n.t('current') } : {}) }));
  const choice = await vscode.window.showQuickPick(items, { matchOnDetail: true, title: vscode.l10n.t('The demo account\'s plans'), placeHolder: vscode.l10n.t('Which plans should the demo account hold?') });
  if (choice && choice.plans !== current) {
    await vscode.workspace.getConfiguration(SECTION).update('demo.plans', choice.plans, vscode.ConfigurationTarget.Global);
  }
}
