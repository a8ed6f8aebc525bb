/**
 * SCORM results exported by an LMS, for teams without an LRS. An adapter recognises one LMS's
 * export by its header row and turns each row into the xAPI statements Tandem's own lessons would
 * have sent (initialized, answered, passed/failed, completed), so everything downstream (windows,
 * de-duplication, definitions) is the same as for statements. Statement ids are derived from the
 * row's content (unit, learner, attempt, what happened), so the same attempt exported twice
 * counts once. Adding an LMS is one adapter in LMS_ADAPTERS.
 */
import type { Course, Unit } from '../../course/index.js';
import type { Diagnostic } from '../../diagnostics/index.js';

export interface LmsRowContext {
  course: Course;
  unit: Unit;
  /** 1-based line of the row, for diagnostics. */
  line: number;
  file: string;
  /** A stable statement id for one thing this row says (see the module comment). */
  idFor(...parts: (string | number)[]): string;
}

export interface LmsAdapter {
  name: string;
  /** True when this header row is this adapter's export. */
  recognises(header: readonly string[]): boolean;
  /** The statements one row stands for, or a diagnostic when the row cannot be used. */
  statements(row: ReadonlyMap<string, string>, ctx: LmsRowContext): object[] | Diagnostic;
}
