/**
 * Issue 14, richer lessons in Node: what `tandem check` reads (tables, durations, WebVTT) and what
 * the renderer writes for callouts, figures, image widths and Markdown in questions, and the
 * player's texts per language.
 */
import { describe, expect, it } from 'vitest';
import { malformedTableRows } from '../../src/course/load/lessonContent.js';
import { parseLesson } from '../../src/course/load/parseLesson.js';
import { readDuration } from '../../src/course/load/parseMediaBlock.js';
import { webVttProblem } from '../../src/course/load/checkCaptions.js';
import { PLAYER_LANGUAGES } from '../../src/course/load/themeStrings.js';
import { inlineMarkdownText, renderInlineMarkdown, renderLessonMarkdown } from '../../src/compile/lesson/lessonMarkdown.js';
import { BUILT_IN_STRINGS, playerStringsFor } from '../../src/compile/lesson/playerStrings.js';
import { ENGLISH_STRINGS } from '../../src/runtime/contract/playerStrings.js';

const en = ENGLISH_STRINGS;

describe('tables', () => {
  it('lines of pipes without a separator row are a malformed table; a real table or one line is not', () => {
    expect(malformedTableRows('| a | b |\n| c | d |\n')).toBe(2);
    expect(malformedTableRows('| a | b |')).toBe(0);
    expect(malformedTableRows('Use a | between words\nand another | here')).toBe(0);
  });

  it('render full width in a labelled, focusable box that scrolls on a phone (the label in the unit language)', () => {
    const html = renderLessonMarkdown('| a | b |\n| --- | --- |\n| 1 | 2 |\n', playerStringsFor('fr', new Map()));
    expect(html).toContain('<div class="table-scroll" tabindex="0" role="region" aria-label="Tableau"><table>');
  });
});

describe('callouts', () => {
  it('> [!WARNING] becomes a labelled note with the rest of the quote as its body', () => {
    const html = renderLessonMarkdown('> [!WARNING]\n> Lock out **before** you open the panel.\n', en);
    expect(html).toContain('<div class="callout callout-warning" role="note" aria-label="Warning"><p class="callout-title" aria-hidden="true">Warning</p>');
    expect(html).toContain('<p>Lock out <strong>before</strong> you open the panel.</p>');
    expect(html).not.toContain('[!WARNING]');
    expect(html).not.toContain('<blockquote>');
  });

  it('a plain quote stays a quote', () => {
    expect(renderLessonMarkdown('> Just a quote.\n', en)).toContain('<blockquote>');
  });
});

describe('images', () => {
  it('an image alone in its paragraph is a figure with its title as caption and the width written after it', () => {
    const html = renderLessonMarkdown('![The approval matrix](assets/matrix.png "Who approves what"){width=60%}\n', en);
    expect(html).toBe('<figure class="lesson-figure"><img src="assets/matrix.png" alt="The approval matrix" width="60%"><figcaption>Who approves what</figcaption></figure>\n');
  });

  it('an image inside text keeps its width and title, and `{…}` is not shown', () => {
    const html = renderLessonMarkdown('See ![icon](assets/i.png "Icon"){width=24} here.\n', en);
    expect(html).toBe('<p>See <img src="assets/i.png" alt="icon" title="Icon" width="24"> here.</p>\n');
  });

  it('tandem check reports an image without alt text, a bad width and a video written as an image, where written', () => {
    const { diagnostics } = parseLesson('# One\n\n![](assets/a.png)\n\nText ![x](assets/b.png){width=5000} and ![clip](assets/c.mp4).\n', 'lesson.md');
    expect(diagnostics.map((d) => `${d.code} ${d.line}:${d.column}`)).toEqual(['IMAGE_ALT_MISSING 3:1', 'IMAGE_OPTIONS_INVALID 5:24', 'MEDIA_AS_IMAGE 5:41']);
  });
});

