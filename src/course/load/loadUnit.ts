/**
 * Stage 3, load (one unit): reads unit.yaml, lesson.md and job-aid.md of one unit folder into a
 * Unit, with every problem found on the way as positioned diagnostics. A broken file never stops
 * the others from being read, so authors see all problems of a unit at once.
 */
import path from 'node:path';
import { diagnose, hasErrors, type Diagnostic, type Location } from '../../diagnostics/diagnostic.js';
import type { NudgeQuestionSpec, Unit, UnitContract } from '../model/unit.js';
import { checkSingularity, SINGULAR_FIELDS } from '../validate/checkSingularity.js';
import { findMarkdownPlaceholders, findPlaceholders } from '../validate/findPlaceholders.js';
import { validateSchema } from '../validate/validateSchema.js';
import { checkCaptions } from './checkCaptions.js';
import { parseJobAid } from './parseJobAid.js';
import { parseLesson } from './parseLesson.js';
import { diagnoseFileProblem, type FileProblem } from './courseFiles.js';
import { decodeText, type TextFile } from './readTextFile.js';
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
  /**
   * When unit.yaml has schema errors: the unit with its valid fields, and the top-level fields
   * that are invalid. The rules that need none of those still run, so an author sees every
   * problem of the unit in one run; a draft is never built.
   */
  draft?: { unit: Unit; invalid: ReadonlySet<string> };
  locate: YamlSource['locate'];
  /** Where course-level checks point: the unit id, the objective id and the version in unit.yaml. */
  positions: UnitPositions;
  /** Every file in the unit folder, relative and with '/' separators. */
  files: ReadonlySet<string>;
  /** Entries of the unit folder that were not read (links out of it, devices, oversized files), and why. */
  refused: ReadonlyMap<string, FileProblem>;
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
  language: Location;
}

/** Loads one unit folder; `unitFiles` lets a caller that already read the folder (the cache) pass it in. */
export function loadUnit(dir: string, unitFiles: UnitFiles = readUnitFiles(dir)): LoadedUnit {
  const id = path.basename(dir);
  const diagnostics: Diagnostic[] = [];
  const sources = new Map<string, string>();
  const files = new Set(unitFiles.list);
  // A misnamed file (job_aid.md, unit.yml, Lesson.md) is read anyway, so its problems show up in the same run; FILE_MISNAMED fails the unit.
  const nameOf = (name: string): string | undefined => {
    // There but refused (a link out of the unit, a device): readSource says why.
    if (unitFiles.refused.has(name)) return name;
    const found = fileNamedLike(files, name);
    if (found && found !== name) {
      diagnostics.push(diagnose('FILE_MISNAMED', { found, expected: name, caseOnly: found.toLowerCase() === name }, { file: path.join(dir, found), line: 1, column: 1, unitId: id }));
    }
    return found;
  };
  const read = (name: string | undefined): TextFile | undefined => (name !== undefined ? readSource(unitFiles, dir, name, id) : undefined);
  const unitName = nameOf(UNIT_FILE);
  const unitFile = path.join(dir, unitName ?? UNIT_FILE);
  const fallback = { file: unitFile, line: 1, column: 1, unitId: id };
  const loaded: LoadedUnit = {
    id,
    dir,
    locate: () => fallback,
    positions: { id: fallback, objectiveId: fallback, version: fallback, language: fallback },
    files,
    refused: unitFiles.refused,
    sizeOf: (relative) => unitFiles.size(relative),
    diagnostics,
    sources,
  };

  if (unitName === undefined) {
    diagnostics.push(diagnose('UNIT_FILE_MISSING', {}, { file: dir, line: 1, column: 1, unitId: id }));
    return loaded;
  }
  const { contract, draft } = readContract(read(unitName)!, unitFile, id, loaded);

  const lessonName = nameOf(LESSON_FILE);
  const jobAidName = nameOf(JOB_AID_FILE);
  const lessonFile = path.join(dir, lessonName ?? LESSON_FILE);
  const jobAidFile = path.join(dir, jobAidName ?? JOB_AID_FILE);
  const lessonRead = read(lessonName);
  const jobAidRead = read(jobAidName);

  let lesson: Unit['lesson'];
  if (!lessonRead) diagnostics.push(diagnose('LESSON_MISSING', {}, fallback));
  else if (!lessonRead.ok) diagnostics.push(lessonRead.diagnostic);
  else {
    sources.set(lessonFile, lessonRead.text);
    const parsed = parseLesson(lessonRead.text, lessonFile, id);
    lesson = parsed.lesson;
    diagnostics.push(...parsed.diagnostics, ...checkCaptions(lesson.assetRefs, unitFiles, resolveInUnit, id), ...findMarkdownPlaceholders(lessonRead.text, lessonFile, id));
  }

  let jobAid: Unit['jobAid'];
  if (!jobAidRead) {
    diagnostics.push(diagnose('LESSON_WITHOUT_JOB_AID', {}, lessonRead ? { file: lessonFile, line: 1, column: 1, unitId: id } : fallback));
  } else if (!jobAidRead.ok) diagnostics.push(jobAidRead.diagnostic);
  else {
    sources.set(jobAidFile, jobAidRead.text);
    const parsed = parseJobAid(jobAidRead.text, jobAidFile, id);
    jobAid = parsed.jobAid;
    diagnostics.push(...parsed.diagnostics, ...findMarkdownPlaceholders(jobAidRead.text, jobAidFile, id));
  }

  const referenced = [...(lesson?.assetRefs ?? []), ...(jobAid?.assetRefs ?? [])]
    .map((r) => resolveInUnit(r.ref))
    .filter((f): f is string => f !== undefined && files.has(f));
  const unitOf = (c: UnitContract): Unit => ({
    id,
    dir,
    unitFile,
    contract: c,
    lesson,
    jobAid,
    assets: [...new Set(referenced)].sort(),
    contentHash: unitFiles.contentHash(),
  });
  if (contract) loaded.unit = unitOf(contract);
  else if (draft) loaded.draft = { unit: unitOf(draft.contract), invalid: draft.invalid };
  return loaded;
}

