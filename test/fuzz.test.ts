/**
 * The checker never throws, whatever it is fed: 240 mutated units (broken YAML, wrong types,
 * missing fields, binary junk, huge files, truncations, hostile YAML) in one course, plus pristine
 * control units. Every case must end in well-formed diagnostics, never in an exception, and the
 * control units must stay clean: one bad unit never affects another.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CATALOGUE } from '../src/diagnostics/catalogue.js';
import { check, type CheckResult } from '../src/course/check.js';

const STARTER = path.resolve('templates/starter');
const UNIT_COUNT = 240;
const CONTROL_EVERY = 40;

/** Deterministic PRNG (mulberry32) so a failure reproduces. */
function rng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Mutation = { name: string; mustFail: boolean; apply: (text: string, random: () => number) => string | Buffer };
const pick = <T>(items: readonly T[], random: () => number) => items[Math.floor(random() * items.length)]!;

const MUTATIONS: Mutation[] = [
  { name: 'binary junk', mustFail: true, apply: (_t, r) => Buffer.from(Array.from({ length: 512 }, () => Math.floor(r() * 256)).concat([0])) },
  { name: 'huge file', mustFail: true, apply: (t) => t + '\n# ' + 'x'.repeat(1024 * 1024 + 10) },
  { name: 'invalid utf-8', mustFail: true, apply: (t) => Buffer.concat([Buffer.from(t.slice(0, 40)), Buffer.from([0xc3, 0x28, 0xa0, 0xa1]), Buffer.from(t.slice(40))]) },
  { name: 'empty file', mustFail: true, apply: () => '' },
  { name: 'truncate', mustFail: false, apply: (t, r) => t.slice(0, Math.floor(r() * t.length)) },
  { name: 'delete a line', mustFail: false, apply: (t, r) => { const l = t.split('\n'); l.splice(Math.floor(r() * l.length), 1); return l.join('\n'); } },
  { name: 'duplicate a line', mustFail: false, apply: (t, r) => { const l = t.split('\n'); const i = Math.floor(r() * l.length); l.splice(i, 0, l[i]!); return l.join('\n'); } },
  { name: 'break indentation', mustFail: false, apply: (t, r) => { const l = t.split('\n'); const i = Math.floor(r() * l.length); l[i] = '   ' + l[i]; return l.join('\n'); } },
  { name: 'insert special chars', mustFail: false, apply: (t, r) => { const i = Math.floor(r() * t.length); return t.slice(0, i) + pick(['{', '[', ': ', '"', "'", '&a', '*a', '!!binary', '\t', '%', '@', '`', '---\n', '```\n', '\u0000'], r) + t.slice(i); } },
  { name: 'swap value types', mustFail: false, apply: (t, r) => t.replace(/: (.+)$/m, pick([': [1, 2]', ': {a: 1}', ': ~', ': 12', ': true', ': -1e999', ': "x"'], r)) },
  { name: 'alias bomb', mustFail: true, apply: () => 'a: &a ["x","x","x","x","x","x","x","x","x"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: [*d,*d,*d,*d,*d,*d,*d,*d,*d]\n' },
  { name: 'deep nesting', mustFail: true, apply: () => 'id: ' + '['.repeat(5000) + ']'.repeat(5000) + '\n' },
  { name: 'list instead of mapping', mustFail: true, apply: (t) => t.split('\n').map((l) => (l.trim() ? `- ${l}` : l)).join('\n') },
  { name: 'scalar document', mustFail: true, apply: () => 'just a sentence\n' },
  { name: 'remove question fences', mustFail: false, apply: (t) => t.replace(/```question/g, '```') },
  { name: 'unterminated fence', mustFail: false, apply: (t) => t + '\n```question\ntype: numeric\nprompt: [\n' },
  { name: 'unicode noise', mustFail: false, apply: (t, r) => { const i = Math.floor(r() * t.length); return t.slice(0, i) + '\u202e\ud83d\ude00\u0301\ufeff' + t.slice(i); } },
];

const FILES = ['unit.yaml', 'lesson.md', 'job-aid.md'] as const;
/** Mutations that must fail on any of the three files (YAML-only ones apply to unit.yaml). */
const YAML_ONLY = new Set(['alias bomb', 'deep nesting', 'list instead of mapping', 'scalar document']);

let root: string;
let result: CheckResult;
const plan: { id: string; file: string; mutation: string; mustFail: boolean }[] = [];

beforeAll(async () => {
  root = mkdtempSync(path.join(os.tmpdir(), 'tandem-fuzz-'));
  cpSync(STARTER, root, { recursive: true });
  writeFileSync(path.join(root, 'tandem.config.yaml'), readFileSync(path.join(STARTER, 'tandem.config.yaml'), 'utf8').replaceAll('__COURSE_ID__', 'fuzz').replace('__COURSE_TITLE__', 'Fuzz'));
  rmSync(path.join(root, 'units/first-unit'), { recursive: true });
  rmSync(path.join(root, 'paths'), { recursive: true });
  const random = rng(20261124);
  for (let i = 0; i < UNIT_COUNT; i++) {
    const id = `unit-${String(i).padStart(3, '0')}`;
    const dir = path.join(root, 'units', id);
    cpSync(path.join(STARTER, 'units/first-unit'), dir, { recursive: true });
    const objective = `OBJ-FUZZ-${i}`;
    for (const f of FILES) {
      const p = path.join(dir, f);
      // Owners filled in as an author would: the starter's placeholders are PLACEHOLDER_LEFT warnings.
      writeFileSync(p, readFileSync(p, 'utf8').replaceAll('first-unit', id).replaceAll('OBJ-SUP-CALLBACK-LOG', objective).replace(/Replace with the [^\n]*/g, 'Pat Doe'));
    }
    if (i % CONTROL_EVERY === 0) {
      plan.push({ id, file: '', mutation: 'none (control)', mustFail: false });
      continue;
    }
    const mutation = MUTATIONS[i % MUTATIONS.length]!;
    const file = YAML_ONLY.has(mutation.name) ? 'unit.yaml' : pick(FILES, random);
    const p = path.join(dir, file);
    writeFileSync(p, mutation.apply(readFileSync(p, 'utf8'), random));
    plan.push({ id, file, mutation: mutation.name, mustFail: mutation.mustFail });
  }
  result = await check(root);
}, 120_000);

afterAll(() => rmSync(root, { recursive: true, force: true }));

describe(`fuzz: ${UNIT_COUNT} mutated units`, () => {
  it('checks every unit without throwing and without internal errors', () => {
    expect(result.course).toBeDefined();
    expect(result.diagnostics.filter((d) => d.code === 'INTERNAL_ERROR')).toEqual([]);
  });

  it('every diagnostic is well-formed: catalogued code, file, 1-based position, message and hint', () => {
    for (const d of result.diagnostics) {
      expect(Object.keys(CATALOGUE)).toContain(d.code);
      expect(d.file, d.code).toBeTruthy();
      expect(d.line).toBeGreaterThanOrEqual(1);
      expect(d.column).toBeGreaterThanOrEqual(1);
      expect(d.message.length).toBeGreaterThan(10);
      expect(d.hint.length).toBeGreaterThan(10);
      expect(d.message).not.toMatch(/undefined|\[object Object\]|NaN/);
    }
  });

  it('mutations that must break a unit yield an error for that unit', () => {
    const failing = new Set(result.failedUnits);
    const missed = plan.filter((p) => p.mustFail && !failing.has(p.id));
    expect(missed).toEqual([]);
  });

  it('control units stay clean: one bad unit never affects another', () => {
    const controls = plan.filter((p) => p.mutation.startsWith('none')).map((p) => p.id);
    expect(controls.length).toBe(UNIT_COUNT / CONTROL_EVERY);
    for (const id of controls) expect(result.diagnostics.filter((d) => d.unitId === id)).toEqual([]);
  });

  it('diagnostics point inside the file they name', () => {
    for (const d of result.diagnostics) {
      const text = result.sources.get(d.file!);
      if (text === undefined) continue;
      const lines = text.replace(/\r\n?/g, '\n').split('\n').length;
      expect(d.line, `${d.code} ${d.file}`).toBeLessThanOrEqual(lines + 1);
    }
  });
});
