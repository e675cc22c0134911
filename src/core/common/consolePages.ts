// Console pages the extension links to, per site. The console has no published link map: these are the
// best-known addresses, each overridable in settings (qwenCloud.advanced.consolePages) should one move.
import { isHttpsUrl } from './endpoints';

export type ConsolePage = 'home' | 'codingPlan' | 'billing' | 'invoices' | 'usageLimit' | 'apiKeys';
export const CONSOLE_PAGES: readonly ConsolePage[] = ['home', 'codingPlan', 'billing', 'invoices', 'usageLimit', 'apiKeys'];

const INTERNATIONAL: Readonly<Record<ConsolePage, string>> = {
  home: 'https://modelstudio.console.alibabacloud.com/',
  codingPlan: 'https://modelstudio.console.alibabacloud.com/ap-southeast-1/?tab=coding-plan#/efm/detail',
  billing: 'https://home.qwencloud.com/billing/overview',
  invoices: 'https://home.qwencloud.com/billing/overview',
  usageLimit: 'https://home.qwencloud.com/billing/overview',
  apiKeys: 'https://modelstudio.console.alibabacloud.com/ap-southeast-1/?tab=dashboard#/api-key',
};

const CHINA: Readonly<Record<ConsolePage, string>> = {
  home: 'https://bailian.console.aliyun.com/',
  codingPlan: 'https://bailian.console.aliyun.com/cn-beijing/?tab=model#/efm/coding_plan',
  billing: 'https://usercenter2.aliyun.com/home',
  invoices: 'https://usercenter2.aliyun.com/home',
  usageLimit: 'https://usercenter2.aliyun.com/home',
  apiKeys: 'https://bailian.console.aliyun.com/?tab=model#/api-key',
};

/** The page's address: the user's override when it is https, else the site's default. */
export function consolePageUrl(page: ConsolePage, site: 'international' | 'china', overrides: Readonly<Record<string, string>> = {}, home?: string): string {
  const override = overrides[page];
  if (override && isHttpsUrl(override)) {
    return override;
  }
  if (page === 'home' && home && isHttpsUrl(home)) {
    return home;
  }
  return (site === 'china' ? CHINA : INTERNATIONAL)[page];
}

export function isConsolePage(value: unknown): value is ConsolePage {
  return typeof value === 'string' && (CONSOLE_PAGES as readonly string[]).includes(value);
}
