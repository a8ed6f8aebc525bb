/**
 * Watches the course folder and says which units a save touched. chokidar, not bare fs.watch:
 * editors save by writing a temporary file and renaming it over the original (an "atomic" save),
 * which fs.watch reports as a rename of a file that no longer exists, and some file systems
 * (network shares, containers' bind mounts, WSL's /mnt) send no events at all. Marp's watch mode
 * missed changes for exactly these reasons (marp-team/marp-cli#642). So: chokidar's atomic-save
 * handling, polling when asked (`--poll`, or CHOKIDAR_USEPOLLING=1), and polling from then on
 * when the system runs out of watch handles (ENOSPC, EMFILE) instead of going quiet.
 *
 * And a sweep behind the events: even on a local disk, chokidar's event path now and then drops
 * one save of a file saved many times in a row (seen here: 1 save in about 30 of a soak went
 * unreported, and the page kept the old text). Twice a second the watcher stats the files of the
 * units the author has open plus the course's own files (config, theme) and reports any whose
 * size or modification time differs from what the last event or sweep saw. An event updates that
 * record first, so a save chokidar did report is not reported twice.
 */
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { watch, type FSWatcher } from 'chokidar';

export interface CourseChange {
  /** Units whose folder changed. */
  units: string[];
  /** The config, the theme or anything else shared changed: every open unit is affected. */
  shared: boolean;
  /** Found by the sweep: the file events missed this save (logged, to see how often it happens). */
  swept?: boolean;
}

export interface CourseWatcherOptions {
  poll: boolean;
  /** Polling interval in ms (default 100: a save shows within a tenth of a second). */
  interval?: number;
  onChange(change: CourseChange): void;
  /** Units whose files the sweep checks (the ones the author has open). */
  sweptUnits?(): readonly string[];
  /** How often the sweep runs, in ms (default 500). */
  sweepMs?: number;
  onWarning(message: string): void;
}

/** Folders that never hold course sources: build output, dependencies, version control. */
const IGNORED = /(^|[\\/])(\.git|node_modules|out|dist|\.tandem-cache)([\\/]|$)/;
/** Editors' swap and backup files: saving one is not a change of the course. */
const EDITOR_TEMP = /(\.sw[a-p]|~|\.tmp|#)$|(^|[\\/])\.#/;

export class CourseWatcher {
  private watcher: FSWatcher | undefined;
  private pending: CourseChange = { units: [], shared: false };
  private flushScheduled = false;
  private ready: Promise<void> = Promise.resolve();
  /** What the last event or sweep saw of each file: `size:mtime`, keyed by absolute path. */
  private readonly seen = new Map<string, string>();
  /** Units whose files the sweep has recorded once (a unit opened later is recorded, not reported). */
  private readonly sweptOnce = new Set<string>();
  private sweepTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly root: string,
    private readonly options: CourseWatcherOptions,
  ) {}

  /** Starts watching; resolves once the initial scan is done (changes after that are reported). */
  start(): Promise<void> {
    this.open(this.options.poll);
    this.sweep(false);
    this.sweepTimer = setInterval(() => this.sweep(true), this.options.sweepMs ?? 500);
    this.sweepTimer.unref();
    return this.ready;
  }

  async close(): Promise<void> {
    clearInterval(this.sweepTimer);
    await this.watcher?.close();
    this.watcher = undefined;
  }

  private open(poll: boolean): void {
    const watcher = watch(this.root, {
      ignoreInitial: true,
      ignored: (file) => IGNORED.test(path.relative(this.root, file)) || EDITOR_TEMP.test(file),
      usePolling: poll,
      interval: this.options.interval ?? 100,
      binaryInterval: this.options.interval ?? 100,
      atomic: true,
    });
    this.watcher = watcher;
    this.ready = new Promise((resolve) => watcher.once('ready', () => resolve()));
    watcher.on('all', (_event, file) => this.note(file));
    watcher.on('error', (error) => {
      const code = (error as NodeJS.ErrnoException).code;
      if (!poll && (code === 'ENOSPC' || code === 'EMFILE')) {
        this.options.onWarning(`The system has no file watches left (${code}); watching by polling from now on.`);
        void watcher.close().then(() => this.open(true));
      } else this.options.onWarning(`Watching the course folder failed: ${(error as Error).message}`);
    });
  }

  private note(file: string, swept = false): void {
    this.seen.set(file, fingerprint(file));
    if (swept) this.pending.swept = true;
    const parts = path.relative(this.root, file).split(path.sep);
    if (parts[0] === 'units' && parts.length >= 2 && parts[1]) {
      if (!this.pending.units.includes(parts[1])) this.pending.units.push(parts[1]);
    } else if (parts[0] !== 'paths') this.pending.shared = true;
    // Coalesce the events one save makes (write, rename, attribute change) into one change.
    if (!this.flushScheduled) {
      this.flushScheduled = true;
      setImmediate(() => {
        this.flushScheduled = false;
        const change = this.pending;
        this.pending = { units: [], shared: false };
        if (change.units.length || change.shared) this.options.onChange(change);
      });
    }
  }

  /** Reports files that changed without an event; with `report` false, only records them. */
  private sweep(report: boolean): void {
    const units = this.options.sweptUnits?.() ?? [];
    const files = [...courseFiles(this.root)];
    for (const unit of units) {
      const unitFiles = [...filesUnder(path.join(this.root, 'units', unit))];
      if (!this.sweptOnce.has(unit)) {
        this.sweptOnce.add(unit);
        for (const file of unitFiles) this.seen.set(file, fingerprint(file));
      } else files.push(...unitFiles);
    }
    for (const file of files) {
      const now = fingerprint(file);
      if (this.seen.get(file) === now) continue;
      const known = this.seen.has(file);
      this.seen.set(file, now);
      if (report && known) this.note(file, true);
    }
  }
}

/** `size:mtime` of a file, or '' when it is gone. */
function fingerprint(file: string): string {
  try {
    const stats = statSync(file);
    return `${stats.size}:${stats.mtimeMs}`;
  } catch {
    return '';
  }
}

/** The course's shared files: tandem.config.yaml and everything under themes/. */
function* courseFiles(root: string): Generator<string> {
  yield path.join(root, 'tandem.config.yaml');
  yield* filesUnder(path.join(root, 'themes'));
}

function* filesUnder(dir: string): Generator<string> {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const entry of entries) {
    const file = path.join(dir, entry.name);
    if (IGNORED.test(entry.name) || EDITOR_TEMP.test(file)) continue;
    if (entry.isDirectory()) yield* filesUnder(file);
    else if (entry.isFile()) yield file;
  }
}
