/**
 * A question as an xAPI interaction activity definition (xAPI 1.0.3 Data §2.4.4.1.2 "Interaction
 * Activities"): the interaction type, its components (choices, sequencing steps) and the correct
 * responses in xAPI's pattern syntax. Built once at build time; the runtime only formats the
 * learner's response (runtime/statements/interactionResponse), in the same syntax.
 */
import type { InteractionActivityDefinition, InteractionComponent } from '@xapi/xapi';
import type { Question } from '../course/model/lesson.js';
import { LESSON_ACTIVITY_TYPES } from './lessonIris.js';

/** xAPI's delimiter between the items of one response (choices, steps). */
export const ITEM_DELIMITER = '[,]';
/** xAPI's delimiter between the bounds of a numeric range. */
export const RANGE_DELIMITER = '[:]';

export function interactionDefinition(question: Question, language: string): InteractionActivityDefinition {
  const base = {
    type: LESSON_ACTIVITY_TYPES.interaction,
    name: { [language]: question.prompt },
  } as const;
  const component = (id: string, text: string): InteractionComponent => ({ id, description: { [language]: text } });
  switch (question.type) {
    case 'single-choice':
    case 'multiple-choice':
      return {
        ...base,
        interactionType: 'choice',
        choices: question.choices.map((c) => component(c.id, c.text)),
        correctResponsesPattern: [question.choices.filter((c) => c.correct).map((c) => c.id).join(ITEM_DELIMITER)],
      };
    case 'true-false':
      return { ...base, interactionType: 'true-false', correctResponsesPattern: [question.answer ? 'true' : 'false'] };
    case 'fill-in':
      // One pattern per accepted answer: the spec reads the list as "any of these is correct".
      return {
        ...base,
        interactionType: 'fill-in',
        correctResponsesPattern: question.answers.map((a) => `{case_matters=${question.caseSensitive}}${a}`),
      };
    case 'numeric':
      return {
        ...base,
        interactionType: 'numeric',
        correctResponsesPattern: [
          question.tolerance > 0
            ? `${tidy(question.answer - question.tolerance)}${RANGE_DELIMITER}${tidy(question.answer + question.tolerance)}`
            : String(question.answer),
        ],
      };
    case 'sequencing':
      return {
        ...base,
        interactionType: 'sequencing',
        choices: question.steps.map((s) => component(s.id, s.text)),
        correctResponsesPattern: [question.steps.map((s) => s.id).join(ITEM_DELIMITER)],
      };
  }
}

/** 17.5 - 0.1 is 17.400000000000002 in floating point; a pattern should read 17.4. */
function tidy(n: number): string {
  return String(Number(n.toPrecision(12)));
}
