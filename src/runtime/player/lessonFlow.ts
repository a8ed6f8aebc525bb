/**
 * The rules of a lesson, without a page: which screen is shown, what the learner answered, when
 * the results are reached and what they are, "Try again", and where saved progress resumes. The
 * DOM player (lessonPlayer.ts) renders the flow and hands it what the learner does; the flow tells
 * the Tracker, with the screens, answers and results it decided, so every tracker records the
 * same thing and none re-derives it. Pure (no DOM): the unit tests run it in Node.
 */
import type { LearnerResponse, LessonData, QuestionData } from '../contract/lessonData.js';
import { decodeProgress, encodeProgress, initialProgress, type ProgressState } from '../contract/progressState.js';
import { hasPassed, isCorrect, scoreLesson, type LessonScore } from './scoring.js';
import type { LessonResult, Progress, Tracker, TrackerSession } from './tracker.js';

/** lesson_location values: the 1-based screen number, or this for the results screen. */
export const RESULTS_LOCATION = 'results';

/** What came of the learner asking to move. */
export type Move =
  | { kind: 'moved' }
  /**
   * Not moved on: `questionId` is still open. `screen`: it is on the current screen. `results`:
   * the results need every answer, so the flow went to that question's screen instead.
   */
  | { kind: 'blocked'; reason: 'screen' | 'results'; questionId: string }
  /** The session has ended, or there is no such screen. */
  | { kind: 'ignored' };

/**
 * `answered`: the answer counts (right, or the last try). `tryAgain`: wrong with tries left; the
 * try is recorded (SCORM 1.2 keeps one cmi.interactions row per try, xAPI one statement) and the
 * question stays open.
 */
export type AnswerOutcome = { kind: 'answered'; correct: boolean } | { kind: 'tryAgain'; left: number; total: number } | { kind: 'ignored' };

/** A checked answer, as the learner gave it. */
export interface AnsweredQuestion {
  response: LearnerResponse;
  correct: boolean;
}

/** What the results screen shows. */
export interface LessonResults {
  score: LessonScore;
  /** Against the mastery score; undefined for a completion-only lesson. */
  passed?: boolean;
  masteryScore?: number;
  /** Questions answered so far (all of them once the attempt is finished). */
  answered: number;
  /** Every question in lesson order, with its answer when there is one. */
  questions: { question: QuestionData; answer?: AnsweredQuestion }[];
  /** "Try again" is offered: a failed, fully answered attempt in normal mode. */
  canRetry: boolean;
}

export interface LessonFlowOptions {
  /** Milliseconds; for answer latency. */
  now?: () => number;
  /** Whether the page can show a question; a question the page lacks never blocks the learner. */
  isShown?: (questionId: string) => boolean;
  log?: Pick<Console, 'warn'>;
}

export interface LessonFlow {
  readonly session: TrackerSession;
  /** The learner's progress: read it, never change it (use the methods). */
  readonly state: Readonly<ProgressState>;
  readonly screenCount: number;
  readonly onResults: boolean;
  /** The session ended (exit, finish, or the page went away): nothing more is recorded. */
  readonly ended: boolean;
  /** The question can still be answered: not answered in this attempt, session not ended. */
  isOpen(questionId: string): boolean;
  answerOf(questionId: string): AnsweredQuestion | undefined;
  results(): LessonResults;
  answer(questionId: string, response: LearnerResponse): AnswerOutcome;
  /** To screen `index` (the screen count is the results screen); forward only past answered questions. */
  go(index: number): Move;
  next(): Move;
  back(): Move;
  /** "Try again": a new attempt from the first screen with a question; false when not offered. */
  retry(): boolean;
  /** "Review the lesson": back to the first screen, answers kept. */
  review(): boolean;
  /** Ends the session; true when this call ended it. */
  end(): boolean;
  /** Saves the bookmark now (the page is being hidden and may be discarded). */
  checkpoint(): void;
}

/**
 * Starts the tracker's session, restores saved progress and opens the lesson on its first screen
 * (the tracker hears of that screen through `open`).
 */
