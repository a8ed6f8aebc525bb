/**
 * The microlesson player: screens one at a time, questions with feedback, progress, a results
 * screen, retry and review. It owns the learner's state and scoring and reports to a Tracker; it
 * knows nothing about SCORM, so an xAPI or cmi5 package reuses it with another tracker.
 *
 * Accessibility: moving to a screen moves focus to its heading; feedback and messages go to live
 * regions; nothing depends on colour alone; everything is a native button or input.
 */
import type { LessonData, QuestionData } from '../contract/lessonData.js';
import { decodeProgress, encodeProgress, initialProgress, type ProgressState } from '../contract/progressState.js';
import { enableSequencing, firstControl, lockQuestion, readResponse, resetQuestion, setMessage, showResponse } from './questionControls.js';
import { hasPassed, isCorrect, scoreLesson } from './scoring.js';
import { followSaveStatus } from './saveStatus.js';
import type { Progress, Tracker, TrackerSession } from './tracker.js';

/** lesson_location values: the 1-based screen number, or this for the results screen. */
const RESULTS_LOCATION = 'results';

export interface LessonPlayer {
  /** Current state, for tests and debugging. */
  readonly state: ProgressState;
  readonly session: TrackerSession;
}

export function startLessonPlayer(doc: Document, lesson: LessonData, tracker: Tracker, now: () => number = () => Date.now()): LessonPlayer {
  const session = tracker.start();
  const win = doc.defaultView!;
  const screens = [...doc.querySelectorAll<HTMLElement>('[data-screen]')];
  const results = doc.querySelector<HTMLElement>('[data-results]')!;
  const ended = doc.querySelector<HTMLElement>('[data-ended]')!;
  const nav = doc.querySelector<HTMLElement>('[data-nav]')!;
  const questions = new Map(lesson.questions.map((q) => [q.id, q]));
  const forms = new Map<string, HTMLElement>();
  for (const form of doc.querySelectorAll<HTMLElement>('[data-question]')) forms.set(form.dataset.question!, form);
  /** When each unanswered question was first shown, for interaction latency. */
  const shownAt = new Map<string, number>();
  let state = restoreState(lesson, session);
  let isEnded = false;

  const progress = (): Progress => ({
    location: state.screen >= lesson.screens.length ? RESULTS_LOCATION : String(state.screen + 1),
    state: encodeProgress(lesson, state),
  });
  const action = (name: string) => doc.querySelector<HTMLButtonElement>(`[data-action="${name}"]`);

  showNotice(doc, session);
  const endedMessage = followSaveStatus(doc, tracker, session);
  for (const [id, form] of forms) {
    const q = questions.get(id);
    if (!q) continue;
    if (q.type === 'sequencing') enableSequencing(form);
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      checkAnswer(q, form);
    });
    const answer = state.answers.get(id);
    if (answer !== undefined) {
      showResponse(form, q, answer);
      lockQuestion(form, q, answer, isCorrect(q, answer));
    }
  }

  function checkAnswer(q: QuestionData, form: HTMLElement): void {
    if (isEnded || state.answers.has(q.id)) return;
    const read = readResponse(form, q);
    if ('problem' in read) {
      setMessage(form, read.problem);
      firstControl(form)?.focus();
      return;
    }
    const correct = isCorrect(q, read.response);
    state.answers.set(q.id, read.response);
    lockQuestion(form, q, read.response, correct);
    setNavMessage(doc, '');
    form.querySelector<HTMLElement>('[data-feedback]')?.focus();
    const answeredAt = now();
    tracker.recordAnswer({ question: q, response: read.response, correct, latencyMs: answeredAt - (shownAt.get(q.id) ?? answeredAt), answeredAt: new Date(answeredAt) }, progress());
  }

  function show(index: number, focus = true): void {
    state.screen = index;
    state.furthest = Math.max(state.furthest, index);
    screens.forEach((s, i) => (s.hidden = i !== index));
    results.hidden = index !== screens.length;
    const onResults = index === screens.length;
    for (const id of onResults ? [] : lesson.screens[index]!.questionIds) if (!state.answers.has(id) && !shownAt.has(id)) shownAt.set(id, now());
    updateNavigation(doc, index, screens.length);
    setNavMessage(doc, '');
    if (onResults) renderResults();
    if (focus) (onResults ? results : screens[index]!).querySelector<HTMLElement>('h2')?.focus();
  }

  function go(index: number): void {
    if (isEnded) return;
    if (index > state.screen && session.mode !== 'review') {
      const open = unanswered(state.screen);
      if (open) {
        setNavMessage(doc, 'Answer the question on this screen to continue.');
        firstControl(forms.get(open)!)?.focus();
        return;
      }
    }
    if (index === screens.length && session.mode !== 'review') {
      // Results need every answer: send the learner to the first question still open.
      const open = lesson.questions.find((q) => !state.answers.has(q.id) && forms.has(q.id));
      if (open) {
        show(lesson.screens.findIndex((s) => s.questionIds.includes(open.id)));
        setNavMessage(doc, 'Answer this question to see your results.');
        firstControl(forms.get(open.id)!)?.focus();
        tracker.saveProgress(progress());
        return;
      }
    }
    show(index);
    if (index === screens.length && !state.finished && session.mode !== 'review' && lesson.questions.every((q) => state.answers.has(q.id))) {
      state.finished = true;
      const score = scoreLesson(lesson, state.answers);
      const passed = hasPassed(lesson, score);
      renderResults();
      tracker.recordResult({ scorePercent: lesson.masteryScore === undefined ? undefined : score.percent, passed }, progress());
    } else {
      tracker.saveProgress(progress());
    }
  }

  /** The first unanswered question on a screen (all of them on the results screen). */
  function unanswered(index: number): string | undefined {
    const ids = index >= lesson.screens.length ? lesson.questions.map((q) => q.id) : lesson.screens[index]!.questionIds;
    return ids.find((id) => !state.answers.has(id) && forms.has(id));
  }

  function renderResults(): void {
    const score = scoreLesson(lesson, state.answers);
    const passed = hasPassed(lesson, score);
    const summary = doc.querySelector<HTMLElement>('[data-results-summary]')!;
    const verdict = doc.querySelector<HTMLElement>('[data-results-verdict]')!;
    const answered = lesson.questions.filter((q) => state.answers.has(q.id)).length;
    if (lesson.questions.length === 0) {
      summary.textContent = 'You have reached the end of the lesson.';
      verdict.textContent = 'Lesson complete.';
    } else if (passed === undefined) {
      summary.textContent = `You answered ${score.correct} of ${score.total} questions correctly.`;
      verdict.textContent = answered === score.total ? 'Lesson complete.' : `${score.total - answered} question(s) not answered yet.`;
    } else {
      summary.textContent = `You scored ${score.percent}% (${score.correct} of ${score.total} correct). The pass mark is ${lesson.masteryScore}%.`;
      verdict.textContent = answered < score.total ? `${score.total - answered} question(s) not answered yet.` : passed ? 'You passed.' : 'You did not pass this time.';
    }
    verdict.className = `results-verdict ${passed === false ? 'is-wrong' : 'is-correct'}`;
    const list = doc.querySelector<HTMLElement>('[data-results-list]')!;
    list.replaceChildren();
    lesson.questions.forEach((q, i) => {
      const answer = state.answers.get(q.id);
      const item = doc.createElement('li');
      const mark = answer === undefined ? 'Not answered' : isCorrect(q, answer) ? 'Correct' : 'Incorrect';
      item.className = answer === undefined ? '' : isCorrect(q, answer) ? 'is-correct' : 'is-wrong';
      const label = doc.createElement('strong');
      label.textContent = `Question ${i + 1}: ${mark}.`;
      item.append(label, ` ${q.prompt}`);
      list.append(item);
    });
    const retry = action('retry');
    if (retry) retry.hidden = !(passed === false && session.mode === 'normal' && answered === score.total);
  }

  function retry(): void {
    if (isEnded) return;
    state = { ...initialProgress(), attempt: state.attempt + 1 };
    shownAt.clear();
    for (const [id, form] of forms) {
      const q = questions.get(id);
      if (q) resetQuestion(form, q);
    }
    const first = lesson.screens.findIndex((s) => s.questionIds.length > 0);
    show(Math.max(first, 0));
    tracker.saveProgress(progress());
  }

  function end(): void {
    if (isEnded) return;
    isEnded = true;
    tracker.finish(progress(), state.finished);
    for (const s of screens) s.hidden = true;
    results.hidden = true;
    nav.hidden = true;
    doc.querySelector<HTMLElement>('[data-action="exit"]')!.hidden = true;
    doc.querySelector<HTMLElement>('[data-ended-message]')!.textContent = endedMessage();
    ended.hidden = false;
    ended.querySelector<HTMLElement>('h2')?.focus();
    // A lesson the LMS opened in a new window closes it; in a frame, the LMS decides what comes next.
    if (win.opener && win.top === win) win.close();
  }

  action('back')?.addEventListener('click', () => go(state.screen - 1));
  action('next')?.addEventListener('click', () => go(state.screen + 1));
  action('retry')?.addEventListener('click', retry);
  action('review')?.addEventListener('click', () => show(0));
  action('finish')?.addEventListener('click', end);
  action('exit')?.addEventListener('click', end);
  // pagehide is the last event that fires reliably when a window or frame goes away (unload is not
  // fired on mobile or when the page enters the back/forward cache).
  win.addEventListener('pagehide', () => {
    if (isEnded) return;
    isEnded = true;
    tracker.finish(progress(), state.finished);
  });
  win.addEventListener('pageshow', (event) => {
    // Back from the back/forward cache: the LMS session is over, say so rather than record nothing silently.
    if ((event as PageTransitionEvent).persisted && isEnded) {
      isEnded = false;
      end();
    }
  });
  doc.addEventListener('visibilitychange', () => {
    if (doc.visibilityState === 'hidden' && !isEnded) tracker.saveProgress(progress());
  });

  show(Math.min(state.screen, screens.length), false);
  return {
    get state() {
      return state;
    },
    session,
  };
}

