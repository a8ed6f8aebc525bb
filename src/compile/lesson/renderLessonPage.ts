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
import { brandFontCss, brandTokens, type BrandView } from '../theme/brandCss.js';
import { readThemeFile, readThemePartials, readThemeStylesheet } from '../theme/resolveThemeFile.js';
import type { LessonJobAid } from '../jobAid/jobAidForLesson.js';
import { withLessonCsp } from './lessonCsp.js';
import { renderLessonMarkdown } from './lessonMarkdown.js';

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
  const questions = new Map(lesson.questions.map((q, i) => [q.id, { q, number: i + 1 }]));
  const screens = (unit.lesson?.screens ?? []).map((screen, i) => ({
    number: i + 1,
    hidden: i > 0,
    title: screen.title,
    blocks: screen.blocks.map((block) => {
      if (block.kind === 'markdown') return { html: renderLessonMarkdown(block.markdown) };
      const found = questions.get(block.question.id)!;
      return { question: questionView(found.q, found.number, lesson.questions.length) };
    }),
  }));
  return {
    lang: unit.contract.language || course.config.language,
    brand,
    title: unit.contract.title,
    courseTitle: course.config.title,
    minutes: unit.estimatedMinutes === undefined ? undefined : Math.max(1, Math.round(unit.estimatedMinutes)),
    stylesheet,
    script,
    // Inside <script>, "</script" or "<!--" in a prompt would end the block early.
    lessonElementId: LESSON_ELEMENT_ID,
    lessonJson: JSON.stringify(lesson).replace(/</g, '\\u003c'),
    screenCount: screens.length,
    screens,
    jobAid,
  };
}

function questionView(q: QuestionData, number: number, total: number): object {
  const base = { id: q.id, number, total, prompt: q.prompt };
  switch (q.type) {
    case 'single-choice':
    case 'multiple-choice':
      return {
        ...base,
        inputType: q.type === 'single-choice' ? 'radio' : 'checkbox',
        hint: q.type === 'single-choice' ? 'Choose one answer.' : 'Select all that apply.',
        choices: q.choices.map((c) => ({ value: c.id, text: c.text })),
      };
    case 'true-false':
      return {
        ...base,
        inputType: 'radio',
        hint: 'Choose true or false.',
        choices: [
          { value: 't', text: 'True' },
          { value: 'f', text: 'False' },
        ],
      };
    case 'fill-in':
      return { ...base, hint: 'Type your answer in the box.', textInput: { label: 'Your answer', maxLength: FILL_IN_MAX_LENGTH } };
    case 'numeric':
      return { ...base, hint: 'Type a number.', textInput: { label: 'Your answer (a number)', maxLength: NUMERIC_MAX_LENGTH, numeric: true } };
    case 'sequencing': {
      const byId = new Map(q.steps.map((s) => [s.id, s]));
      return {
        ...base,
        hint: 'Put the steps in the right order with the Move up and Move down buttons.',
        steps: q.shownOrder.map((id, i) => ({ id, text: byId.get(id)!.text, position: i + 1 })),
      };
    }
  }
}
