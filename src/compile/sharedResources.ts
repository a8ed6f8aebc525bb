/**
 * Lazily created, shared, always disposed: a browser for PDF printing, compiled templates. The
 * first `get` creates the resource; concurrent callers share the same promise; `disposeAll` runs
 * in the build's `finally`, so nothing outlives a failed build.
 */
export class SharedResources {
  private readonly entries = new Map<string, { value: Promise<unknown>; dispose?: (value: unknown) => Promise<void> | void }>();

  private disposed = false;

  get<T>(key: string, create: () => Promise<T>, dispose?: (value: T) => Promise<void> | void): Promise<T> {
    // After disposeAll (a stopping build), nothing may start again: no second browser behind the first.
    if (this.disposed) return Promise.reject(new Error('The build is shutting down; nothing new is started.'));
    let entry = this.entries.get(key);
    if (!entry) {
      entry = { value: create(), dispose: dispose as ((value: unknown) => Promise<void> | void) | undefined };
      this.entries.set(key, entry);
    }
    return entry.value as Promise<T>;
  }

  async disposeAll(): Promise<void> {
    this.disposed = true;
    const entries = [...this.entries.values()].reverse();
    this.entries.clear();
    for (const entry of entries) {
      try {
        const value = await entry.value;
        await entry.dispose?.(value);
      } catch {
        // A resource that failed to start has nothing to dispose; its error was already reported.
      }
    }
  }
}
