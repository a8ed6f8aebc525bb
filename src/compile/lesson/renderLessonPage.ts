/**
 * The lesson page: the theme's lesson.hbs filled with the unit's screens (Markdown rendered with
 * marked, sanitised) and questions, plus the player's data as JSON and the page's
 * Content-Security-Policy. Targets choose where the stylesheet and the player script live in their
 * package and pass the paths in.
 */
import Handlebars from 'handlebars';
import type { Course } from '../../course/model/course.js';
import type { Unit } from '../../course/model/unit.js';
import type { SharedResources } from '../sharedResources.js';
import { FILL_IN_MAX_LENGTH, NUMERIC_MAX_LENGTH, type LessonData, type QuestionData } from '../../runtime/contract/lessonData.js';
import { LESSON_ELEMENT_ID } from '../../runtime/contract/pageElements.js';
import { fillIn, PLAYER_STRINGS_ELEMENT_ID, type PlayerStrings } from '../../runtime/contract/playerStrings.js';
import { loadThemeStrings } from '../../course/load/themeStrings.js';
import type { MediaBlock, Question } from '../../course/model/lesson.js';
import { sanitizeAuthorHtml } from '../../course/html/authorHtml.js';
import { brandFontCss, brandTokens, type BrandView } from '../theme/brandCss.js';
import { readThemeFile, readThemePartials, readThemeStylesheet } from '../theme/resolveThemeFile.js';
import type { LessonJobAid } from '../jobAid/jobAidForLesson.js';
import { withLessonCsp } from './lessonCsp.js';
import { renderInlineMarkdown, renderLessonMarkdown } from './lessonMarkdown.js';
import { playerStringsFor } from './playerStrings.js';

export const LESSON_TEMPLATE = 'lesson.hbs' as const;
export const LESSON_STYLESHEET = 'lesson.css' as const;

export interface LessonPageInput {
  unit: Unit;
  course: Course;
  lesson: LessonData;
  /** Relative URL of the stylesheet and of the player script, from the page. */
  stylesheet: string;
  script: string;
  /** The job aid packaged next to the page, which the last screen hands over. */
  jobAid?: LessonJobAid;
  /** The brand's name and logo (brandView). */
  brand: BrandView;
}

/** The compiled lesson template of the course's theme, compiled once per build. */
export function lessonTemplate(course: Course, shared: SharedResources): Promise<Handlebars.TemplateDelegate> {
  return shared.get(`lesson-template:${course.root}`, async () => {
    // A private environment: helpers or partials registered elsewhere cannot change the lesson.
    const handlebars = Handlebars.create();
    // The theme's partials (partials/*.hbs, nearest layer first) are there for the template to use.
    for (const [name, partial] of readThemePartials(course)) handlebars.registerPartial(name, partial);
    return handlebars.compile(readThemeFile(course, LESSON_TEMPLATE).toString('utf8'), { strict: false, preventIndent: true });
  });
}

/**
 * The package's lesson stylesheet: the brand font (the subsets the packaged units' text needs, as
 * in the job aid, so lesson and job aid share one font offline), the brand tokens, then the
 * theme's layered lesson.css. A file of the package, so the lesson's CSP (style-src 'self') holds.
 */
export function lessonStylesheet(course: Course, shared: SharedResources, units: readonly Unit[] = course.units): Promise<Uint8Array> {
  const text = units.map(unitText).join('\n');
  return shared.get(`lesson-stylesheet:${course.root}:${units.map((u) => u.id).join(',')}`, async () => {
    const fonts = await brandFontCss(course.config.brand, text, LESSON_FACES, shared);
    return Buffer.from(`${fonts}\n${brandTokens(course.config.brand)}\n${readThemeStylesheet(course, LESSON_STYLESHEET)}`, 'utf8');
  });
}

const LESSON_FACES = [
  { weight: 400, style: 'normal' },
  { weight: 700, style: 'normal' },
  { weight: 400, style: 'italic' },
] as const;

/** What the lesson shows of a unit, to choose the font subsets. */
function unitText(unit: Unit): string {
  const screens = unit.lesson?.screens ?? [];
  return [unit.contract.title, ...screens.flatMap((s) => [s.title, ...s.blocks.map((b) => JSON.stringify(b))])].join('\n');
}

export function renderLessonPage(template: Handlebars.TemplateDelegate, input: LessonPageInput): string {
  return withLessonCsp(template(lessonView(input)));
}

