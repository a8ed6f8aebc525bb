/**
 * What `tandem preview` tells its pages: the `#preview-config` JSON block of a page and the events
 * it streams (Server-Sent Events). One definition for the server (src/preview) and the page
 * (src/runtime/preview), so the two cannot drift apart.
 */

export type BuildStatus = 'building' | 'done' | 'error';

/** A diagnostic as the page shows it: the `tandem check` text (with its code frame) and an editor link. */
export interface PageDiagnostic {
  code: string;
  severity: string;
  /** Relative to the course folder, with its line and column: `units/x/lesson.md:12:3`. */
  where?: string;
  /** An editor link to the file and line (`vscode://file/…:line:column`). */
  link?: string;
  /** Exactly what `tandem check` prints for it. */
  text: string;
}

/** Where a unit's build stands. */
export interface UnitBuildState {
  unitId: string;
  status: BuildStatus;
  /** Counts finished builds of the unit; the page reloads when it grows with status `done`. */
  generation: number;
  /** From the save (or the first request) to the end of the build. */
  ms?: number;
  diagnostics: PageDiagnostic[];
}

export interface BuildEvent extends UnitBuildState {
  type: 'build';
}

/** A statement the preview's LRS received, with what its checks found. */
export interface StatementEvent {
  type: 'statement';
  unitId: string;
  statement: Record<string, unknown>;
  problems: string[];
}

export type PreviewEvent = BuildEvent | StatementEvent | { type: 'warning'; message: string };

export interface PreviewConfig {
  page: 'index' | 'unit' | 'job-aid' | 'message';
  unitId?: string;
  adapter?: 'scorm12' | 'xapi' | 'cmi5';
  masteryScore?: number;
  /** The build the unit page opened on, and whether it can play (its first build may have failed). */
  generation?: number;
  playable?: boolean;
  expectedQr?: string | null;
}
