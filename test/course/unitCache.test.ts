/**
 * The unit cache of loadCourse (src/course/checkUnits.ts): a unit whose bytes did not change comes
 * from the cache; an edited unit is loaded and validated again, so the cache never gives a stale
 * result.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import type { CheckedUnit } from '../../src/course/checkUnit.js';
import { checkUnits } from '../../src/course/checkUnits.js';
import { loadConfig } from '../../src/course/config/loadConfig.js';
// @ts-expect-error: a plain ES module script without type declarations.
import { generateCourse } from '../../scripts/generateCourse.mjs';
import { useTempDirs } from '../support/tempDirs.js';

const { tempDir } = useTempDirs('tandem-unit-cache-');

it('stores each loaded unit; an edited unit is loaded again, the rest come from the cache', async () => {
  const dir = generateCourse(12, tempDir()) as string;
  const { config } = await loadConfig(dir);
  const dirs = readdirSync(path.join(dir, 'units')).sort().map((name) => path.join(dir, 'units', name));
  const stored = new Map<string, CheckedUnit>();
  let hits = 0;
  const cache = {
    unit: (key: string) => {
      const hit = stored.get(key);
      if (hit) hits++;
      return hit;
    },
    storeUnit: (key: string, entry: CheckedUnit) => void stored.set(key, entry),
  };
  const cold = checkUnits(dirs, config!, new Map(), { salt: 's', cache });
  expect(hits).toBe(0);
  expect(stored.size).toBe(dirs.length);
  expect(cold.map((u) => u.id)).toEqual(dirs.map((d) => path.basename(d)));

  const edited = dirs[5]!;
  const lesson = path.join(edited, 'lesson.md');
  writeFileSync(lesson, readFileSync(lesson, 'utf8').replace(/^## .*$/m, '## Replace with the screen title'));
  const warm = checkUnits(dirs, config!, new Map(), { salt: 's', cache });
  expect(hits).toBe(dirs.length - 1);
  expect(stored.size).toBe(dirs.length + 1);
  expect(warm[5]!.diagnostics.map((d) => d.code)).toContain('PLACEHOLDER_LEFT');
  expect(cold[5]!.diagnostics.map((d) => d.code)).not.toContain('PLACEHOLDER_LEFT');
  expect(warm.filter((_, i) => i !== 5)).toEqual(cold.filter((_, i) => i !== 5));

  // Another salt (a changed config or Tandem version) misses every unit.
  checkUnits(dirs, config!, new Map(), { salt: 'other', cache });
  expect(stored.size).toBe(2 * dirs.length + 1);
});
