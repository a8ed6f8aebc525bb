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
  /** Removes a file if it is there. */
  remove?(relativePath: string): Promise<void>;
  /** Releases what `open` took (the lock). Never throws. */
  close?(): Promise<void>;
}
