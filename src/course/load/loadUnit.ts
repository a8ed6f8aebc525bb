/**
 * Stage 3, load (one unit): reads unit.yaml, lesson.md and job-aid.md of one unit folder into a
 * Unit, with every problem found on the way as positioned diagnostics. A broken file never stops
 * the others from being read, so authors see all problems of a unit at once.
 */
import path from 'node:path';
import { diagnose, hasErrors, type Diagnostic, type Location } from '../../diagnostics/diagnostic.js';
import type { Unit, UnitContract } from '../model/unit.js';
import { checkSingularity, SINGULAR_FIELDS } from '../validate/checkSingularity.js';
import { validateSchema } from '../validate/validateSchema.js';
import { parseJobAid } from './parseJobAid.js';
import { parseLesson } from './parseLesson.js';
import { decodeText, MAX_TEXT_FILE_BYTES, type TextFile } from './readTextFile.js';
import { readUnitFiles, type UnitFiles } from './unitFiles.js';
import { parseYamlSource, type YamlSource } from './yamlSource.js';

export const UNIT_FILE = 'unit.yaml';
export const LESSON_FILE = 'lesson.md';
export const JOB_AID_FILE = 'job-aid.md';

/** A unit as the validate stage sees it: the model plus where its fields are written. */
export interface LoadedUnit {
  /** The folder name: the unit's id even when unit.yaml is broken. */
  id: string;
  dir: string;
  /** Present when unit.yaml is valid against its schema. */
  unit?: Unit;
  locate: YamlSource['locate'];
  /** Where course-level checks point: the unit id, the objective id and the version in unit.yaml. */
  positions: UnitPositions;
  /** Every file in the unit folder, relative and with '/' separators. */
  files: ReadonlySet<string>;
  /** Size in bytes of a file of the unit folder (relative, '/' separators). */
  sizeOf(relative: string): number;
  diagnostics: Diagnostic[];
  /** Text of each file read, for code frames. */
  sources: Map<string, string>;
}

export interface UnitPositions {
  id: Location;
  objectiveId: Location;
  version: Location;
}

/** Loads one unit folder; `unitFiles` lets a caller that already read the folder (the cache) pass it in. */
export function loadUnit(dir: string, unitFiles: UnitFiles = readUnitFiles(dir)): LoadedUnit {
  const id = path.basename(dir);
  const unitFile = path.join(dir, UNIT_FILE);
  const diagnostics: Diagnostic[] = [];
  const sources = new Map<string, string>();
  const files = new Set(unitFiles.list);
  const read = (name: string): TextFile | undefined => (files.has(name) ? readSource(unitFiles, dir, name, id) : undefined);
  const fallback = { file: unitFile, line: 1, column: 1, unitId: id };
  const sizeOf = (relative: string) => unitFiles.size(relative);
  const loaded: LoadedUnit = { id, dir, locate: () => fallback, positions: { id: fallback, objectiveId: fallback, version: fallback }, files, sizeOf, diagnostics, sources };

  if (!files.has(UNIT_FILE)) {
    diagnostics.push(diagnose('UNIT_FILE_MISSING', {}, { file: dir, line: 1, column: 1, unitId: id }));
    return loaded;
  }
  const contract = readContract(read(UNIT_FILE)!, unitFile, id, loaded);

  const lessonFile = path.join(dir, LESSON_FILE);
  const jobAidFile = path.join(dir, JOB_AID_FILE);
  const lessonRead = read(LESSON_FILE);
  const jobAidRead = read(JOB_AID_FILE);

  let lesson: Unit['lesson'];
  if (!lessonRead) diagnostics.push(diagnose('LESSON_MISSING', {}, fallback));
  else if (!lessonRead.ok) diagnostics.push(lessonRead.diagnostic);
  else {
    sources.set(lessonFile, lessonRead.text);
    const parsed = parseLesson(lessonRead.text, lessonFile, id);
    lesson = parsed.lesson;
    diagnostics.push(...parsed.diagnostics);
  }

  let jobAid: Unit['jobAid'];
  if (!jobAidRead) {
    diagnostics.push(diagnose('LESSON_WITHOUT_JOB_AID', {}, lessonRead ? { file: lessonFile, line: 1, column: 1, unitId: id } : fallback));
  } else if (!jobAidRead.ok) diagnostics.push(jobAidRead.diagnostic);
  else {
    sources.set(jobAidFile, jobAidRead.text);
    const parsed = parseJobAid(jobAidRead.text, jobAidFile, id);
    jobAid = parsed.jobAid;
    diagnostics.push(...parsed.diagnostics);
  }

  if (contract) {
    const referenced = [...(lesson?.assetRefs ?? []), ...(jobAid?.assetRefs ?? [])]
      .map((r) => resolveInUnit(r.ref))
      .filter((f): f is string => f !== undefined && files.has(f));
    loaded.unit = {
      id,
      dir,
      unitFile,
      contract,
      lesson,
      jobAid,
      assets: [...new Set(referenced)].sort(),
      contentHash: unitFiles.contentHash(),
    };
  }
  return loaded;
}

