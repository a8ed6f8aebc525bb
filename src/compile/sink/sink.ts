/** Where artifacts go: disk for the CLI, memory for tests and tools that post-process. */
export interface Sink {
  write(relativePath: string, bytes: Uint8Array): Promise<void>;
  /**
   * What the output already holds, so a build can remove files an earlier build wrote and this
   * one did not (see compile/staleOutputs.ts). A sink without them is written to, never cleaned.
   */
  read?(relativePath: string): Promise<Uint8Array | undefined>;
  /** Every file, relative with '/' separators. */
  list?(): Promise<string[]>;
  remove?(relativePath: string): Promise<void>;
}
