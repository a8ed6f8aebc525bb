/**
 * The preview's builds: each unit's lesson packages (for the adapters the author has opened) and
 * its HTML job aid, built in memory with the compiler's own `build()` and the same targets as
 * `tandem build`, so what plays here is what ships. Nothing is written: the sink is memory and no
 * manifest or cache goes to disk.
 *
 * A save marks its unit dirty; one build runs at a time, and a unit saved again while it builds
 * is built once more afterwards, so the last save always wins and none is lost. A unit whose new
 * version has errors keeps serving its last good build, with the diagnostics beside it.
 */
import path from 'node:path';
import AdmZip from 'adm-zip';
import { build, MemorySink, onlineAddress } from '../compile/index.js';
import { loadCourse } from '../course/loadCourse.js';
import type { PaperSize } from '../course/model/course.js';
import { diagnose, hasErrors, type Diagnostic } from '../diagnostics/diagnostic.js';
import { formatDiagnostics } from '../diagnostics/reporter.js';
import type { BuildStatus, PageDiagnostic, UnitBuildState } from '../runtime/contract/previewMessages.js';
import { PreviewCache } from './previewCache.js';

export type { BuildStatus, PageDiagnostic } from '../runtime/contract/previewMessages.js';
/** A unit's build state, as the preview's event stream sends it (with `type: 'build'`). */
export type BuildEvent = UnitBuildState;

export type PlayAdapter = 'scorm12' | 'xapi' | 'cmi5';
export const PLAY_ADAPTERS: readonly PlayAdapter[] = ['scorm12', 'xapi', 'cmi5'];
const JOB_AID_HTML = 'job-aid-html';
export interface UnitSummary {
  id: string;
  title: string;
  objective: string;
  hasLesson: boolean;
  hasJobAid: boolean;
  masteryScore?: number;
  /** What the job aid's QR code must hold (its online address), when the course sets `job_aid_url`. */
  qrUrl?: string;
}

export interface CourseSummary {
  id: string;
  title: string;
  baseIri: string;
  papers: PaperSize[];
  units: UnitSummary[];
}

interface UnitState {
  status: BuildStatus;
  generation: number;
  files: Map<PlayAdapter, Map<string, Buffer>>;
  jobAid?: Buffer;
  /** Printed job aids by `<generation>:<paper>`. */
  printed: Map<string, Buffer>;
  /** The targets the author has opened for this unit: a save rebuilds these and no others. */
  wanted: Set<PlayAdapter | typeof JOB_AID_HTML>;
  last?: BuildEvent;
  /** Resolved when the unit's next build ends. */
  waiters: (() => void)[];
  /** The build running now. */
  current?: Promise<void>;
  dirtySince?: number;
}

export class UnitBuilds {
  private readonly cache = new PreviewCache();
  private readonly units = new Map<string, UnitState>();
  private readonly dirty = new Set<string>();
  private running: Promise<void> | undefined;
  private summary: CourseSummary | undefined;
  private readonly printing = new Map<string, Promise<PageDiagnostic[]>>();

  constructor(
    readonly courseRoot: string,
    private readonly onEvent: (event: BuildEvent) => void,
    /** The compiler's build (tests pass one that fails the way a broken install does). */
    private readonly runBuild: typeof build = build,
  ) {}

  /** The course as last loaded: its units for the index page, and the course-level diagnostics. */
  async loadSummary(): Promise<{ summary?: CourseSummary; diagnostics: Diagnostic[]; sources: Map<string, string> }> {
    const loaded = await loadCourse(this.courseRoot, { unitCache: this.cache });
    const course = loaded.course;
    if (!course) return { diagnostics: loaded.diagnostics, sources: loaded.sources };
    this.summary = {
      id: course.config.id,
      title: course.config.title,
      baseIri: course.config.baseIri,
      papers: [...course.config.jobAids.paper],
      units: course.units.map((u) => ({
        id: u.id,
        title: u.contract.title,
        objective: u.contract.objective.statement,
        hasLesson: u.lesson !== undefined,
        hasJobAid: u.jobAid !== undefined,
        masteryScore: u.contract.lesson.masteryScore ?? course.config.defaults.masteryScore,
        ...(onlineAddress(course, u) ? { qrUrl: onlineAddress(course, u)!.printedUrl } : {}),
      })),
    };
    return { summary: this.summary, diagnostics: loaded.diagnostics, sources: loaded.sources };
  }

