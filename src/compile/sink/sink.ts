/**
 * Where artifacts go: disk for the CLI, memory for tests and tools that post-process.
 *
 * A build calls `open` before it writes anything (a disk sink checks the folder is writable and
 * locks it against a second build), `remove` to take a stale release manifest away before the
 * first artifact, `write` for each file, and `close` in a `finally`, however the build ended.
 */
export interface Sink {
  /** How diagnostics name the output, e.g. its folder. */
  readonly label?: string;
  /** Prepares the output; throws a DiagnosticError (OUT_NOT_WRITABLE, OUT_LOCKED) when it cannot be used. */
  open?(): Promise<void>;
  write(relativePath: string, bytes: Uint8Array): Promise<void>;
  /**
   * What the output already holds, so a build can remove files an earlier build wrote and this
   * one did not (see compile/staleOutputs.ts). A sink without them is written to, never cleaned.
   */
  read?(relativePath: string): Promise<Uint8Array | undefined>;
  /** Every file, relative with '/' separators. */
  list?(): Promise<string[]>;
  /** Removes a file if it is there (and, on disk, folders it leaves empty). */
  remove?(relativePath: string): Promise<void>;
  /** Releases what `open` took (the lock). Never throws. */
  close?(): Promise<void>;
}
