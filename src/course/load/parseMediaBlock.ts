/**
 * Reads one ```video or ```audio block (YAML, like a question block) into a MediaBlock, with the
 * asset references it makes and every problem at its line and column in lesson.md:
 *
 * ````markdown
 * ```video
 * src: assets/walkthrough.mp4
 * captions: assets/walkthrough.vtt     # WebVTT, required for video
 * poster: assets/walkthrough.jpg       # optional
 * duration: 1:30                       # m:ss, h:mm:ss or seconds; counted in the lesson time
 * title: Logging a callback            # optional, shown under the player
 * ```
 * ````
 */
import { diagnose, type Diagnostic } from '../../diagnostics/diagnostic.js';
import type { MediaBlock } from '../model/lesson.js';
import type { AssetRef } from '../model/unit.js';
import { closestName } from '../validate/closestName.js';
import { AUDIO_EXTENSIONS, VIDEO_EXTENSIONS } from './lessonContent.js';
import { stripQuery } from './collectAssetRefs.js';
import { parseYamlSource, type YamlPath } from './yamlSource.js';

export interface MediaBlockSource {
  type: MediaBlock['type'];
  yaml: string;
  file: string;
  fenceLine: number;
  fenceColumn: number;
  unitId?: string;
}

const KEYS: Record<MediaBlock['type'], string[]> = {
  video: ['src', 'captions', 'poster', 'duration', 'title'],
  audio: ['src', 'captions', 'duration', 'title'],
};
/** A microlesson is 3–8 minutes; a longer clip is a typo (seconds for minutes) or belongs elsewhere. */
const MAX_SECONDS = 60 * 60;

export interface ParsedMediaBlock {
  /** Undefined when the block has an error. */
  media?: MediaBlock;
  /** The play time when it is readable, counted in the estimate even while another field is wrong. */
  durationSeconds?: number;
  assetRefs: AssetRef[];
  diagnostics: Diagnostic[];
}

export function parseMediaBlock(block: MediaBlockSource): ParsedMediaBlock {
  const source = parseYamlSource(block.yaml, {
    file: block.file,
    unitId: block.unitId,
    lineOffset: block.fenceLine,
    columnOffset: block.fenceColumn - 1,
    controlCharacters: false,
  });
  const fence = { file: block.file, line: block.fenceLine, column: block.fenceColumn, unitId: block.unitId };
  if (source.data === undefined) return { assetRefs: [], diagnostics: source.diagnostics };
  const diagnostics: Diagnostic[] = [];
  const problem = (path: YamlPath, text: string, expected: string, key = false) =>
    diagnostics.push(diagnose('MEDIA_BLOCK_INVALID', { problem: text, expected }, path.length ? source.locate(path, { key }) : fence));
  const data = source.data;
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    problem([], 'is not a set of `key: value` lines', `Write \`src:\`, ${block.type === 'video' ? '`captions:`, ' : ''}\`duration:\` and optional \`title:\` lines.`);
    return { assetRefs: [], diagnostics };
  }
  const fields = data as Record<string, unknown>;
  const allowed = KEYS[block.type];
  for (const key of Object.keys(fields)) {
    if (!allowed.includes(key)) diagnostics.push(diagnose('FIELD_UNKNOWN', { field: key, suggestion: closestName(key, allowed) ?? '' }, source.locate([key], { key: true })));
  }

  const assetRefs: AssetRef[] = [];
  const path = (key: string, kind: AssetRef['kind'], extra: Partial<AssetRef> = {}): string | undefined => {
    const value = fields[key];
    if (value === undefined) return undefined;
    if (typeof value !== 'string' || !value.trim()) {
      problem([key], `has a \`${key}\` that is not a file path`, `Write \`${key}:\` as a path inside the unit folder, e.g. \`assets/clip.${key === 'captions' ? 'vtt' : key === 'poster' ? 'jpg' : 'mp4'}\`.`);
      return undefined;
    }
    const at = source.locate([key]);
    assetRefs.push({ ref: value.trim(), kind, file: block.file, line: at.line ?? block.fenceLine, column: at.column ?? 1, ...extra });
    return value.trim();
  };

  const src = path('src', 'media', { timed: true });
  if (fields.src === undefined) problem([], `has no \`src\``, `Add \`src: assets/<file>\` with the ${block.type} file.`);
  else if (src !== undefined) {
    const matches = block.type === 'video' ? VIDEO_EXTENSIONS : AUDIO_EXTENSIONS;
    if (!matches.test(stripQuery(src))) {
      problem(['src'], `names "${src}", which is not ${block.type === 'video' ? 'a video (.mp4, .webm, .m4v, .ogv, .mov)' : 'audio (.mp3, .m4a, .aac, .ogg, .oga, .wav, .flac, .opus)'}`, `Use a ${block.type} file here${block.type === 'video' ? ', or an ```audio block for sound only' : ''}.`);
    }
  }
  const captions = path('captions', 'media', { captions: true });
  if (captions !== undefined && !/\.vtt$/i.test(stripQuery(captions))) {
    problem(['captions'], `names "${captions}", which is not a WebVTT (.vtt) file`, 'Captions must be a WebVTT file; convert .srt files with a subtitle editor.');
  }
  if (block.type === 'video' && fields.captions === undefined) {
    const at = fields.src !== undefined ? source.locate(['src']) : fence;
    diagnostics.push(diagnose('MEDIA_CAPTIONS_MISSING', { ref: src ?? 'this video' }, { ...at, unitId: block.unitId }));
  }
  const poster = path('poster', 'image');

  const durationSeconds = readDuration(fields.duration);
  if (durationSeconds === undefined) {
    if (fields.duration === undefined) problem([], 'has no `duration`', 'Add `duration:` with the play time (e.g. `1:30`); it counts in the lesson-time estimate.');
    else problem(['duration'], 'has a `duration` that is not a play time up to an hour', 'Write the play time as m:ss (`1:30`), h:mm:ss or a number of seconds (`90`).');
  }
  let title: string | undefined;
  if (fields.title !== undefined) {
    if (typeof fields.title === 'string' && fields.title.trim()) title = fields.title.trim();
    else problem(['title'], 'has a `title` that is not text', 'Write `title:` as a short line of text, or leave it out.');
  }

  const ok = diagnostics.every((d) => d.severity !== 'error') && src !== undefined && durationSeconds !== undefined;
  const media: MediaBlock | undefined = ok
    ? { type: block.type, src: src!, ...(captions ? { captions } : {}), ...(poster ? { poster } : {}), ...(title ? { title } : {}), durationSeconds: durationSeconds!, line: block.fenceLine }
    : undefined;
  return { media, durationSeconds, assetRefs, diagnostics: [...source.diagnostics, ...diagnostics] };
}

/** `90`, `1:30` or `0:01:30` → 90; undefined when it is not a positive play time up to an hour. */
export function readDuration(value: unknown): number | undefined {
  let seconds: number | undefined;
  if (typeof value === 'number') seconds = value;
  else if (typeof value === 'string') {
    const parts = /^\s*(?:(\d+):)?(\d{1,2}):(\d{2}(?:\.\d+)?)\s*$/.exec(value);
    if (parts) seconds = Number(parts[1] ?? 0) * 3600 + Number(parts[2]) * 60 + Number(parts[3]);
    else if (/^\s*\d+(\.\d+)?\s*$/.test(value)) seconds = Number(value);
  }
  return seconds !== undefined && Number.isFinite(seconds) && seconds > 0 && seconds <= MAX_SECONDS ? seconds : undefined;
}
