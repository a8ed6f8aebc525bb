/**
 * Issue 16: large courses are loaded by worker threads too (src/course/checkUnits.ts). Whatever
 * the number of threads, `loadCourse` must give the same course, the same diagnostics (codes,
 * file:line:column, order) and the same sources. The workers exist only in the compiled code, so
 * this runs dist/ (built by the global setup).
 */
import { cpSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { LoadedCourse } from '../../src/course/loadCourse.js';
import type { checkUnits as CheckUnits } from '../../src/course/checkUnits.js';
import type { CheckedUnit } from '../../src/course/checkUnit.js';
import type { loadConfig as LoadConfig } from '../../src/course/config/loadConfig.js';
// @ts-expect-error: a plain ES module script without type declarations.
import { generateCourse } from '../../scripts/generateCourse.mjs';
import { useTempDirs } from '../support/tempDirs.js';

const dist = (module: string) => import(pathToFileURL(path.resolve('dist', module)).href);
const { loadCourse } = (await dist('course/loadCourse.js')) as { loadCourse: (dir: string, options?: { threads?: number }) => Promise<LoadedCourse> };
const { checkUnits, MIN_UNITS_FOR_WORKERS } = (await dist('course/checkUnits.js')) as { checkUnits: typeof CheckUnits; MIN_UNITS_FOR_WORKERS: number };
const { loadConfig } = (await dist('course/config/loadConfig.js')) as { loadConfig: typeof LoadConfig };

const { tempDir } = useTempDirs('tandem-load-threads-');

/** Generated valid units plus every broken unit of fixtures/invalid, so there are diagnostics of every kind to compare. */
function mixedCourse(): string {
  const dir = generateCourse(MIN_UNITS_FOR_WORKERS + 16, tempDir()) as string;
  for (const fixture of readdirSync('fixtures/invalid', { withFileTypes: true })) {
    const units = path.join('fixtures/invalid', fixture.name, 'units');
    if (!fixture.isDirectory()) continue;
    let names: string[];
    try {
      names = readdirSync(units);
    } catch {
      continue;
    }
    for (const name of names) cpSync(path.join(units, name), path.join(dir, 'units', `${fixture.name}--${name}`), { recursive: true, verbatimSymlinks: true });
  }
  return dir;
}

describe('loading a course with worker threads', () => {
  it('gives the same course, diagnostics and sources as loading in one thread', async () => {
    const dir = mixedCourse();
    const single = await loadCourse(dir, { threads: 1 });
    const threaded = await loadCourse(dir, { threads: 3 });
    expect(single.diagnostics.length).toBeGreaterThan(50);
    expect(single.failedUnits.size).toBeGreaterThan(20);
    expect(threaded.diagnostics).toEqual(single.diagnostics);
    expect(threaded.course).toEqual(single.course);
    expect([...threaded.failedUnits]).toEqual([...single.failedUnits]);
    expect([...threaded.sources]).toEqual([...single.sources]);
    expect([...threaded.versionPositions]).toEqual([...single.versionPositions]);
  });

  it('really hands units to the workers, and loads them in folder order', async () => {
    const dir = mixedCourse();
    const { config } = await loadConfig(dir);
    const dirs = readdirSync(path.join(dir, 'units')).sort().map((name) => path.join(dir, 'units', name));
    const single = await checkUnits(dirs, config!, new Map(), { salt: '', threads: 1 });
    const threaded = await checkUnits(dirs, config!, new Map(), { salt: '', threads: 3 });
    expect(single.unitsInWorkers).toBe(0);
    expect(threaded.unitsInWorkers).toBeGreaterThan(0);
    expect(threaded.units.map((u) => u.id)).toEqual(dirs.map((d) => path.basename(d)));
    expect(threaded.units).toEqual(single.units);
  });

  it('stores what the workers loaded in the unit cache; an edited unit is loaded again, the rest come from the cache', async () => {
    const dir = generateCourse(MIN_UNITS_FOR_WORKERS + 16, tempDir()) as string;
    const { config } = await loadConfig(dir);
    const dirs = readdirSync(path.join(dir, 'units')).sort().map((name) => path.join(dir, 'units', name));
    const stored = new Map<string, CheckedUnit>();
    const cache = { unit: (key: string) => stored.get(key), storeUnit: (key: string, entry: CheckedUnit) => void stored.set(key, entry) };
    const cold = await checkUnits(dirs, config!, new Map(), { salt: 's', threads: 3, cache });
    expect(cold.unitsInWorkers).toBeGreaterThan(0);
    expect(stored.size).toBe(dirs.length);

    const edited = dirs[5]!;
    const lesson = path.join(edited, 'lesson.md');
    writeFileSync(lesson, readFileSync(lesson, 'utf8').replace(/^## .*$/m, '## Replace with the screen title'));
    const warm = await checkUnits(dirs, config!, new Map(), { salt: 's', threads: 3, cache });
    expect(warm.unitsInWorkers).toBe(0);
    expect(stored.size).toBe(dirs.length + 1);
    expect(warm.units[5]!.diagnostics.map((d) => d.code)).toContain('PLACEHOLDER_LEFT');
    expect(cold.units[5]!.diagnostics.map((d) => d.code)).not.toContain('PLACEHOLDER_LEFT');
    expect(warm.units.filter((_, i) => i !== 5)).toEqual(cold.units.filter((_, i) => i !== 5));
  });

  it('loads a small course in this thread: starting a worker would cost more than it saves', async () => {
    const dir = generateCourse(MIN_UNITS_FOR_WORKERS - 1, tempDir()) as string;
    const { config } = await loadConfig(dir);
    const dirs = readdirSync(path.join(dir, 'units')).map((name) => path.join(dir, 'units', name));
    expect((await checkUnits(dirs, config!, new Map(), { salt: '', threads: 3 })).unitsInWorkers).toBe(0);
  });
});
