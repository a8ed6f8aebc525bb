/**
 * The shape of one catalogue entry. Every module under codes/ builds its entries with `entry`,
 * so the parameters a message needs are typed at every `diagnose(code, params)` call.
 */

/** How bad a diagnostic is; the catalogue fixes it per code. */
export type Severity = 'error' | 'warning' | 'info';

export interface Entry<P> {
  severity: Severity;
  /** One line, for the table in the README. */
  summary: string;
  message: (p: P) => string;
  hint: (p: P) => string;
}

export const entry = <P = Record<string, never>>(e: Entry<P>): Entry<P> => e;

/** Parameters of the entries about one field of a YAML file. */
export type Field = { field: string };
