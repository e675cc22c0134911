// Free quotas as the spend item's tooltip and the spending panel show them: what is still usable first,
// amounts in short form, unit names in the user's language. Usage inside a free quota produces no bill.
import * as l10n from '@vscode/l10n';
import { formatShortCount } from '../common/format';
import type { FreeQuota, FreeQuotaStatus } from '../account/model';

/** "tokens", "images", "seconds", "characters" in the user's language; another unit as the backend names it. */
export function freeQuotaUnitName(unit: string): string {
  switch (unit) {
    case 'tokens':
      return l10n.t('tokens');
    case 'images':
      return l10n.t('images');
    case 'seconds':
      return l10n.t('seconds');
    case 'characters':
      return l10n.t('characters');
    default:
      return unit;
  }
}

const STATUS_ORDER: readonly FreeQuotaStatus[] = ['valid', 'exhausted', 'expired'];

/** Usable quotas first (the least left first, since they run out soonest), then used-up, then expired; by model within each. */
export function orderFreeQuota(quotas: readonly FreeQuota[]): FreeQuota[] {
  const shareLeft = (q: FreeQuota): number => (q.total > 0 ? q.remaining / q.total : 0);
  return [...quotas].sort(
    (a, b) =>
      STATUS_ORDER.indexOf(a.status) - STATUS_ORDER.indexOf(b.status) ||
      (a.status === 'valid' ? shareLeft(a) - shareLeft(b) : 0) ||
      a.model.localeCompare(b.model),
  );
}

/** "528.2K of 1M tokens left". */
export function freeQuotaLeft(quota: FreeQuota, locale?: string): string {
  return l10n.t('{0} of {1} {2} left', formatShortCount(quota.remaining, locale), formatShortCount(quota.total, locale), freeQuotaUnitName(quota.unit));
}

/** Whether the quota can still be used: valid, with something left. */
export function isUsable(quota: FreeQuota): boolean {
  return quota.status === 'valid' && quota.remaining > 0;
}
