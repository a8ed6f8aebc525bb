/** What a command may use of the process, passed in so commands can be tested without one. */
export interface CommandIO {
  out(text: string): void;
  err(text: string): void;
  cwd: string;
  color: boolean;
  isTTY: boolean;
  env: NodeJS.ProcessEnv;
  /** Aborted (with the signal's name as reason) when the process is asked to stop: a build then stops early. */
  signal?: AbortSignal;
}

export const EXIT_OK = 0;
export const EXIT_PROBLEMS = 1;
export const EXIT_USAGE = 2;
