import { describe, expect, it } from 'vitest';
import { progressReporter } from '../src/cli/progress.js';

describe('build progress', () => {
  const run = (mode: 'live' | 'lines' | 'quiet', total: number) => {
    let out = '';
    let clock = 0;
    const p = progressReporter(mode, (s) => void (out += s), () => (clock += 100));
    p.update({ phase: 'check', done: 0, total: 0, current: 'loading the course' });
    for (let i = 1; i <= total; i++) p.update({ phase: 'build', done: i, total, current: `scorm12 scorm12/u${i}.zip` });
    p.finish();
    return out;
  };

  it('prints at most about twenty plain lines in CI, ending at 100%', () => {
    const out = run('lines', 1000);
    const lines = out.trim().split('\n');
    expect(lines.length).toBeLessThanOrEqual(22);
    expect(lines[0]).toMatch(/^loading the course… · \d+\.\d s$/);
    expect(lines.at(-1)).toMatch(/^build 1000\/1000 \(100%\) scorm12 scorm12\/u1000\.zip · \d+\.\d s$/);
  });

  it('redraws one line on a terminal and clears it at the end', () => {
    const out = run('live', 3);
    expect(out.split('\r\u001b[2K').filter(Boolean)).toEqual([
      'loading the course… · 0.1 s',
      'build 1/3 (33%) scorm12 scorm12/u1.zip · 0.2 s',
      'build 2/3 (66%) scorm12 scorm12/u2.zip · 0.3 s',
      'build 3/3 (100%) scorm12 scorm12/u3.zip · 0.4 s',
    ]);
    expect(out.endsWith('\r\u001b[2K')).toBe(true);
  });

  it('prints nothing when quiet', () => {
    expect(run('quiet', 5)).toBe('');
  });
});
