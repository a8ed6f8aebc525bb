/**
 * Stages 3–4 for every unit folder of a course: each folder is read (the reads keep their link
 * and device checks in one place), looked up in the unit cache, and loaded and validated when it
 * missed. Worker threads were tried here for issue 16 and measured: on the 2-core machine a
 * 1,000-unit load took the same wall time with a worker (2.71 s against 2.74 s idle) for about
 * 1 s more CPU, since the worker pays its own start and cold JIT and the results are cloned back,
 * so the load stays in one thread.
 */
import path from 'node:path';
import { sha256 } from './contentHash.js';
import { checkUnit, internalError, type CheckedUnit, type UnitCheck } from './checkUnit.js';
import { fileNamedLike, JOB_AID_FILE, LESSON_FILE, UNIT_FILE } from './load/loadUnit.js';
import { decodeText } from './load/readTextFile.js';
import { readUnitFiles, type UnitFiles } from './load/unitFiles.js';
import type { CourseConfig } from './model/course.js';

export interface UnitCache {
  unit(key: string): CheckedUnit | undefined;
  storeUnit(key: string, entry: CheckedUnit): void;
}

export interface CheckUnitsOptions {
  cache?: UnitCache;
  /** Part of every cache key: the config and Tandem's version (see loadCourse). */
  salt: string;
}

/** Every unit folder checked, in the order given; `sources` gets the text of each file read. */
export function checkUnits(dirs: readonly string[], config: CourseConfig, sources: Map<string, string>, options: CheckUnitsOptions): CheckedUnit[] {
  const results: UnitCheck[] = [];
  for (const dir of dirs) {
    let result: UnitCheck;
    try {
      const files = readUnitFiles(dir);
      // The folder is part of the key: the model holds absolute paths, and a moved course must not reuse them.
      // Refused entries (links out of the unit, devices) are not content, but their diagnostics depend on them.
      const key = options.cache ? sha256(`${options.salt}\n${dir}\n${files.contentHash()}\n${JSON.stringify([...files.refused])}`) : '';
      const hit = options.cache?.unit(key);
      // Cached diagnostics still get code frames: decode the unit's sources from the bytes already read.
      if (hit) result = { entry: hit, sources: hit.diagnostics.length ? decodedSources(dir, files) : [], cacheable: false };
      else {
        result = checkUnit(dir, files, config);
        if (result.cacheable) options.cache?.storeUnit(key, result.entry);
      }
    } catch (error) {
      result = { entry: internalError(dir, error), sources: [], cacheable: false };
    }
    results.push(result);
  }
  for (const result of results) for (const [file, text] of result.sources) sources.set(file, text);
  return results.map((r) => r.entry);
}

function decodedSources(dir: string, files: UnitFiles): [string, string][] {
  const present = new Set(files.list);
  const out: [string, string][] = [];
  for (const expected of [UNIT_FILE, LESSON_FILE, JOB_AID_FILE]) {
    const name = fileNamedLike(present, expected);
    if (name === undefined) continue;
    const text = decodeText(files.bytes(name), path.join(dir, name));
    if (text.ok) out.push([path.join(dir, name), text.text]);
  }
  return out;
}
