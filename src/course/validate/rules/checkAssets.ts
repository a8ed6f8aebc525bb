import path from 'node:path';
import { diagnose, type Diagnostic } from '../../../diagnostics/diagnostic.js';
import { isExternalRef, stripQuery } from '../../load/collectAssetRefs.js';
import { diagnoseFileProblem } from '../../load/courseFiles.js';
import { resolveInUnit } from '../../load/loadUnit.js';
import type { AssetRef } from '../../model/unit.js';
import { closestName } from '../closestName.js';
import type { UnitRule } from './unitRule.js';

/**
/**
 * Above this an asset gets ASSET_LARGE: it goes into every lesson package of its unit and of the
 * paths holding it (each built in memory), many LMSs refuse uploads past 100 MB, and learners on
 * slow links wait for it.
 */
export const LARGE_ASSET_BYTES = 50 * 1024 * 1024;

/**
 * A unit is packaged on its own: every file it references must exist inside its folder, as a
 * regular file (a link leading out of the unit is refused: it could carry any file of the
 * building machine into a package). Images and media from the network break offline use and
 * LMSs that block outside requests.
 *
 * A name must match exactly: a Windows path (`assets\x.png`, `C:\…`), a reference that matches
 * only when letter case is ignored (macOS and Windows forgive it, LMS servers do not), or only
 * after Unicode normalisation (macOS writes "é" as e + U+0301, most editors as one character) all
 * work on the author's machine and break in the package, so each gets its own clear message.
 */
export const checkAssets: UnitRule = ({ unit, files, refused, sizeOf }) => {
  const diagnostics: Diagnostic[] = [];
  /** Packaged files by their case- and normalisation-free name, to catch two that would clash. */
  const packaged = new Map<string, string>();
  const reportedLarge = new Set<string>();
  for (const ref of [...(unit.lesson?.assetRefs ?? []), ...(unit.jobAid?.assetRefs ?? [])]) {
    const at = { file: ref.file, line: ref.line, column: ref.column, endLine: ref.line, endColumn: ref.column + ref.ref.length, unitId: unit.id };
    const local = localPath(ref);
    if (local !== undefined) {
      diagnostics.push(diagnose('ASSET_PATH_NOT_PORTABLE', { ref: ref.ref, suggestion: local }, at));
      continue;
    }
    if (isExternalRef(ref.ref)) {
      if (ref.kind !== 'link' && /^(https?:)?\/\//i.test(ref.ref)) diagnostics.push(diagnose('ASSET_EXTERNAL', { ref: ref.ref }, at));
      continue;
    }
    const resolved = resolveInUnit(ref.ref);
    const problem = resolved === undefined ? undefined : refused.get(resolved);
    if (resolved === undefined) diagnostics.push(diagnose('ASSET_OUTSIDE_UNIT', { ref: ref.ref }, at));
    else if (problem?.kind === 'too-large') diagnostics.push(diagnose('ASSET_TOO_LARGE', { ref: ref.ref, bytes: problem.bytes, limit: problem.limit }, at));
    else if (problem) diagnostics.push(diagnoseFileProblem(problem, `"${ref.ref}"`, 'the unit folder', at));
    else if (!files.has(resolved)) {
      const near = nearMatch(resolved, files);
      diagnostics.push(near ? diagnose('ASSET_NAME_MISMATCH', { ref: ref.ref, ...near }, at) : diagnose('ASSET_MISSING', { ref: ref.ref, suggestion: similarFile(resolved, files) ?? '' }, at));
    } else {
      const key = foldName(resolved);
      const other = packaged.get(key);
      if (other !== undefined && other !== resolved) diagnostics.push(diagnose('ASSET_CASE_CLASH', { ref: resolved, other }, at));
      else packaged.set(key, resolved);
      if (!reportedLarge.has(resolved) && sizeOf(resolved) > LARGE_ASSET_BYTES) {
        reportedLarge.add(resolved);
        diagnostics.push(diagnose('ASSET_LARGE', { ref: ref.ref, megabytes: Math.round(sizeOf(resolved) / 1024 / 1024), limit: LARGE_ASSET_BYTES / 1024 / 1024 }, at));
      }
    }
  }
  return diagnostics;
};

/**
 * A file of the unit named like the missing one: same name in another case or extension
 * (diagram.PNG, diagram.jpg), or a near miss by a typo, in the same folder first.
 */
function similarFile(missing: string, files: ReadonlySet<string>): string | undefined {
  const candidates = [...files].filter((f) => !/\.(md|yaml|yml)$/i.test(f));
  const stem = (f: string) => f.toLowerCase().replace(/\.[^./]+$/, '');
  const sameStem = candidates.find((f) => stem(f) === stem(missing));
  if (sameStem) return sameStem;
  const folder = path.posix.dirname(missing);
  const near = closestName(path.posix.basename(missing), candidates.filter((f) => path.posix.dirname(f) === folder).map((f) => path.posix.basename(f)));
  if (near) return folder === '.' ? near : `${folder}/${near}`;
  return closestName(missing, candidates);
}

/**
 * For a Windows or local-machine path, the portable spelling to suggest ('' when there is none,
 * e.g. an absolute `C:\…` path); undefined for anything else.
 */
function localPath(ref: AssetRef): string | undefined {
  const text = stripQuery(ref.ref);
  if (/^file:/i.test(text) || /^[a-z]:[\\/]/i.test(text) || text.startsWith('\\\\')) return '';
  if (isExternalRef(text) || !text.includes('\\')) return undefined;
  const forward = text.replace(/\\/g, '/');
  return resolveInUnit(forward) === undefined ? '' : forward;
}

/** A name with letter case and Unicode normalisation folded away. */
function foldName(name: string): string {
  return name.normalize('NFC').toLowerCase();
}

/** A file whose name equals `wanted` once normalisation, or also letter case, is ignored. */
function nearMatch(wanted: string, files: ReadonlySet<string>): { actual: string; how: string } | undefined {
  const nfc = wanted.normalize('NFC');
  for (const file of files) {
    if (file.normalize('NFC') === nfc) return { actual: file, how: 'in how accented letters are encoded (Unicode NFC versus NFD)' };
  }
  const folded = foldName(wanted);
  for (const file of files) {
    if (foldName(file) === folded) return { actual: file, how: 'only in letter case' };
  }
  return undefined;
}