/**
 * The file in the unit folder that holds `expected`: the exact name, else one that differs only in
 * case, '_' or ' ' for '-', or .yml for .yaml (Lesson.md works on macOS and fails on Linux CI).
 */
export function fileNamedLike(files: ReadonlySet<string>, expected: string): string | undefined {
  if (files.has(expected)) return expected;
  const normalize = (name: string) => name.toLowerCase().replace(/\.yml$/, '.yaml').replace(/\.markdown$/, '.md').replace(/[-_ ]/g, '');
  const want = normalize(expected);
  return [...files].find((f) => !f.includes('/') && normalize(f) === want);
}

/** One of the unit's sources: undefined when absent, a diagnostic when it is there but was not read. */
function readSource(files: UnitFiles, dir: string, name: string, unitId: string): TextFile | undefined {
  const file = path.join(dir, name);
  const problem = files.refused.get(name);
  if (problem) return { ok: false, diagnostic: diagnoseFileProblem(problem, name, 'the unit folder', { file, line: 1, column: 1, unitId }) };
  return files.has(name) ? decodeText(files.bytes(name), file, unitId) : undefined;
}

interface ReadContract {
  /** The contract, when unit.yaml is valid. */
  contract?: UnitContract;
  /** When it is not: the fields that are valid, and the top-level fields that are not (see LoadedUnit.draft). */
  draft?: { contract: UnitContract; invalid: ReadonlySet<string> };
}

const CONTRACT_FIELDS = ['id', 'title', 'version', 'language', 'request', 'objective', 'risk', 'metric', 'owners', 'lesson', 'reinforcement'] as const;

/** An unreadable or unparsable unit.yaml: no field is valid, but the lesson and job aid are still checked. */
const NOTHING_VALID: ReadContract = {
  draft: { contract: toContract({} as RawUnit, '', new Set(CONTRACT_FIELDS)), invalid: new Set(CONTRACT_FIELDS) },
};

