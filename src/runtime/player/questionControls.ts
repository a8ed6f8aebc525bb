/**
 * The DOM side of one question: read what the learner entered, show a saved answer, lock the
 * question and show feedback, reset it for another attempt, and make sequencing operable with
 * buttons (keyboard and screen readers; no drag and drop needed).
 *
 * The markup comes from the theme's lesson template; the contract is in data attributes:
 * `form[data-question=id]` holding inputs named after the question id (choice, true-false),
 * `input[data-answer]` (fill-in, numeric), `ol[data-sequence] > li[data-step=id]` with
 * `button[data-move=up|down]`, `[data-feedback]`, `[data-question-message]`, `[data-announce]`,
 * and `template[data-feedback-html=correct|incorrect|choice-<id>]` holding the feedback as the
 * author formatted it (sanitised at build time; the JSON has it as plain text for the LMS).
 */
import { FILL_IN_MAX_LENGTH, type LearnerResponse, type QuestionData } from '../contract/lessonData.js';
import { english, type Translate } from './playerText.js';
import { parseNumber } from './scoring.js';

export type ReadResult = { response: LearnerResponse } | { problem: string };

export function readResponse(form: HTMLElement, q: QuestionData, t: Translate = english): ReadResult {
  switch (q.type) {
    case 'single-choice':
    case 'multiple-choice':
    case 'true-false': {
      const checked = inputs(form).filter((i) => i.checked).map((i) => i.value);
      if (checked.length === 0) return { problem: t(q.type === 'multiple-choice' ? 'selectAtLeastOne' : 'chooseAnswer') };
      if (q.type === 'true-false') return { response: checked[0] === 't' };
      return { response: checked };
    }
    case 'fill-in': {
      const text = answerInput(form).value.trim().slice(0, FILL_IN_MAX_LENGTH);
      return text ? { response: text } : { problem: t('typeAnswer') };
    }
    case 'numeric': {
      const text = answerInput(form).value;
      if (!text.trim()) return { problem: t('typeNumber') };
      const n = parseNumber(text);
      return n === undefined ? { problem: t('typeNumberExample') } : { response: n };
    }
    case 'sequencing':
      return { response: steps(form).map((li) => li.dataset.step!) };
  }
}

/** Puts a saved answer back into the inputs (resume, review). */
export function showResponse(form: HTMLElement, q: QuestionData, response: LearnerResponse): void {
  switch (q.type) {
    case 'single-choice':
    case 'multiple-choice':
      for (const i of inputs(form)) i.checked = (response as string[]).includes(i.value);
      break;
    case 'true-false':
      for (const i of inputs(form)) i.checked = i.value === (response ? 't' : 'f');
      break;
    case 'fill-in':
    case 'numeric':
      answerInput(form).value = String(response);
      break;
    case 'sequencing':
      reorder(form, response as string[]);
      break;
  }
}

/** After an answer: inputs read-only, right and wrong choices marked in words, feedback shown. */
export function lockQuestion(form: HTMLElement, q: QuestionData, response: LearnerResponse, correct: boolean, t: Translate = english): void {
  form.classList.add('is-answered');
  form.classList.remove('is-retrying');
  for (const control of form.querySelectorAll<HTMLInputElement | HTMLButtonElement>('input, button')) control.disabled = true;
  setMessage(form, '');
  if (q.type === 'single-choice' || q.type === 'multiple-choice' || q.type === 'true-false') markChoices(form, q, response, t);
  const feedback = showFeedback(form, q, response, correct, t);
  if (!correct) feedback.append(correctAnswer(q, t));
}

/**
 * A wrong try with tries left: the incorrect feedback and how many tries remain, the inputs left
 * as they are for the next try, and neither the right answer nor which choice was wrong given away.
 */
