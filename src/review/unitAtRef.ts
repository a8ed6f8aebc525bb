/**
 * A unit as it was at an earlier point, read from git: what a reviewer approved before, so a review
 * packet can show what changed since. The base is a git ref (`--since HEAD~3`), the source commit a
 * release manifest records (`--since release/manifest.json`), or, per role, the commit that
 * recorded that role's current approval hash in approvals/<unit>.yaml.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadUnit } from '../course/load/loadUnit.js';
import type { Unit } from '../course/model/unit.js';
import { sliceContent, type SliceContent } from '../release/index.js';

/** `content` is taken while the files exist: slices hash the images a unit shows. */
export type Base = { ok: true; unit: Unit; content: SliceContent; label: string } | { ok: false; reason: string };

function git(root: string, args: string[]): Buffer {
  return execFileSync('git', ['-C', root, ...args], { stdio: ['ignore', 'pipe', 'ignore'], maxBuffer: 256 * 1024 * 1024 });
}

/** The unit's files at `ref`, loaded as a unit (from a temporary copy). */
export function unitAtRef(courseRoot: string, unitId: string, ref: string, label = ref): Base {
  let names: string[];
  try {
    git(courseRoot, ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`]);
    names = git(courseRoot, ['ls-tree', '-r', '--name-only', ref, '--', `units/${unitId}/`]).toString('utf8').split('\n').filter(Boolean);
  } catch {
    return { ok: false, reason: `"${ref}" is not a commit of the git repository holding the course` };
  }
  if (!names.length) return { ok: false, reason: `the unit did not exist at ${label}` };
  // ls-tree prints paths from the repository root; `git show ref:./path` wants them from the course folder.
  const prefix = git(courseRoot, ['rev-parse', '--show-prefix']).toString('utf8').trim();
  const temp = mkdtempSync(path.join(os.tmpdir(), 'tandem-review-'));
  try {
    const dir = path.join(temp, 'units', unitId);
    for (const name of names) {
      const rel = name.startsWith(prefix) ? name.slice(prefix.length) : name;
      const file = path.join(temp, rel);
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, git(courseRoot, ['show', `${ref}:./${rel}`]));
    }
    const loaded = loadUnit(dir);
    if (!loaded.unit) return { ok: false, reason: `the unit at ${label} does not load` };
    return { ok: true, unit: loaded.unit, content: sliceContent(loaded.unit), label };
  } catch (error) {
    return { ok: false, reason: `the unit could not be read at ${label} (${(error as Error).message.split('\n')[0]})` };
  } finally {
    rmSync(temp, { recursive: true, force: true });
  }
}

/** The commit that wrote `hash` into approvals/<unit>.yaml: the content approved is the unit at that commit. */
export function approvalCommit(courseRoot: string, unitId: string, hash: string): string | undefined {
  try {
    const out = git(courseRoot, ['log', '-1', '--format=%H', `-S${hash}`, '--', `approvals/${unitId}.yaml`]).toString('utf8').trim();
    return out || undefined;
  } catch {
    return undefined;
  }
}

/** `--since <file>`: a release manifest's source commit. */
export function manifestCommit(file: string): { ok: true; commit: string } | { ok: false; reason: string } {
  try {
    const manifest = JSON.parse(readFileSync(file, 'utf8')) as { sourceCommit?: unknown };
    if (typeof manifest.sourceCommit !== 'string') return { ok: false, reason: `${file} records no source commit (the course was not a git checkout when it was built)` };
    return { ok: true, commit: manifest.sourceCommit };
  } catch (error) {
    return { ok: false, reason: `${file} cannot be read as a release manifest (${(error as Error).message})` };
  }
}
