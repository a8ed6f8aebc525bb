/** Where artifacts go: disk for the CLI, memory for tests and tools that post-process. */
export interface Sink {
  write(relativePath: string, bytes: Uint8Array): Promise<void>;
}
