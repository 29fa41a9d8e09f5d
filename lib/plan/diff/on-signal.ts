/**
 * What must be undone if the process is stopped (SIGINT, SIGTERM, SIGHUP) while a diff runs: the temporary
 * worktree, the child processes planning each side, their output folders. Each is registered while it exists;
 * on a signal all run (synchronously: the process ends right after) and the process exits as the signal asks.
 */
const cleanups = new Set<() => void>();
const signals = { SIGINT: 2, SIGTERM: 15, SIGHUP: 1 } as const;

function onSignal(signal: NodeJS.Signals): void {
  for (const cleanup of [...cleanups].reverse()) {
    try {
      cleanup();
    } catch {
      // Undo the rest regardless.
    }
  }
  process.exit(128 + (signals[signal as keyof typeof signals] ?? 0));
}

/** Registers `cleanup` until the returned function is called (which also runs it). */
export function untilDone(cleanup: () => void): () => void {
  if (cleanups.size === 0) for (const s of Object.keys(signals)) process.on(s, onSignal);
  cleanups.add(cleanup);
  let done = false;
  return () => {
    if (done) return;
    done = true;
    cleanups.delete(cleanup);
    if (cleanups.size === 0) for (const s of Object.keys(signals)) process.off(s, onSignal);
    cleanup();
  };
}