export function showTryAgain(form: HTMLElement, q: QuestionData, response: LearnerResponse, left: number, total: number, t: Translate = english): void {
  form.classList.add('is-retrying');
  setMessage(form, '');
  const feedback = showFeedback(form, q, response, false, t);
  feedback.append(el('p', 'feedback-tries', t('triesLeft', { count: left, total })));
}

function showFeedback(form: HTMLElement, q: QuestionData, response: LearnerResponse, correct: boolean, t: Translate): HTMLElement {
  const feedback = form.querySelector<HTMLElement>('[data-feedback]')!;
  feedback.replaceChildren();
  const verdict = el('p', `feedback-verdict ${correct ? 'is-correct' : 'is-wrong'}`);
  verdict.append(el('span', 'feedback-icon', correct ? '✓' : '✗'), ' ', el('strong', '', t(correct ? 'verdictCorrect' : 'verdictIncorrect')), ' ');
  verdict.append(authored(form, correct ? 'correct' : 'incorrect', correct ? q.feedback.correct : q.feedback.incorrect));
  verdict.firstElementChild!.setAttribute('aria-hidden', 'true');
  feedback.append(verdict);
  if (q.type === 'single-choice' || q.type === 'multiple-choice') {
    for (const choice of q.choices) {
      if (!choice.feedback || !(response as string[]).includes(choice.id)) continue;
      const line = el('p', 'feedback-choice', `“${choice.text}”: `);
      line.append(authored(form, `choice-${choice.id}`, choice.feedback));
      feedback.append(line);
    }
  }
  feedback.hidden = false;
  return feedback;
}

/** The author's formatted feedback from its <template>, else the plain text. */
function authored(form: HTMLElement, name: string, plain: string): Node {
  const template = form.querySelector<HTMLTemplateElement>(`template[data-feedback-html="${name}"]`);
  const span = el('span', 'feedback-text');
  if (template) span.append(template.content.cloneNode(true));
  else span.textContent = plain;
  return span;
}

/** Back to unanswered, for "Try again". */
export function resetQuestion(form: HTMLElement, q: QuestionData): void {
  form.classList.remove('is-answered', 'is-retrying');
  for (const control of form.querySelectorAll<HTMLInputElement | HTMLButtonElement>('input, button')) control.disabled = false;
  for (const i of inputs(form)) i.checked = false;
  for (const label of form.querySelectorAll('.choice')) {
    label.classList.remove('is-correct', 'is-wrong');
    label.querySelector('.choice-mark')?.remove();
  }
  const text = form.querySelector<HTMLInputElement>('input[data-answer]');
  if (text) text.value = '';
  if (q.type === 'sequencing') reorder(form, q.shownOrder);
  const feedback = form.querySelector<HTMLElement>('[data-feedback]')!;
  feedback.replaceChildren();
  feedback.hidden = true;
  setMessage(form, '');
}

/** Wires the move buttons of a sequencing question; focus stays on the pressed button. */
export function enableSequencing(form: HTMLElement, t: Translate = english): void {
  updateMoveButtons(form);
  form.addEventListener('click', (event) => {
    const button = (event.target as Element).closest<HTMLButtonElement>('button[data-move]');
    if (!button || button.disabled || button.getAttribute('aria-disabled') === 'true') return;
    const item = button.closest('li')!;
    const up = button.dataset.move === 'up';
    const sibling = up ? item.previousElementSibling : item.nextElementSibling;
    if (!sibling) return;
    if (up) sibling.before(item);
    else sibling.after(item);
    updateMoveButtons(form);
    button.focus();
    const list = steps(form);
    const text = item.querySelector('.step-text')?.textContent ?? '';
    announce(form, t('stepMoved', { text, position: list.indexOf(item) + 1, total: list.length }));
  });
}

export function setMessage(form: HTMLElement, text: string): void {
  const message = form.querySelector<HTMLElement>('[data-question-message]');
  if (message) message.textContent = text;
}