  get course(): CourseSummary | undefined {
    return this.summary;
  }

  /** The unit's latest build event (status and diagnostics), if it was built. */
  state(unitId: string): BuildEvent | undefined {
    return this.units.get(unitId)?.last;
  }

  /** The files of the unit's last good package for `adapter`, building it first if it never was. */
  async files(unitId: string, adapter: PlayAdapter): Promise<Map<string, Buffer> | undefined> {
    const state = this.stateOf(unitId);
    if (!state.files.has(adapter)) {
      if (!state.wanted.has(adapter)) {
        state.wanted.add(adapter);
        await this.rebuild([unitId]);
      } else if (this.dirty.has(unitId)) {
        // Asked for by an earlier request: wait for the build that includes it, do not start another.
        await new Promise<void>((resolve) => state.waiters.push(resolve));
      } else if (state.current) await state.current;
    }
    return state.files.get(adapter);
  }

  /** The unit's HTML job aid from its last good build. */
  async jobAid(unitId: string): Promise<Buffer | undefined> {
    const state = this.stateOf(unitId);
    if (!state.wanted.has(JOB_AID_HTML)) {
      state.wanted.add(JOB_AID_HTML);
      await this.rebuild([unitId]);
    } else if (this.dirty.has(unitId)) await new Promise<void>((resolve) => state.waiters.push(resolve));
    else if (state.current) await state.current;
    return state.jobAid;
  }

  /**
   * The unit's job aid printed on `paper`, as `tandem build --target job-aid-pdf` prints it: on demand
   * (printing starts a browser), kept until the unit is built again.
   */
  async printed(unitId: string, paper: string): Promise<{ pdf?: Buffer; diagnostics: PageDiagnostic[] }> {
    const state = this.stateOf(unitId);
    const generation = state.generation;
    // One print of every paper size per build, however many print previews ask at once.
    const key = `${unitId}:${generation}`;
    let printing = this.printing.get(key);
    if (!printing) {
      printing = this.printAll(unitId, state, generation);
      this.printing.set(key, printing);
      void printing.finally(() => this.printing.delete(key));
    }
    const diagnostics = state.printed.has(`${generation}:${paper}`) ? [] : await printing;
    const pdf = state.printed.get(`${generation}:${paper}`);
    return pdf ? { pdf, diagnostics: [] } : { diagnostics };
  }

  private async printAll(unitId: string, state: UnitState, generation: number): Promise<PageDiagnostic[]> {
    const result = await this.runBuild({ courseDir: this.courseRoot, targets: ['job-aid-pdf'], units: [unitId], sink: new MemorySink(), cache: this.cache, manifest: false });
    state.printed.clear();
    for (const a of result.artifacts) {
      const paper = /-([a-z0-9]+)\.pdf$/.exec(a.path)?.[1];
      if (paper) state.printed.set(`${generation}:${paper}`, Buffer.from(a.bytes));
    }
    return result.diagnostics.filter((d) => d.severity === 'error' && concerns(d, unitId, this.courseRoot)).map((d) => pageDiagnostic(d, this.courseRoot, result.sources));
  }

  /** Marks units changed (a save) and resolves when each has been built again. */
  rebuild(unitIds: readonly string[]): Promise<void> {
    const now = Date.now();
    const done = unitIds.map((id) => {
      const state = this.stateOf(id);
      state.dirtySince ??= now;
      this.dirty.add(id);
      return new Promise<void>((resolve) => state.waiters.push(resolve));
    });
    this.running ??= this.drain().finally(() => (this.running = undefined));
    return Promise.all(done).then(() => undefined);
  }

  /** Resolves when no build is running or waiting. */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  /** Units the author has opened: a change of the config or theme rebuilds these. */
  openedUnits(): string[] {
    return [...this.units.entries()].filter(([, s]) => s.last !== undefined || s.wanted.size > 0).map(([id]) => id);
  }

  private stateOf(unitId: string): UnitState {
    let state = this.units.get(unitId);
    if (!state) {
      state = { status: 'building', generation: 0, files: new Map(), printed: new Map(), wanted: new Set(), waiters: [] };
      this.units.set(unitId, state);
    }
    return state;
  }