/** Saved progress to continue from: resumed as is, or a new attempt when the saved one was finished. */
function restoreState(lesson: LessonData, session: TrackerSession): ProgressState {
  if (session.savedState) {
    const saved = decodeProgress(lesson, session.savedState);
    if (!saved) console.warn('Tandem: saved progress belongs to another version of this lesson; starting from the beginning.');
    else if (session.mode === 'review') return { ...saved, screen: 0 };
    else if (session.mode === 'browse') return initialProgress();
    else if (saved.finished) return { ...initialProgress(), attempt: saved.attempt + 1 };
    else return saved;
  }
  if (session.mode === 'normal' && session.savedLocation && /^\d+$/.test(session.savedLocation)) {
    const screen = Math.min(Number(session.savedLocation) - 1, lesson.screens.length - 1);
    return { ...initialProgress(), screen: Math.max(screen, 0), furthest: Math.max(screen, 0) };
  }
  return initialProgress();
}

function showNotice(doc: Document, session: TrackerSession): void {
  const notice = doc.querySelector<HTMLElement>('[data-tracking-notice]');
  if (!notice) return;
  const text = session.notice ?? (!session.connected
    ? 'Your progress is not being recorded: this lesson is not connected to a learning management system (LMS).'
    : session.mode === 'review'
      ? 'Review mode: your earlier answers are shown. Nothing is recorded.'
      : session.mode === 'browse'
        ? 'Browse mode: try everything you like. Nothing is recorded.'
        : !session.recordsResults
          ? 'This attempt is not for credit: your answers are saved but no score is recorded.'
          : '');
  notice.textContent = text;
  notice.hidden = !text;
}

function updateNavigation(doc: Document, index: number, count: number): void {
  const back = doc.querySelector<HTMLButtonElement>('[data-action="back"]')!;
  const next = doc.querySelector<HTMLButtonElement>('[data-action="next"]')!;
  back.hidden = index === 0;
  next.hidden = index >= count;
  next.textContent = index === count - 1 ? 'See results' : 'Next';
  const onResults = index >= count;
  const current = doc.querySelector('[data-progress-current]');
  if (current) current.textContent = onResults ? `Results` : `Screen ${index + 1} of ${count}`;
  const bar = doc.querySelector<HTMLProgressElement>('[data-progress-bar]');
  if (bar) bar.value = Math.min(index + 1, count);
}

function setNavMessage(doc: Document, text: string): void {
  const message = doc.querySelector('[data-nav-message]');
  if (message) message.textContent = text;
}
