/**
 * Loads that coalesce without going stale: `load()` resolves with a result that was started
 * after the call. A call while a load runs does not share it (that load may have read the
 * database before the change the caller was told about); it gets the one load that starts when
 * the running one ends, shared by every call made meanwhile. At most one load runs at a time.
 */
export function freshLoader<T>(loadOnce: () => Promise<T>): () => Promise<T> {
  let running: Promise<T> | null = null;
  let next: Promise<T> | null = null;
  const start = (): Promise<T> => {
    const p: Promise<T> = loadOnce().finally(() => {
      if (running === p) running = null;
    });
    running = p;
    return p;
  };
  return () => {
    if (!running) return start();
    next ??= running
      .catch(() => undefined)
      .then(() => {
        next = null;
        return start();
      });
    return next;
  };
}
