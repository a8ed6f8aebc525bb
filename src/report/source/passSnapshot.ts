/**
 * A saved pass over the LRS cache, so the next `tandem report --lrs` reads only the segments
 * fetched since (aggregateStatements, PassCheckpoint). Kept beside the segments as two hidden files
 * (skipped when the folder is read as statements): `.report-pass.json`, the accumulators and
 * counts, and `.report-ids.bin`, the table of statement ids seen (8 bytes each).
 *
 * A snapshot is used only when it is certain to continue the same computation: the same course
 * (everything statements are matched against), the same period and windows, and input files that
 * begin with exactly the files it counted, unchanged (path, size, modification time). Anything
 * else, including a damaged snapshot, means a full read, which then saves a fresh snapshot.
 */
import { createHash } from 'node:crypto';
import { readFile, rename, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { PassCheckpoint, PassState, StatementStream } from '../aggregateStatements.js';
import type { CourseIndex } from '../courseIndex.js';
import { ObjectiveAccumulator, type AccumulatorState } from '../kpi/objectiveAccumulator.js';
import type { ReportInputs } from '../reportModel.js';
import type { DateRange } from '../reportWindows.js';
import { IdFingerprintSet } from './idFingerprintSet.js';

const STATE_FILE = '.report-pass.json';
const IDS_FILE = '.report-ids.bin';
// 2: accumulators keep nudge answers (format 1 counted them as ignored statements).
const FORMAT = 2;

interface FileStamp {
  path: string;
  size: number;
  mtimeMs: number;
}

interface SavedPass {
  format: number;
  key: string;
  files: FileStamp[];
  /** sha256 of the ids file, so a state is never paired with another run's ids. */
  ids: string;
  inputs: ReportInputs;
  unreadable: [string, { count: number; first: number }][];
  voided: string[];
  voidingSeen: string[];
  /** objective id → one state per range. */
  accumulators: [string, AccumulatorState[]][];
}

/**
 * A checkpoint in `dir` for a stream over `files` (in order); `streamOf` reads a list of files.
 * Saving stamps `files` as they are when the pass ends.
 */
export function passSnapshot(dir: string, files: readonly string[], streamOf: (files: readonly string[]) => StatementStream): PassCheckpoint {
  return {
    async resume(index, ranges) {
      const saved = await readSaved(dir);
      if (!saved || saved.key !== snapshotKey(index, ranges)) return undefined;
      const stamps = await stampsOf(files);
      const prefix = saved.files.length;
      if (prefix > stamps.length || saved.files.some((f, i) => !sameStamp(f, stamps[i]!))) return undefined;
      const bytes = await readFile(path.join(dir, IDS_FILE)).catch(() => new Uint8Array());
      const seen = digest(bytes) === saved.ids ? IdFingerprintSet.fromBytes(bytes) : undefined;
      if (!seen) return undefined;
      const byObjective = new Map<string, ObjectiveAccumulator[]>();
      for (const [objectiveId, states] of saved.accumulators) {
        const objective = index.byObjectiveId.get(objectiveId);
        if (!objective || states.length !== ranges.length) return undefined;
        byObjective.set(objectiveId, states.map((s) => ObjectiveAccumulator.restore(objective, s)));
      }
      if (byObjective.size !== index.objectives.length) return undefined;
      const state: PassState = {
        byObjective,
        inputs: saved.inputs,
        unreadable: new Map(saved.unreadable),
        voided: new Set(saved.voided),
        seen,
        voidingSeen: new Set(saved.voidingSeen),
      };
      return { state, rest: streamOf(files.slice(prefix)) };
    },

    async save(state, index, ranges) {
      const bytes = state.seen.toBytes();
      const saved: SavedPass = {
        format: FORMAT,
        key: snapshotKey(index, ranges),
        files: await stampsOf(files),
        ids: digest(bytes),
        inputs: state.inputs,
        unreadable: [...state.unreadable],
        voided: [...state.voided],
        voidingSeen: [...state.voidingSeen],
        accumulators: [...state.byObjective].map(([id, accs]) => [id, accs.map((a) => a.state())]),
      };
      // A run stopped between the two writes leaves a state whose digest does not match the ids: a full read follows.
      await writeAtomic(path.join(dir, IDS_FILE), bytes);
      await writeAtomic(path.join(dir, STATE_FILE), JSON.stringify(saved));
    },
  };
}

/** What a saved pass depends on besides its files: the course's matching data and the ranges. */
function snapshotKey(index: CourseIndex, ranges: readonly DateRange[]): string {
  const course = [
    index.objectiveIdExtension,
    [...index.byObjectiveIri.keys()],
    [...index.jobAidIris.keys()],
    [...index.questionIris.keys()],
    [...index.screenIris.keys()],
    index.objectives.map((o) => [o.objectiveId, o.unit.id, o.unit.contract.language, o.questions.map((q) => q.question), o.releases ?? null]),
  ];
  const bounds = ranges.map((r) => [r.label, Number.isFinite(r.start) ? r.start : null, r.end]);
  return createHash('sha256').update(JSON.stringify([FORMAT, course, bounds])).digest('hex');
}

function digest(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

async function readSaved(dir: string): Promise<SavedPass | undefined> {
  try {
    const saved = JSON.parse(await readFile(path.join(dir, STATE_FILE), 'utf8')) as SavedPass;
    return saved.format === FORMAT ? saved : undefined;
  } catch {
    return undefined;
  }
}

async function stampsOf(files: readonly string[]): Promise<FileStamp[]> {
  return Promise.all(files.map(async (file) => {
    const info = await stat(file);
    return { path: path.resolve(file), size: info.size, mtimeMs: info.mtimeMs };
  }));
}

function sameStamp(a: FileStamp, b: FileStamp): boolean {
  return a.path === b.path && a.size === b.size && a.mtimeMs === b.mtimeMs;
}

async function writeAtomic(file: string, data: string | Uint8Array): Promise<void> {
  await writeFile(`${file}.partial`, data);
  await rename(`${file}.partial`, file);
}
