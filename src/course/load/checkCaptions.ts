/**
 * Checks that the captions a media block names are WebVTT, with the W3C's own WebVTT parser (the
 * one behind the W3C validator): a browser silently shows no captions at all for a file it cannot
 * read (an .srt renamed to .vtt, a missing `WEBVTT` line, a timing written `00:01 -> 00:04`), so a
 * learner who cannot hear would get nothing. A missing file is ASSET_MISSING (checkAssets).
 */
import webvtt from 'webvtt-parser';
import { diagnose, type Diagnostic } from '../../diagnostics/diagnostic.js';
import type { AssetRef } from '../model/unit.js';
import type { UnitFiles } from './unitFiles.js';

/** `resolve` turns a reference into the unit-relative file it names (undefined when it leaves the unit). */
export function checkCaptions(refs: readonly AssetRef[], files: UnitFiles, resolve: (ref: string) => string | undefined, unitId?: string): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const checked = new Set<string>();
  for (const ref of refs) {
    if (!ref.captions) continue;
    const file = resolve(ref.ref);
    if (file === undefined || !files.has(file) || checked.has(file) || !/\.vtt$/i.test(file)) continue;
    checked.add(file);
    const problem = webVttProblem(files.bytes(file));
    if (problem) diagnostics.push(diagnose('MEDIA_CAPTIONS_INVALID', { ref: ref.ref, problem }, { file: ref.file, line: ref.line, column: ref.column, unitId }));
  }
  return diagnostics;
}

/** What is wrong with a WebVTT file, as "line N: …", or undefined when it is valid and has a cue. */
export function webVttProblem(bytes: Uint8Array): string | undefined {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return 'it is not UTF-8 text (WebVTT files are always UTF-8).';
  }
  const { cues, errors } = new webvtt.WebVTTParser().parse(text.replace(/^\uFEFF/, ''), 'subtitles');
  const first = errors[0];
  if (first) return `line ${first.line}: ${first.message}`;
  if (cues.length === 0) return 'it has no cues, so nothing would be shown.';
  return undefined;
}
