/**
 * The microlesson player's page: shows the lesson flow (lessonFlow.ts) — one screen at a time,
 * questions with feedback, progress, the results screen, retry and review — and hands it what the
 * learner does. The rules (when to move on, scoring, results, retry, resume) and the tracker calls
 * live in the flow; this module only reads and writes the DOM.
 *
 * Accessibility: moving to a screen moves focus to its heading; feedback and messages go to live
 * regions; nothing depends on colour alone; everything is a native button or input.
 */
import type { LessonData, QuestionData } from '../contract/lessonData.js';
import type { ProgressState } from '../contract/progressState.js';
import { endedMessage } from './endedMessage.js';
import { startLessonFlow, type LessonFlow, type Move } from './lessonFlow.js';
import { enableLightbox } from './lightbox.js';
import { readPlayerStrings, translator, type Translate } from './playerText.js';
import { enableSequencing, firstControl, lockQuestion, readResponse, resetQuestion, setMessage, showResponse, showTryAgain } from './questionControls.js';
import { followSaveStatus } from './saveStatus.js';
import type { Tracker, TrackerSession } from './tracker.js';

export interface LessonPlayer {
  /** Current state, for tests and debugging. */
  readonly state: Readonly<ProgressState>;
  readonly session: TrackerSession;
  readonly flow: LessonFlow;
}

export function startLessonPlayer(doc: Document, lesson: LessonData, tracker: Tracker, now: () => number = () => Date.now()): LessonPlayer {
  const win = doc.defaultView!;
  const screens = [...doc.querySelectorAll<HTMLElement>('[data-screen]')];
  const results = doc.querySelector<HTMLElement>('[data-results]')!;
  const ended = doc.querySelector<HTMLElement>('[data-ended]')!;
  const nav = doc.querySelector<HTMLElement>('[data-nav]')!;
  const questions = new Map(lesson.questions.map((q) => [q.id, q]));
  const forms = new Map<string, HTMLElement>();
  for (const form of doc.querySelectorAll<HTMLElement>('[data-question]')) forms.set(form.dataset.question!, form);
  const flow = startLessonFlow(lesson, tracker, { now, isShown: (id) => forms.has(id) });
  const session = flow.session;
  const action = (name: string) => doc.querySelector<HTMLButtonElement>(`[data-action="${name}"]`);
  const t = translator(readPlayerStrings(doc));

  showNotice(doc, session, t);
  enableLightbox(doc, t);
  const framed = win.top !== win;
  const endedText = followSaveStatus(doc, tracker, (status) => endedMessage({ recordsProgress: session.recordsProgress, framed, status }, t), t);
  for (const [id, form] of forms) {
    const q = questions.get(id);
    if (!q) continue;
    if (q.type === 'sequencing') enableSequencing(form, t);
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      checkAnswer(q, form);
    });
    const answer = flow.answerOf(id);
    if (answer) {
      showResponse(form, q, answer.response);
      lockQuestion(form, q, answer.response, answer.correct, t);
    }
  }

  function checkAnswer(q: QuestionData, form: HTMLElement): void {
    if (!flow.isOpen(q.id)) return;
    const read = readResponse(form, q, t);
    if ('problem' in read) {
      setMessage(form, read.problem);
      firstControl(form)?.focus();
      return;
    }
    const outcome = flow.answer(q.id, read.response);
    if (outcome.kind === 'tryAgain') {
      showTryAgain(form, q, read.response, outcome.left, outcome.total, t);
      form.querySelector<HTMLElement>('[data-feedback]')?.focus();
      return;
    }
    if (outcome.kind !== 'answered') return;
    lockQuestion(form, q, read.response, outcome.correct, t);
    setNavMessage(doc, '');
    form.querySelector<HTMLElement>('[data-feedback]')?.focus();
  }

  /** Shows the flow's current screen (or the results). */
  function render(focus = true): void {
    const index = flow.state.screen;
    const onResults = flow.onResults;
    screens.forEach((s, i) => (s.hidden = i !== index));
    results.hidden = !onResults;
    updateNavigation(doc, index, screens.length, t);
    setNavMessage(doc, '');
    if (onResults) renderResults();
    if (focus) (onResults ? results : screens[index])?.querySelector<HTMLElement>('h2')?.focus();
  }

  function moved(move: Move): void {
    if (move.kind === 'ignored') return;
    if (move.kind === 'moved') {
      render();
      return;
    }
    if (move.reason === 'results') render();
    setNavMessage(doc, t(move.reason === 'results' ? 'answerToSeeResults' : 'answerToContinue'));
    firstControl(forms.get(move.questionId)!)?.focus();
  }

  function renderResults(): void {
    const { score, passed, masteryScore, answered, questions: items, canRetry } = flow.results();
    const summary = doc.querySelector<HTMLElement>('[data-results-summary]')!;
    const verdict = doc.querySelector<HTMLElement>('[data-results-verdict]')!;
    const unanswered = t('resultsUnanswered', { count: score.total - answered });
    if (items.length === 0) {
      summary.textContent = t('resultsEnd');
      verdict.textContent = t('resultsComplete');
    } else if (passed === undefined) {
      summary.textContent = t('resultsAnswered', { correct: score.correct, total: score.total });
      verdict.textContent = answered === score.total ? t('resultsComplete') : unanswered;
    } else {
      summary.textContent = t('resultsScored', { percent: score.percent, correct: score.correct, total: score.total, mastery: masteryScore ?? '' });
      verdict.textContent = answered < score.total ? unanswered : t(passed ? 'resultsPassed' : 'resultsFailed');
    }
    verdict.className = `results-verdict ${passed === false ? 'is-wrong' : 'is-correct'}`;
    const list = doc.querySelector<HTMLElement>('[data-results-list]')!;
    list.replaceChildren();
    items.forEach(({ question, answer }, i) => {
      const item = doc.createElement('li');
      const mark = t(answer === undefined ? 'markNotAnswered' : answer.correct ? 'markCorrect' : 'markIncorrect');
      item.className = answer === undefined ? '' : answer.correct ? 'is-correct' : 'is-wrong';
      const label = doc.createElement('strong');
      label.textContent = t('resultsItem', { number: i + 1, mark });
      item.append(label, ` ${question.prompt}`);
      list.append(item);
    });
    // One primary action: "Try again" when it is offered, else "Finish and exit".
    const retry = action('retry');
    if (retry) {
      retry.hidden = !canRetry;
      retry.classList.toggle('button-primary', canRetry);
    }
    action('finish')?.classList.toggle('button-primary', !canRetry || !retry);
  }

  function retry(): void {
    if (!flow.retry()) return;
    for (const [id, form] of forms) {
      const q = questions.get(id);
      if (q) resetQuestion(form, q);
    }
    render();
  }

  function end(): void {
    if (flow.end()) showEnded();
  }

  function showEnded(): void {
    for (const s of screens) s.hidden = true;
    results.hidden = true;
    nav.hidden = true;
    doc.querySelector<HTMLElement>('[data-action="exit"]')!.hidden = true;
    doc.querySelector<HTMLElement>('[data-ended-message]')!.textContent = endedText();
    ended.hidden = false;
    ended.querySelector<HTMLElement>('h2')?.focus();
    // A lesson the LMS opened in a new window closes it; in a frame, the LMS decides what comes next.
    if (win.opener && win.top === win) win.close();
  }

  action('back')?.addEventListener('click', () => moved(flow.back()));
  action('next')?.addEventListener('click', () => moved(flow.next()));
  action('retry')?.addEventListener('click', retry);
  action('review')?.addEventListener('click', () => flow.review() && render());
  action('finish')?.addEventListener('click', end);
  action('exit')?.addEventListener('click', end);
  // pagehide is the last event that fires reliably when a window or frame goes away (unload is not
  // fired on mobile or when the page enters the back/forward cache).
  win.addEventListener('pagehide', () => flow.end());
  win.addEventListener('pageshow', (event) => {
    // Back from the back/forward cache: the LMS session is over, say so rather than record nothing silently.
    if ((event as PageTransitionEvent).persisted && flow.ended) showEnded();
  });
  doc.addEventListener('visibilitychange', () => {
    if (doc.visibilityState === 'hidden') flow.checkpoint();
  });

  render(false);
  return {
    get state() {
      return flow.state;
    },
    session,
    flow,
  };
}

