/**
 * Each role's slice of a unit: the content that role answers for, hashed so an approval can be
 * bound to exactly that content (README, "Sign-off").
 *
 * - sme (procedural accuracy): the lesson screens, the questions, the job-aid steps;
 * - ops_manager (real-world fit): the job aid, and its escalation;
 * - ld_lead (objective quality): the objective, the risk, the lesson structure, the whole lesson;
 * - analyst (metrics): the metric, the baseline, the target, the reinforcement.
 *
 * Hashes are taken from the loaded course model, not the file bytes, so what counts as a change
 * is defined once: every string has its whitespace runs collapsed to one space and is trimmed (and
 * Unicode NFC-normalized), and positions (line numbers, file paths) are left out. Re-wrapping a
 * paragraph, trailing spaces, CRLF line ends, YAML quoting, comments, key order and blank lines
 * change no hash; any change to words, Markdown markup (emphasis, list and link syntax), question
 * keys or feedback, numbers, the order of screens or steps, or the bytes of an image the lesson or
 * job aid shows, does. The unit's `version`, title and owners are in no slice: bumping a version
 * stales nobody.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { sha256 } from '../../course/contentHash.js';
import type { AssetRef } from '../../course/model/asset.js';
import type { OwnerRole, Unit } from '../../course/model/unit.js';
import { resolveInUnit } from '../../course/load/loadUnit.js';

export const SIGNOFF_ROLES: readonly OwnerRole[] = ['sme', 'ops_manager', 'ld_lead', 'analyst'];

/** One role's slice: a hash per part (what APPROVAL_STALE names), and the slice hash over them. */
export interface Slice {
  role: OwnerRole;
  hash: string;
  /** Part name → hash, in the order the parts are listed above. */
  parts: Record<string, string>;
}

/** The content of each part, normalized: what is hashed, and what `tandem review` shows. */
export type SliceContent = Record<OwnerRole, Record<string, unknown>>;

export function sliceContent(unit: Unit): SliceContent {
  const c = unit.contract;
  const lesson = unit.lesson;
  const jobAid = unit.jobAid;
  // Every block but questions is screen content (prose now; callouts, tables, media as the lesson model grows).
  const screens = (lesson?.screens ?? []).map((s) => ({ title: s.title, blocks: s.blocks.filter((b) => b.kind !== 'question') }));
  const questions = lesson?.questions ?? [];
  const steps = (jobAid?.steps?.items ?? []).map((s) => ({ number: s.number, markdown: s.markdown, checkbox: s.checkbox }));
  const section = (s?: { heading: string; markdown: string }) => (s ? { heading: s.heading, markdown: s.markdown } : null);
  const lessonAssets = assetHashes(unit, lesson?.assetRefs);
  const wholeLesson = {
    settings: { masteryScore: c.lesson.masteryScore ?? null, mediaMinutes: c.lesson.mediaMinutes ?? null },
    screens: (lesson?.screens ?? []).map((s) => ({ title: s.title, blocks: s.blocks })),
    assets: lessonAssets,
  };
  return normalize({
    sme: { 'lesson screens': { screens, assets: lessonAssets }, questions, 'job-aid steps': steps },
    ops_manager: {
      'job aid': jobAid
        ? {
            title: jobAid.title ?? null,
            intro: jobAid.intro ?? null,
            context: section(jobAid.context),
            steps: jobAid.steps ? { heading: jobAid.steps.heading, markdown: jobAid.steps.markdown } : null,
            decisionTable: section(jobAid.decisionTable),
            watchOuts: section(jobAid.watchOuts),
            other: jobAid.other.map(section),
            assets: assetHashes(unit, jobAid.assetRefs),
          }
        : null,
      escalation: section(jobAid?.escalation),
    },
    ld_lead: {
      objective: c.objective,
      risk: c.risk,
      'lesson structure': (lesson?.screens ?? []).map((s) => ({ title: s.title, questions: s.blocks.flatMap((b) => (b.kind === 'question' ? [`${b.question.id} ${b.question.type}`] : [])) })),
      'whole lesson': wholeLesson,
    },
    analyst: {
      metric: { name: c.metric.name, layer: c.metric.layer, source: (c.metric as { source?: string }).source ?? null },
      baseline: c.metric.baseline,
      target: c.metric.target,
      reinforcement: c.reinforcement ?? null,
    },
  }) as SliceContent;
}

/** Every role's slice of a unit, from its loaded model. */
export function unitSlices(unit: Unit): Record<OwnerRole, Slice> {
  const content = sliceContent(unit);
  const out = {} as Record<OwnerRole, Slice>;
  for (const role of SIGNOFF_ROLES) {
    const parts: Record<string, string> = {};
    for (const [name, value] of Object.entries(content[role])) parts[name] = sha256(JSON.stringify(value));
    out[role] = { role, parts, hash: sha256(`${role}\n${Object.entries(parts).map(([n, h]) => `${n}=${h}`).join('\n')}`) };
  }
  return out;
}

/** Where things are written is not content: positions and paths are left out of every hash. */
const POSITION_KEYS = new Set(['line', 'column', 'endLine', 'endColumn', 'file']);

/**
 * Strings with whitespace collapsed (NFC), positions and undefined dropped, keys kept in the order built.
 * The same lesson texts sit in several parts (screens, questions, the whole lesson), so each
 * distinct string is normalized once per unit (`seen`).
 */
function normalize(value: unknown, seen = new Map<string, string>()): unknown {
  if (typeof value === 'string') {
    let out = seen.get(value);
    if (out === undefined) {
      // The same as replace(/\s+/g, ' '), without replacing each single space by itself: runs of two or more, or one other whitespace character.
      out = value.normalize('NFC').replace(/\s{2,}|[^\S ]/g, ' ').trim();
      seen.set(value, out);
    }
    return out;
  }
  if (Array.isArray(value)) return value.map((item) => normalize(item, seen));
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) if (v !== undefined && !POSITION_KEYS.has(k)) out[k] = normalize(v, seen);
    return out;
  }
  return value;
}

/** sha256 of each image or media file shown (links are text, already in the Markdown), by reference. */
function assetHashes(unit: Unit, refs: readonly AssetRef[] = []): Record<string, string> {
  const out: Record<string, string> = {};
  for (const ref of [...refs].filter((r) => r.kind !== 'link').sort((a, b) => (a.ref < b.ref ? -1 : a.ref > b.ref ? 1 : 0))) {
    // An address (https:, data:) is text already in the Markdown; only files in the unit have bytes to hash.
    const rel = /^[a-z][a-z0-9+.-]*:/i.test(ref.ref) ? undefined : resolveInUnit(ref.ref);
    if (!rel || rel in out) continue;
    try {
      out[rel] = sha256(readFileSync(path.join(unit.dir, rel)));
    } catch {
      out[rel] = 'missing';
    }
  }
  return out;
}