export function startLessonFlow(lesson: LessonData, tracker: Tracker, options: LessonFlowOptions = {}): LessonFlow {
  const now = options.now ?? (() => Date.now());
  const isShown = options.isShown ?? (() => true);
  const count = lesson.screens.length;
  const questions = new Map(lesson.questions.map((q) => [q.id, q]));
  const session = tracker.start();
  let state = restoreProgress(lesson, session, options.log ?? console);
  let ended = false;
  /** When each unanswered question was first shown, for interaction latency. */
  const shownAt = new Map<string, number>();
  const review = session.mode === 'review';

  const progress = () => progressOf(lesson, state);
  const answerOf = (id: string): AnsweredQuestion | undefined => {
    const response = state.answers.get(id);
    const q = questions.get(id);
    return response === undefined || !q ? undefined : { response, correct: isCorrect(q, response) };
  };
  /** The first question of `ids` the learner still has to answer. */
  const firstOpen = (ids: readonly string[]) => ids.find((id) => !state.answers.has(id) && isShown(id) && screenOf(id) >= 0);
  const screenOf = (id: string) => lesson.screens.findIndex((s) => s.questionIds.includes(id));

  function enter(index: number): void {
    state.screen = index;
    state.furthest = Math.max(state.furthest, index);
    if (index < count) for (const id of lesson.screens[index]!.questionIds) if (!state.answers.has(id) && !shownAt.has(id)) shownAt.set(id, now());
  }

  function results(): LessonResults {
    const score = scoreLesson(lesson, state.answers);
    const passed = hasPassed(lesson, score);
    const answered = lesson.questions.filter((q) => state.answers.has(q.id)).length;
    return {
      score,
      passed,
      masteryScore: lesson.masteryScore,
      answered,
      questions: lesson.questions.map((question) => ({ question, answer: answerOf(question.id) })),
      canRetry: passed === false && session.mode === 'normal' && answered === score.total,
    };
  }

  function go(index: number): Move {
    if (ended || !Number.isInteger(index) || index < 0 || index > count) return { kind: 'ignored' };
    if (index > state.screen && !review && state.screen < count) {
      const open = firstOpen(lesson.screens[state.screen]!.questionIds);
      if (open) return { kind: 'blocked', reason: 'screen', questionId: open };
    }
    if (index === count && !review) {
      const open = firstOpen(lesson.questions.map((q) => q.id));
      if (open) {
        enter(screenOf(open));
        tracker.saveProgress(progress());
        return { kind: 'blocked', reason: 'results', questionId: open };
      }
    }
    enter(index);
    if (index === count && !state.finished && !review && lesson.questions.every((q) => state.answers.has(q.id))) {
      state.finished = true;
      tracker.recordResult(resultOf(lesson, state.answers), progress());
    } else {
      tracker.saveProgress(progress());
    }
    return { kind: 'moved' };
  }

  enter(Math.min(state.screen, count));
  tracker.open(progress());

  return {
    session,
    get state() {
      return state;
    },
    screenCount: count,
    get onResults() {
      return state.screen >= count;
    },
    get ended() {
      return ended;
    },
    isOpen: (id) => !ended && questions.has(id) && !state.answers.has(id),
    answerOf,
    results,
    answer(id, response) {
      const question = questions.get(id);
      if (ended || !question || state.answers.has(id)) return { kind: 'ignored' };
      const correct = isCorrect(question, response);
      const total = question.attempts ?? 1;
      const used = (state.tries.get(id) ?? 0) + 1;
      const answeredAt = now();
      const latencyMs = answeredAt - (shownAt.get(id) ?? answeredAt);
      if (!correct && used < total && !review) {
        state.tries.set(id, used);
        // The next try's latency counts from now.
        shownAt.set(id, answeredAt);
        tracker.recordAnswer({ question, response, correct, latencyMs, answeredAt: new Date(answeredAt) }, progress());
        return { kind: 'tryAgain', left: total - used, total };
      }
      state.tries.delete(id);
      state.answers.set(id, response);
      tracker.recordAnswer({ question, response, correct, latencyMs, answeredAt: new Date(answeredAt) }, progress());
      return { kind: 'answered', correct };
    },
    go,
    next: () => go(state.screen + 1),
    back: () => go(state.screen - 1),
    retry() {
      if (ended || !results().canRetry) return false;
      state = { ...initialProgress(), attempt: state.attempt + 1 };
      shownAt.clear();
      enter(Math.max(lesson.screens.findIndex((s) => s.questionIds.length > 0), 0));
      tracker.saveProgress(progress());
      return true;
    },
    review() {
      if (ended) return false;
      // Only a look back: the next move saves the bookmark.
      enter(0);
      return true;
    },
    end() {
      if (ended) return false;
      ended = true;
      tracker.finish(progress(), state.finished);
      return true;
    },
    checkpoint() {
      if (!ended) tracker.saveProgress(progress());
    },
  };
}

/**
 * Where a session starts: saved progress resumed as is, shown from the start in review, ignored in
 * browse, or a new attempt when the saved one was finished. Without readable saved progress, a
 * numeric bookmark (SCORM lesson_location) still finds the screen.
 */
export function restoreProgress(lesson: LessonData, session: TrackerSession, log: Pick<Console, 'warn'> = console): ProgressState {
  if (session.savedState) {
    const saved = decodeProgress(lesson, session.savedState);
    if (!saved) log.warn('Tandem: saved progress belongs to another version of this lesson; starting from the beginning.');
    else if (session.mode === 'review') return { ...saved, screen: 0 };
    else if (session.mode === 'browse') return initialProgress();
    else if (saved.finished) return { ...initialProgress(), attempt: saved.attempt + 1 };
    else return saved;
  }
  if (session.mode === 'normal' && session.savedLocation && /^\d+$/.test(session.savedLocation)) {
    const screen = Math.max(Math.min(Number(session.savedLocation) - 1, lesson.screens.length - 1), 0);
    return { ...initialProgress(), screen, furthest: screen };
  }
  return initialProgress();
}

/** What a tracker saves for a state: the bookmark, the encoded progress, and how far the learner got. */
export function progressOf(lesson: LessonData, state: Readonly<ProgressState>): Progress {
  const count = lesson.screens.length;
  return {
    location: state.screen >= count ? RESULTS_LOCATION : String(state.screen + 1),
    state: encodeProgress(lesson, state),
    screen: state.screen,
    percentReached: count ? Math.floor((100 * state.furthest) / count) : 0,
  };
}

/** The result a tracker records for these answers: the score only when the lesson has a mastery score. */
export function resultOf(lesson: LessonData, answers: ReadonlyMap<string, LearnerResponse>): LessonResult {
  const score = scoreLesson(lesson, answers);
  return {
    scorePercent: lesson.masteryScore === undefined ? undefined : score.percent,
    passed: hasPassed(lesson, score),
    correct: score.correct,
    total: score.total,
  };
}
