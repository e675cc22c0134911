// Every delay the extension hands to setTimeout goes through clampDelay: Node runs a delay above
// 2^31 − 1 ms (about 24.8 days) after 1 ms, so a long wait a server asks for would become a storm.

/** The longest delay setTimeout keeps (2^31 − 1 ms, about 24.8 days). */
export const MAX_TIMER_MS = 2_147_483_647;

/** A delay setTimeout honours: NaN and negatives become 0, anything longer than MAX_TIMER_MS becomes MAX_TIMER_MS. */
export function clampDelay(ms: number): number {
  if (Number.isNaN(ms) || ms <= 0) {
    return 0;
  }
  return Math.min(MAX_TIMER_MS, ms);
}