describe('video and audio blocks', () => {
  it('durations are m:ss, h:mm:ss or seconds, up to an hour', () => {
    expect([readDuration('1:30'), readDuration('0:01:30'), readDuration(90), readDuration('90')]).toEqual([90, 90, 90, 90]);
    expect([readDuration('about a minute'), readDuration(0), readDuration('2:00:00'), readDuration('1:3')]).toEqual([undefined, undefined, undefined, undefined]);
  });

  it("a block's play time counts in the lesson, and its files are asset references", () => {
    const text = '# One\n\n```video\nsrc: assets/clip.mp4\ncaptions: assets/clip.vtt\nposter: assets/clip.jpg\nduration: 1:30\ntitle: Logging a callback\n```\n';
    const { lesson, diagnostics } = parseLesson(text, 'lesson.md');
    expect(diagnostics).toEqual([]);
    expect(lesson.mediaSeconds).toBe(90);
    expect(lesson.assetRefs.map((r) => `${r.ref} ${r.kind} ${r.line}:${r.column}`)).toEqual(['assets/clip.mp4 media 4:6', 'assets/clip.vtt media 5:11', 'assets/clip.jpg image 6:9']);
    expect(lesson.screens[0]!.blocks).toEqual([{ kind: 'media', media: { type: 'video', src: 'assets/clip.mp4', captions: 'assets/clip.vtt', poster: 'assets/clip.jpg', title: 'Logging a callback', durationSeconds: 90, line: 3 } }]);
  });

  it('WebVTT captions are checked with the W3C parser: an .srt renamed to .vtt is refused with its line', () => {
    const bytes = (text: string) => new TextEncoder().encode(text);
    expect(webVttProblem(bytes('WEBVTT\n\n00:00:01.000 --> 00:00:04.000\nHello.\n'))).toBeUndefined();
    expect(webVttProblem(bytes('1\n00:00:01,000 --> 00:00:04,000\nHello.\n'))).toMatch(/^line 1: No valid signature/);
    expect(webVttProblem(bytes('WEBVTT\n'))).toBe('it has no cues, so nothing would be shown.');
    expect(webVttProblem(new Uint8Array([0x57, 0xff, 0xfe]))).toMatch(/not UTF-8/);
  });
});

describe('Markdown in questions', () => {
  it('prompts, choices and feedback render emphasis, code and links, sanitised like lesson text', () => {
    expect(renderInlineMarkdown('Is **this** `safe`? [Policy](https://x.example/p)', en)).toBe(
      'Is <strong>this</strong> <code>safe</code>? <a href="https://x.example/p" target="_blank" rel="noopener noreferrer">Policy<span class="visually-hidden"> (opens in a new tab)</span></a>',
    );
    expect(renderInlineMarkdown('<img src=x onerror=alert(1)>Hi', en)).toBe('<img src="x">Hi');
  });

  it('the LMS and LRS get the plain text', () => {
    expect(inlineMarkdownText('Is **this** `a<b` [safe](https://x.example)?')).toBe('Is this a<b safe?');
  });
});

describe("the player's texts", () => {
  it('Tandem ships every text in English, French, German, Spanish and Portuguese', () => {
    expect(Object.keys(BUILT_IN_STRINGS).sort()).toEqual([...PLAYER_LANGUAGES].sort());
    for (const [language, strings] of Object.entries(BUILT_IN_STRINGS)) {
      expect(Object.keys(strings).sort(), language).toEqual(Object.keys(ENGLISH_STRINGS).sort());
      for (const [key, text] of Object.entries(strings)) {
        expect(text.trim(), `${language}.${key}`).not.toBe('');
        // Every {name} the English text fills in, the translation fills in too.
        expect(text.match(/\{\w+\}/g)?.sort() ?? [], `${language}.${key}`).toEqual(ENGLISH_STRINGS[key as keyof typeof ENGLISH_STRINGS].match(/\{\w+\}/g)?.sort() ?? []);
      }
    }
  });

  it("are chosen by the unit's language (a regional tag finds its language), English otherwise, and a theme rewords them", () => {
    expect(playerStringsFor('fr', new Map()).next).toBe('Suivant');
    expect(playerStringsFor('pt-BR', new Map()).next).toBe('Avançar');
    expect(playerStringsFor('de-CH', new Map()).back).toBe('Zurück');
    expect(playerStringsFor('ja', new Map()).next).toBe('Next');
    const theme = new Map([['fr', { next: 'Continuer' }], ['ja', { next: '次へ' }]]);
    expect(playerStringsFor('fr-CA', theme).next).toBe('Continuer');
    expect(playerStringsFor('fr-CA', theme).back).toBe('Précédent');
    expect(playerStringsFor('ja', theme)).toMatchObject({ next: '次へ', back: 'Back' });
  });
});