/** The first control a learner would use, to move focus to an unanswered question. */
export function firstControl(form: HTMLElement): HTMLElement | null {
  return form.querySelector<HTMLElement>('input:not([disabled]), button[data-move]:not([aria-disabled="true"]), button:not([disabled])');
}

function markChoices(form: HTMLElement, q: QuestionData, response: LearnerResponse, t: Translate): void {
  const chosen = q.type === 'true-false' ? [response ? 't' : 'f'] : (response as string[]);
  const right =
    q.type === 'true-false' ? [q.answer ? 't' : 'f'] : q.type === 'single-choice' || q.type === 'multiple-choice' ? q.choices.filter((c) => c.correct).map((c) => c.id) : [];
  for (const input of inputs(form)) {
    const label = input.closest<HTMLElement>('.choice');
    if (!label) continue;
    const isRight = right.includes(input.value);
    const isChosen = chosen.includes(input.value);
    if (!isRight && !isChosen) continue;
    label.classList.add(isRight ? 'is-correct' : 'is-wrong');
    const words = t(isRight ? (isChosen ? 'markYourAnswerCorrect' : 'markCorrectAnswer') : 'markYourAnswerIncorrect');
    label.append(el('span', 'choice-mark', words));
  }
}

function correctAnswer(q: QuestionData, t: Translate): HTMLElement {
  const box = el('div', 'feedback-answer');
  switch (q.type) {
    case 'single-choice':
    case 'multiple-choice': {
      const right = q.choices.filter((c) => c.correct).map((c) => c.text);
      box.append(el('p', '', t(right.length > 1 ? 'correctAnswers' : 'correctAnswer', { answer: right.join('; ') })));
      break;
    }
    case 'true-false':
      box.append(el('p', '', t('correctAnswer', { answer: t(q.answer ? 'trueLabel' : 'falseLabel') })));
      break;
    case 'fill-in':
      box.append(el('p', '', t('acceptedAnswer', { answer: q.answers[0]! })));
      break;
    case 'numeric':
      box.append(el('p', '', t('correctAnswer', { answer: `${q.answer}${q.tolerance ? ` (± ${q.tolerance})` : ''}` })));
      break;
    case 'sequencing': {
      box.append(el('p', '', t('correctOrder')));
      const list = el('ol', '');
      for (const step of q.steps) list.append(el('li', '', step.text));
      box.append(list);
      break;
    }
  }
  return box;
}

function reorder(form: HTMLElement, order: readonly string[]): void {
  const list = form.querySelector('[data-sequence]');
  if (!list) return;
  for (const id of order) {
    const item = list.querySelector(`li[data-step="${id}"]`);
    if (item) list.append(item);
  }
  updateMoveButtons(form);
}

/** The first step cannot go up, the last cannot go down: aria-disabled keeps them focusable, so focus is never lost. */
function updateMoveButtons(form: HTMLElement): void {
  const list = steps(form);
  list.forEach((li, i) => {
    li.querySelector('[data-move="up"]')?.setAttribute('aria-disabled', String(i === 0));
    li.querySelector('[data-move="down"]')?.setAttribute('aria-disabled', String(i === list.length - 1));
    const position = li.querySelector('[data-position]');
    if (position) position.textContent = String(i + 1);
  });
}

function announce(form: HTMLElement, text: string): void {
  const region = form.querySelector<HTMLElement>('[data-announce]');
  if (region) region.textContent = text;
}

function inputs(form: HTMLElement): HTMLInputElement[] {
  return [...form.querySelectorAll<HTMLInputElement>('input[type="radio"], input[type="checkbox"]')];
}

function answerInput(form: HTMLElement): HTMLInputElement {
  return form.querySelector<HTMLInputElement>('input[data-answer]')!;
}

function steps(form: HTMLElement): HTMLElement[] {
  return [...form.querySelectorAll<HTMLElement>('[data-sequence] > li[data-step]')];
}

function el<K extends keyof HTMLElementTagNameMap>(tag: K, className: string, text?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}
