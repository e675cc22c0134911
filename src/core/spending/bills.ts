// Where a monthly bill stands. Bills settle early in the next month; until then the amount can still
// change (usage reaches the bill a few hours late), so the UI marks it as not final.
import { addMonths, dateKey, monthKey } from '../common/calendar';
import type { BillStatus } from '../account/model';

/** How far back the account's bills are asked for: three years of months before the current one. */
export const BILL_HISTORY_MONTHS = 36;

/** The day of the month by which last month's bill has settled. */
export const SETTLEMENT_DAY = 3;

export function billStatus(month: string, now: number): BillStatus {
  const current = monthKey(now);
  if (month >= current) {
    return 'running';
  }
  if (month === addMonths(current, -1) && Number(dateKey(now).slice(8)) < SETTLEMENT_DAY) {
    return 'pending';
  }
  return 'settled';
}