function readContract(read: TextFile, unitFile: string, id: string, loaded: LoadedUnit): ReadContract {
  if (!read.ok) {
    loaded.diagnostics.push(read.diagnostic);
    return NOTHING_VALID;
  }
  loaded.sources.set(unitFile, read.text);
  const source = parseYamlSource(read.text, { file: unitFile, unitId: id });
  loaded.locate = source.locate;
  loaded.positions = { id: source.locate(['id']), objectiveId: source.locate(['objective', 'id']), version: source.locate(['version']), language: source.locate(['language']) };
  loaded.diagnostics.push(...source.diagnostics);
  if (source.data === undefined) return NOTHING_VALID;

  const singular = checkSingularity(source);
  const reported = new Set(singular.map((s) => s.field));
  const invalid = new Set<string>(reported);
  const problems = [
    ...singular.map((s) => s.diagnostic),
    ...validateSchema(source, 'unit', {
      // "objective given as a list" reads better as OBJECTIVE_NOT_SINGLE than as a type error.
      skip: (field) => reported.has(String(field[0])) || (field.length === 1 && SINGULAR_FIELDS.some((f) => f.plural === field[0] && reported.has(f.field))),
      invalidFields: invalid,
    }),
  ].map((d) => ({ ...d, unitId: id }));
  loaded.diagnostics.push(...problems, ...findPlaceholders(source, id));

  const data = source.data;
  // A unit.yaml that is not a mapping at all has no fields to go on.
  if (typeof data !== 'object' || data === null || Array.isArray(data) || invalid.has('')) return NOTHING_VALID;
  const raw = data as RawUnit;
  if (!invalid.has('id') && raw.id !== id) loaded.diagnostics.push(diagnose('ID_MISMATCH', { kind: 'unit', id: raw.id, name: id }, { ...source.locate(['id']), unitId: id }));
  const contract = toContract(raw, id, invalid);
  return hasErrors(problems) ? { draft: { contract, invalid } } : { contract };
}

/**
 * The contract from schema-checked data. A field in `invalid` is not read (its data may have any
 * shape) and gets an empty value instead; only a draft unit has such fields, and no rule that
 * needs one runs on it (see UNIT_RULES in validate/validateUnit.ts).
 */
function toContract(raw: RawUnit, folder: string, invalid: ReadonlySet<string>): UnitContract {
  const ok = (field: keyof RawUnit) => !invalid.has(field);
  return {
    id: ok('id') ? raw.id : folder,
    title: ok('title') ? raw.title : '',
    version: ok('version') ? raw.version : '',
    language: ok('language') ? raw.language : '',
    request: ok('request') ? raw.request : { source: 'ops', impact: 0, frequency: 0 },
    objective: ok('objective') ? { id: String(raw.objective.id), statement: raw.objective.statement } : { id: '', statement: '' },
    risk: ok('risk') ? raw.risk : { statement: '', severity: 'low' },
    metric: ok('metric')
      ? { ...raw.metric, baseline: String(raw.metric.baseline), target: String(raw.metric.target) }
      : { name: '', layer: 'execution', baseline: '', target: '' },
    owners: ok('owners')
      ? {
          ld_lead: raw.owners.ld_lead ?? '',
          ops_manager: raw.owners.ops_manager ?? '',
          sme: raw.owners.sme ?? '',
          analyst: raw.owners.analyst ?? '',
        }
      : { ld_lead: '', ops_manager: '', sme: '', analyst: '' },
    lesson: ok('lesson') ? { masteryScore: raw.lesson?.mastery_score, mediaMinutes: raw.lesson?.media_minutes } : {},
    reinforcement:
      ok('reinforcement') && raw.reinforcement
        ? { afterDays: raw.reinforcement.after_days, steps: raw.reinforcement.steps, ...(raw.reinforcement.questions ? { questions: raw.reinforcement.questions } : {}) }
        : undefined,
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
  reinforcement?: { after_days: number; steps: string[]; questions?: NudgeQuestionSpec[] };
}