function readSource(files: UnitFiles, dir: string, name: string, unitId: string): TextFile {
  const file = path.join(dir, name);
  // Check the size before reading, so a 2 GB file dropped in by mistake is never loaded.
  const size = files.size(name);
  if (size > MAX_TEXT_FILE_BYTES) return decodeText(new Uint8Array(size), file, unitId);
  return decodeText(files.bytes(name), file, unitId);
}

function readContract(read: TextFile, unitFile: string, id: string, loaded: LoadedUnit): UnitContract | undefined {
  if (!read.ok) {
    loaded.diagnostics.push(read.diagnostic);
    return undefined;
  }
  loaded.sources.set(unitFile, read.text);
  const source = parseYamlSource(read.text, { file: unitFile, unitId: id });
  loaded.locate = source.locate;
  loaded.positions = { id: source.locate(['id']), objectiveId: source.locate(['objective', 'id']), version: source.locate(['version']) };
  loaded.diagnostics.push(...source.diagnostics);
  if (source.data === undefined) return undefined;

  const singular = checkSingularity(source);
  const reported = new Set(singular.map((s) => s.field));
  const problems = [
    ...singular.map((s) => s.diagnostic),
    ...validateSchema(source, 'unit', {
      // "objective given as a list" reads better as OBJECTIVE_NOT_SINGLE than as a type error.
      skip: (field) => reported.has(String(field[0])) || (field.length === 1 && SINGULAR_FIELDS.some((f) => f.plural === field[0] && reported.has(f.field))),
    }),
  ].map((d) => ({ ...d, unitId: id }));
  loaded.diagnostics.push(...problems);
  if (hasErrors(problems)) return undefined;

  const raw = source.data as RawUnit;
  if (raw.id !== id) loaded.diagnostics.push(diagnose('ID_MISMATCH', { kind: 'unit', id: raw.id, name: id }, { ...source.locate(['id']), unitId: id }));
  return {
    id: raw.id,
    title: raw.title,
    version: raw.version,
    language: raw.language,
    request: raw.request,
    objective: { id: String(raw.objective.id), statement: raw.objective.statement },
    risk: raw.risk,
    metric: { ...raw.metric, baseline: String(raw.metric.baseline), target: String(raw.metric.target) },
    owners: {
      ld_lead: raw.owners.ld_lead ?? '',
      ops_manager: raw.owners.ops_manager ?? '',
      sme: raw.owners.sme ?? '',
      analyst: raw.owners.analyst ?? '',
    },
    lesson: { masteryScore: raw.lesson?.mastery_score, mediaMinutes: raw.lesson?.media_minutes },
    reinforcement: raw.reinforcement ? { afterDays: raw.reinforcement.after_days, steps: raw.reinforcement.steps } : undefined,
  };
}

/** `assets/a.png` → `assets/a.png`; `./x/../a.png` → `a.png`; anything leaving the folder → undefined. */
export function resolveInUnit(ref: string): string | undefined {
  let decoded = ref.replace(/[?#].*$/, '');
  try {
    decoded = decodeURI(decoded);
  } catch {
    // Keep the raw text: a malformed escape is reported as a missing file.
  }
  if (decoded.startsWith('/') || /^[a-z]:/i.test(decoded) || decoded.includes('\\')) return undefined;
  const normalized = path.posix.normalize(decoded);
  if (normalized === '..' || normalized.startsWith('../') || normalized === '.') return undefined;
  return normalized;
}

interface RawUnit {
  id: string;
  title: string;
  version: string;
  language: string;
  request: UnitContract['request'];
  objective: { id: string | number; statement: string };
  risk: UnitContract['risk'];
  metric: { name: string; layer: UnitContract['metric']['layer']; baseline: string | number; target: string | number };
  owners: Partial<Record<keyof UnitContract['owners'], string>>;
  lesson?: { mastery_score?: number; media_minutes?: number };
  reinforcement?: { after_days: number; steps: string[] };
}
