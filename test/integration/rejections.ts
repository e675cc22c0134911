// Counts promises rejected without a handler in the extension host while the integration tests run. The
// host logs such rejections and carries on, so a forgotten `await` or a `void` on a promise that can fail
// would pass unseen; the runner fails the run when this list is not empty.

const seen: string[] = [];

function describe(reason: unknown): string {
  if (reason instanceof Error) {
    const frames = (reason.stack ?? '').split('\n').slice(1, 4).map((l) => l.trim());
    return [`${reason.name}: ${reason.message}`, ...frames].join(' | ');
  }
  return String(reason);
}

/** Starts counting; returns a function that stops. */
export function watchUnhandledRejections(): () => void {
  const listener = (reason: unknown): void => {
    seen.push(describe(reason));
  };
  process.on('unhandledRejection', listener);
  return () => process.off('unhandledRejection', listener);
}

/** What was rejected without a handler so far, in order. */
export function unhandledRejections(): readonly string[] {
  return seen;
}

/** Drops the entries that mention `marker` (the check that the counter works makes one on purpose). */
export function forgetUnhandledRejection(marker: string): void {
  for (let i = seen.length - 1; i >= 0; i--) {
    if (seen[i]?.includes(marker)) {
      seen.splice(i, 1);
    }
  }
}