  private async drain(): Promise<void> {
    while (this.dirty.size) {
      const [unitId] = this.dirty;
      this.dirty.delete(unitId!);
      const state = this.stateOf(unitId!);
      state.current = this.buildUnit(unitId!);
      await state.current;
      state.current = undefined;
    }
  }

  private async buildUnit(unitId: string): Promise<void> {
    const state = this.stateOf(unitId);
    const started = state.dirtySince ?? Date.now();
    state.dirtySince = undefined;
    const waiters = state.waiters.splice(0);
    // build() takes no targets to mean all of them (PDFs too): a unit nobody opened is not built.
    if (state.wanted.size === 0) {
      state.status = state.last?.status ?? 'done';
      for (const resolve of waiters) resolve();
      return;
    }
    state.status = 'building';
    this.onEvent({ unitId, status: 'building', generation: state.generation, diagnostics: state.last?.diagnostics ?? [] });
    let diagnostics: Diagnostic[];
    let sources = new Map<string, string>();
    try {
      const result = await this.runBuild({
        courseDir: this.courseRoot,
        targets: [...state.wanted],
        units: [unitId],
        sink: new MemorySink(),
        cache: this.cache,
        manifest: false,
      });
      sources = result.sources;
      diagnostics = result.diagnostics.filter((d) => concerns(d, unitId, this.courseRoot));
      if (result.course && !result.course.units.some((u) => u.id === unitId) && !result.skippedUnits.includes(unitId)) {
        diagnostics.push(diagnose('PREVIEW_UNIT_NOT_FOUND', { unit: unitId, known: result.course.units.map((u) => u.id).join(', ') || '(none)' }));
      }
      if (!hasErrors(diagnostics)) {
        for (const artifact of result.artifacts) {
          if (artifact.target === JOB_AID_HTML) state.jobAid = Buffer.from(artifact.bytes);
          else if ((PLAY_ADAPTERS as readonly string[]).includes(artifact.target)) state.files.set(artifact.target as PlayAdapter, unzip(artifact.bytes));
        }
      }
      if (result.course) await this.loadSummary().catch(() => undefined);
    } catch (error) {
      // A bug or a broken install, not the author's text: say so in the page rather than stop the server.
      diagnostics = [diagnose('PREVIEW_BUILD_FAILED', { unit: unitId, reason: error instanceof Error ? error.message : String(error) })];
    }
    state.generation++;
    state.status = hasErrors(diagnostics) ? 'error' : 'done';
    state.last = { unitId, status: state.status, generation: state.generation, ms: Date.now() - started, diagnostics: diagnostics.map((d) => pageDiagnostic(d, this.courseRoot, sources)) };
    this.onEvent(state.last);
    for (const resolve of waiters) resolve();
  }
}

/** The unit's own diagnostics and the course-wide ones; not the other units'. */
function concerns(d: Diagnostic, unitId: string, root: string): boolean {
  if (d.unitId !== undefined) return d.unitId === unitId;
  if (!d.file) return true;
  const rel = path.relative(root, d.file).split(path.sep);
  return rel[0] !== 'units' && rel[0] !== 'paths' ? true : rel[0] === 'units' && rel[1] === unitId;
}

function pageDiagnostic(d: Diagnostic, root: string, sources: ReadonlyMap<string, string>): PageDiagnostic {
  // The block `tandem check` prints for it, without the summary line that follows a report.
  const text = formatDiagnostics([d], 'human', { cwd: root, sources, color: false }).split('\n\n')[0]!.trimEnd();
  if (!d.file) return { code: d.code, severity: d.severity, text };
  const rel = path.relative(root, d.file).split(path.sep).join('/');
  const at = d.line ? `:${d.line}:${d.column ?? 1}` : '';
  return { code: d.code, severity: d.severity, text, where: `${rel}${at}`, link: `vscode://file${encodeURI(d.file.split(path.sep).join('/').replace(/^(?!\/)/, '/'))}${at}` };
}

function unzip(bytes: Uint8Array): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  for (const entry of new AdmZip(Buffer.from(bytes)).getEntries()) if (!entry.isDirectory) files.set(entry.entryName, entry.getData());
  return files;
}