function showNotice(doc: Document, session: TrackerSession, t: Translate): void {
  const notice = doc.querySelector<HTMLElement>('[data-tracking-notice]');
  if (!notice) return;
  const text = session.notice ?? (!session.connected
    ? t('noticeNotConnected')
    : session.mode === 'review'
      ? t('noticeReview')
      : session.mode === 'browse'
        ? t('noticeBrowse')
        : !session.recordsResults
          ? t('noticeNoCredit')
          : '');
  notice.textContent = text;
  notice.hidden = !text;
}

function updateNavigation(doc: Document, index: number, count: number, t: Translate): void {
  const back = doc.querySelector<HTMLButtonElement>('[data-action="back"]')!;
  const next = doc.querySelector<HTMLButtonElement>('[data-action="next"]')!;
  back.hidden = index === 0;
  next.hidden = index >= count;
  next.textContent = t(index === count - 1 ? 'seeResults' : 'next');
  const onResults = index >= count;
  const current = doc.querySelector('[data-progress-current]');
  if (current) current.textContent = onResults ? t('progressResults') : t('screenOf', { current: index + 1, total: count });
  const bar = doc.querySelector<HTMLProgressElement>('[data-progress-bar]');
  if (bar) bar.value = Math.min(index + 1, count);
}

function setNavMessage(doc: Document, text: string): void {
  const message = doc.querySelector('[data-nav-message]');
  if (message) message.textContent = text;
}
