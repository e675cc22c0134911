/** Time as the extension sees it; injected so tests and the simulator can move it. */
export interface Clock {
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

/** A clock that only moves when told to; for tests. */
export class ManualClock implements Clock {
  constructor(private time: number) {}
  now(): number {
    return this.time;
  }
  set(time: number): void {
    this.time = time;
  }
  advance(ms: number): void {
    this.time += ms;
  }
}

/**
 * A clock that starts at `startAt` and runs at real speed from there: the extension and the simulator
 * on an agreed date (a month's first day, 29 February) while timers and countdowns still move.
 */
export function startedClock(startAt: number, base: Clock = systemClock): Clock {
  const offset = startAt - base.now();
  return { now: () => base.now() + offset };
}

/** "2028-02-29T10:00:00Z" (or any text `Date.parse` reads) as epoch ms; undefined when it is not a time. */
export function parseClockStart(text: string | undefined): number | undefined {
  if (text === undefined || text.trim() === '') {
    return undefined;
  }
  const at = Date.parse(text);
  return Number.isFinite(at) ? at : undefined;
}
