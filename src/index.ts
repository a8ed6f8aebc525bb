/**
 * Tandem as a library: `import { build, check } from 'tandem'`. The CLI is a thin front end over
 * these; tests and other tools (editors, CI scripts) call them directly.
 *
 * - check(courseDir) → { course, diagnostics, sources }: config, discover, load, validate.
 * - build({ courseDir, sink, targets, … }) → { records, manifest, diagnostics, … }.
 * - formatDiagnostics(diagnostics, 'human' | 'json' | 'github', options) → text.
 */
export { check, type CheckResult, type Course, type Unit, type LearningPath } from './course/index.js';
export {
  build,
  BuildCache,
  DEFAULT_SOURCE_DATE_EPOCH,
  DiskSink,
  MemorySink,
  TARGETS,
  type BuildOptions,
  type BuildProgress,
  type BuildResult,
  type JobCache,
  type Sink,
  type Target,
} from './compile/index.js';
export { CATALOGUE, formatDiagnostics, type Diagnostic, type DiagnosticCode, type ReportFormat } from './diagnostics/index.js';
export { mergeManifests, type ReleaseManifest } from './release/index.js';
