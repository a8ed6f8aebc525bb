/**
 * Watches the course folder and says which units a save touched. chokidar, not bare fs.watch:
 * editors save by writing a temporary file and renaming it over the original (an "atomic" save),
 * which fs.watch reports as a rename of a file that no longer exists, and some file systems
 * (network shares, containers' bind mounts, WSL's /mnt) send no events at all. Marp's watch mode
 * missed changes for exactly these reasons (marp-team/marp-cli#642). So: chokidar's atomic-save
 * handling, polling when asked (`--poll`, or CHOKIDAR_USEPOLLING=1), and polling from then on
 * when the system runs out of watch handles (ENOSPC, EMFILE) instead of going quiet.
 */
import path from 'node:path';
import { watch, type FSWatcher } from 'chokidar';

export interface CourseChange {
  /** Units whose folder changed. */
  units: string[];
  /** The config, the theme or anything else shared changed: every open unit is affected. */
  shared: boolean;
}

export interface CourseWatcherOptions {
  poll: boolean;
  /** Polling interval in ms (default 100: a save shows within a tenth of a second). */
  interval?: number;
  onChange(change: CourseChange): void;
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

  constructor(
    private readonly root: string,
    private readonly options: CourseWatcherOptions,
  ) {}

  /** Starts watching; resolves once the initial scan is done (changes after that are reported). */
  start(): Promise<void> {
    this.open(this.options.poll);
    return this.ready;
  }

  async close(): Promise<void> {
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

  private note(file: string): void {
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
}
