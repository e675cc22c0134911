// Steady-state requests, as the simulator recorded them: which to count, and how a count at the
// shortest refresh interval scales to an hour at another.
import type { RequestRecord } from '../../test/simulator/state';

/** The requests the extension made (not the control API, nor the sign-in page), per route. */
export function countRequests(records: readonly RequestRecord[], from: number, to: number): { total: number; byRoute: Map<string, number> } {
  const byRoute = new Map<string, number>();
  let total = 0;
  for (const r of records) {
    if (r.at < from || r.at >= to || r.route.startsWith('control:') || r.route.startsWith('page:')) {
      continue;
    }
    total++;
    byRoute.set(r.route, (byRoute.get(r.route) ?? 0) + 1);
  }
  return { total, byRoute };
}

/** Requests per hour at the default interval from a count at the measured one: every max age is a multiple of the interval. */
export function perHour(count: number, minutes: number, measuredIntervalMin: number, targetIntervalMin: number): number {
  return Number(((count * 60) / minutes / (targetIntervalMin / measuredIntervalMin)).toFixed(1));
}

export function describeRoutes(byRoute: Map<string, number>): string {
  return [...byRoute].map(([route, n]) => `${route.replace(/^.*[/:]/, '')} ${n}`).join(', ') || 'none';
}
