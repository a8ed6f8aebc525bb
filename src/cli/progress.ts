/**
 * Build progress for people: a live line on a terminal (done/total, current step, elapsed), plain
 * lines in CI logs (at most about twenty per build), nothing with --quiet.
 */
import type { BuildProgress } from '../compile/index.js';

export type ProgressMode = 'live' | 'lines' | 'quiet';

export function progressReporter(mode: ProgressMode, write: (text: string) => void, now: () => number = () => performance.now()): {
  update: (event: BuildProgress) => void;
  finish: () => void;
} {
  const started = now();
  let lastLinePercent = -1;
  let liveShown = false;
  const elapsed = () => `${((now() - started) / 1000).toFixed(1)} s`;
  return {
    update(event) {
      if (mode === 'quiet') return;
      const percent = event.total ? Math.floor((event.done / event.total) * 100) : 100;
      const text = event.total ? `${event.phase} ${event.done}/${event.total} (${percent}%) ${event.current ?? ''}`.trim() : `${event.current ?? event.phase}…`;
      if (mode === 'live') {
        const columns = 100;
        const line = `${text} · ${elapsed()}`;
        write(`\r\u001b[2K${line.length > columns ? line.slice(0, columns - 1) + '…' : line}`);
        liveShown = true;
      } else if (event.phase !== 'build' || event.done === event.total || percent >= lastLinePercent + 5) {
        if (event.phase === 'build') lastLinePercent = percent;
        write(`${text} · ${elapsed()}\n`);
      }
    },
    finish() {
      if (liveShown) write('\r\u001b[2K');
    },
  };
}
