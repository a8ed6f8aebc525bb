/** Codes of what a lesson shows: callouts, tables, images, audio and video, and the player's language. */
import { entry } from '../catalogueEntry.js';

export const LESSON_CONTENT_CODES = {
  CALLOUT_TYPE_UNKNOWN: entry<{ type: string; suggestion: string }>({
    severity: 'warning',
    summary: 'A `> [!TYPE]` callout names a type Tandem does not style.',
    message: (p) => `\`[!${p.type}]\` is not a callout type, so it shows as a plain quote with the marker in it.`,
    hint: (p) => `${p.suggestion ? `Did you mean \`[!${p.suggestion}]\`? ` : ''}Use one of [!NOTE], [!TIP], [!WARNING], [!CAUTION] (docs/format.md).`,
  }),
  TABLE_MALFORMED: entry<{ rows: number }>({
    severity: 'error',
    summary: 'Lines written as a table have no separator row, so they would show as a paragraph of pipes.',
    message: (p) => `These ${p.rows} lines look like a table but have no separator row under the header, so learners would see a paragraph of "|" characters.`,
    hint: () => 'Put a separator row under the header row, one `---` per column: `| --- | --- |`.',
  }),
  IMAGE_ALT_MISSING: entry<{ ref: string }>({
    severity: 'error',
    summary: 'An image has no alt text.',
    message: (p) => `The image "${p.ref}" has no alt text, so screen-reader users hear nothing (or the file name) where it is.`,
    hint: () => 'Write what the image shows between the brackets: `![Approval matrix: up to $500 agent, over $500 team lead](assets/matrix.png)`.',
  }),
  IMAGE_OPTIONS_INVALID: entry<{ options: string }>({
    severity: 'error',
    summary: 'The `{…}` after an image holds something other than a width.',
    message: (p) => `\`${p.options}\` after the image is not a width Tandem understands.`,
    hint: () => 'Write `{width=320}` (pixels, 16–2000) or `{width=50%}` (10–100%) right after the image, or leave it out.',
  }),
  MEDIA_AS_IMAGE: entry<{ ref: string }>({
    severity: 'error',
    summary: 'Audio or video is written as an image (`![](clip.mp4)`), which shows as a broken image.',
    message: (p) => `"${p.ref}" is audio or video written as an image; browsers show a broken image for it.`,
    hint: () => 'Write it as a ```video or ```audio block with `src`, `captions` (video), `duration` and `title` (docs/format.md).',
  }),
  MEDIA_BLOCK_INVALID: entry<{ problem: string; expected: string }>({
    severity: 'error',
    summary: 'A video or audio block (a `video` or `audio` fence) is missing a field or has an invalid one.',
    message: (p) => `This media block ${p.problem}.`,
    hint: (p) => p.expected,
  }),
  MEDIA_CAPTIONS_MISSING: entry<{ ref: string }>({
    severity: 'error',
    summary: 'A video has no WebVTT captions.',
    message: (p) => `The video "${p.ref}" has no captions; learners who cannot hear it (or are in an open-plan office) miss what it says.`,
    hint: () => 'Add `captions: assets/<name>.vtt`, a WebVTT file of what is said and heard (WCAG 2.1, 1.2.2).',
  }),
  MEDIA_CAPTIONS_INVALID: entry<{ ref: string; problem: string }>({
    severity: 'error',
    summary: 'A captions file is not valid WebVTT.',
    message: (p) => `"${p.ref}" is not a valid WebVTT file: ${p.problem}`,
    hint: () => 'Captions must be WebVTT: the file starts with `WEBVTT`, then a blank line, then cues like `00:00:01.000 --> 00:00:04.000` with their text. Convert .srt files with a subtitle editor.',
  }),
  PLAYER_LANGUAGE_UNSUPPORTED: entry<{ language: string; supported: string }>({
    severity: 'warning',
    summary: "The unit's language has no translation of the player's buttons and messages; they show in English.",
    message: (p) => `The lesson player has no text in "${p.language}", so its buttons and messages show in English.`,
    hint: (p) => `Use one of ${p.supported}, or add the translations in your theme's lesson-strings.yaml (docs/format.md).`,
  }),
  THEME_STRINGS_INVALID: entry<{ problem: string }>({
    severity: 'error',
    summary: "The theme's lesson-strings.yaml is not a set of translations Tandem can use.",
    message: (p) => `lesson-strings.yaml ${p.problem}.`,
    hint: () => 'Write one mapping per language (`fr:`, `de:`…) of player text keys to text, e.g. `fr: { next: Continuer }`; see docs/format.md for the keys.',
  }),
} as const;