function lessonView({ unit, course, lesson, stylesheet, script, jobAid, brand }: LessonPageInput): object {
  const language = unit.contract.language || course.config.language;
  // Read per page, not cached: a preview that rebuilds on save must see an edited strings file.
  const strings = playerStringsFor(language, loadThemeStrings(course.root, course.config.theme).strings);
  const questions = new Map(lesson.questions.map((q, i) => [q.id, { q, number: i + 1 }]));
  const authored = new Map((unit.lesson?.questions ?? []).map((q) => [q.id, q]));
  const screens = (unit.lesson?.screens ?? []).map((screen, i) => ({
    number: i + 1,
    hidden: i > 0,
    title: screen.title,
    blocks: screen.blocks.map((block) => {
      if (block.kind === 'markdown') return { html: renderLessonMarkdown(block.markdown, strings) };
      if (block.kind === 'media') return { html: mediaHtml(block.media, language, strings) };
      const found = questions.get(block.question.id)!;
      return { question: questionView(found.q, authored.get(found.q.id)!, found.number, lesson.questions.length, strings) };
    }),
  }));
  const minutes = unit.estimatedMinutes === undefined ? undefined : Math.max(1, Math.round(unit.estimatedMinutes));
  return {
    lang: language,
    brand,
    title: unit.contract.title,
    courseTitle: course.config.title,
    minutes,
    aboutMinutes: minutes === undefined ? undefined : fillIn(strings.aboutMinutes, { minutes }),
    screenOf: fillIn(strings.screenOf, { current: 1, total: screens.length }),
    t: strings,
    stylesheet,
    script,
    // Inside <script>, "</script" or "<!--" in a prompt would end the block early.
    lessonElementId: LESSON_ELEMENT_ID,
    lessonJson: JSON.stringify(lesson).replace(/</g, '\\u003c'),
    stringsElementId: PLAYER_STRINGS_ELEMENT_ID,
    stringsJson: JSON.stringify(strings).replace(/</g, '\\u003c'),
    screenCount: screens.length,
    screens,
    jobAid: jobAid && {
      ...jobAid,
      keep: fillIn(strings.jobAidKeep, { title: jobAid.title }),
      pdfs: jobAid.pdfs.map((pdf) => ({ href: pdf.href, label: fillIn(strings.jobAidPdf, { paper: pdf.label }) })),
    },
  };
}

/** A ```video or ```audio block: native controls, captions on by default, its title as caption and accessible name. */
function mediaHtml(media: MediaBlock, language: string, strings: PlayerStrings): string {
  const attr = (text: string) => text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
  const duration = formatDuration(media.durationSeconds);
  const name = media.title ? ` aria-label="${attr(media.title)}"` : '';
  const poster = media.poster ? ` poster="${attr(media.poster)}"` : '';
  const track = media.captions ? `<track kind="captions" src="${attr(media.captions)}" srclang="${attr(language)}" label="${attr(strings.languageName)}" default>` : '';
  const player =
    media.type === 'video'
      ? `<video controls preload="metadata" playsinline src="${attr(media.src)}"${poster}${name}>${track}</video>`
      : `<audio controls preload="metadata" src="${attr(media.src)}"${name}>${track}</audio>`;
  const caption = `<figcaption>${media.title ? `${attr(media.title)} ` : ''}<span class="media-duration">${attr(fillIn(strings.mediaDuration, { duration }))}</span></figcaption>`;
  return sanitizeAuthorHtml(`<figure class="media media-${media.type}">${player}${caption}</figure>`).html;
}

/** 90 → "1:30". */
function formatDuration(seconds: number): string {
  const s = Math.round(seconds);
  const hours = Math.floor(s / 3600);
  const minutes = Math.floor((s % 3600) / 60);
  const rest = String(s % 60).padStart(2, '0');
  return hours ? `${hours}:${String(minutes).padStart(2, '0')}:${rest}` : `${minutes}:${rest}`;
}

function questionView(q: QuestionData, authored: Question, number: number, total: number, t: PlayerStrings): object {
  const inline = (markdown: string) => renderInlineMarkdown(markdown, t);
  const feedback = {
    correct: inline(authored.feedback.correct),
    incorrect: inline(authored.feedback.incorrect),
    choices: authored.type === 'single-choice' || authored.type === 'multiple-choice' ? authored.choices.filter((c) => c.feedback).map((c) => ({ value: c.id, html: inline(c.feedback!) })) : [],
  };
  const base = {
    id: q.id,
    number: fillIn(t.questionOf, { number, total }),
    prompt: inline(authored.prompt),
    image: authored.image,
    attempts: authored.attempts > 1 ? fillIn(t.attemptsAllowed, { count: authored.attempts }) : undefined,
    feedback,
    t,
  };
  const choiceHtml = new Map(authored.type === 'single-choice' || authored.type === 'multiple-choice' ? authored.choices.map((c) => [c.id, inline(c.text)]) : []);
  switch (q.type) {
    case 'single-choice':
    case 'multiple-choice':
      return {
        ...base,
        inputType: q.type === 'single-choice' ? 'radio' : 'checkbox',
        hint: q.type === 'single-choice' ? t.hintSingle : t.hintMultiple,
        choices: q.choices.map((c) => ({ value: c.id, html: choiceHtml.get(c.id) })),
      };
    case 'true-false':
      return {
        ...base,
        inputType: 'radio',
        hint: t.hintTrueFalse,
        choices: [
          { value: 't', html: escapeHtml(t.trueLabel) },
          { value: 'f', html: escapeHtml(t.falseLabel) },
        ],
      };
    case 'fill-in':
      return { ...base, hint: t.hintFillIn, textInput: { label: t.yourAnswer, maxLength: FILL_IN_MAX_LENGTH } };
    case 'numeric':
      return { ...base, hint: t.hintNumeric, textInput: { label: t.yourAnswerNumber, maxLength: NUMERIC_MAX_LENGTH, numeric: true } };
    case 'sequencing': {
      const byId = new Map(q.steps.map((s) => [s.id, s]));
      return {
        ...base,
        hint: t.hintSequencing,
        steps: q.shownOrder.map((id, i) => ({ id, text: byId.get(id)!.text, position: i + 1 })),
      };
    }
  }
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
