/**
 * The running totals of nudge answers (the reinforcement loop) for one objective in one window:
 * one entry per nudge answered (series and sequence, xapi/reinforcementIris.ts), so memory grows
 * with nudges, never with statements. A nudge answered by two statements with different ids (two
 * systems recording the same click) counts once, with its earliest answer, as the answer page
 * keeps the first answer. Definitions: README, "tandem report", the reinforcement block; proven by
 * test/report/reinforcementBlock.test.ts.
 */
import type { StatementEvent } from '../statementEvent.js';
import type { ReinforcementKpis } from '../reportModel.js';
import { ratio, round } from './rates.js';

interface NudgeAnswer {
  at: number;
  learner: string;
  correct: boolean;
  channel: string;
  /** The lesson question the nudge asked, when it asked one. */
  lessonQuestionId?: string;
}

/** As JSON, for a saved pass (source/passSnapshot). */
export type ReinforcementState = [string, NudgeAnswer][];

/** Counts of learners' first lesson answers to one question (kpi/objectiveAccumulator). */
export type FirstAnswerCounts = (questionId: string) => { n: number; correct: number };

export class ReinforcementAccumulator {
  /** nudge id (`<series>.<sequence>`) → its earliest answer. */
  private readonly nudges = new Map<string, NudgeAnswer>();

  add(event: Extract<StatementEvent, { kind: 'nudge' }>): void {
    const earlier = this.nudges.get(event.nudge);
    if (earlier && earlier.at <= event.base.at) return;
    const answer: NudgeAnswer = { at: event.base.at, learner: event.base.learner, correct: event.correct, channel: event.channel };
    if (event.lessonQuestionId !== undefined) answer.lessonQuestionId = event.lessonQuestionId;
    this.nudges.set(event.nudge, answer);
  }

  state(): ReinforcementState {
    return [...this.nudges];
  }

  static restore(state: ReinforcementState | undefined): ReinforcementAccumulator {
    const acc = new ReinforcementAccumulator();
    for (const [id, answer] of state ?? []) acc.nudges.set(id, answer);
    return acc;
  }

  /**
   * The block: `nudgesSent` comes from the schedule (null without one); first-attempt correctness
   * pools the learners' first lesson answers to every lesson question a nudge of the period asked.
   */
  result(nudgesSent: number | null, firstAnswers: FirstAnswerCounts): ReinforcementKpis {
    const all = [...this.nudges.values()];
    const correct = all.filter((a) => a.correct).length;
    const asked = [...new Set(all.map((a) => a.lessonQuestionId).filter((id) => id !== undefined))].sort();
    let firstN = 0;
    let firstCorrect = 0;
    for (const id of asked) {
      const counts = firstAnswers(id);
      firstN += counts.n;
      firstCorrect += counts.correct;
    }
    const delayed = ratio(correct, all.length);
    const first = ratio(firstCorrect, firstN);
    const channels = new Map<string, { answered: number; correct: number }>();
    for (const a of all) {
      const c = channels.get(a.channel) ?? { answered: 0, correct: 0 };
      c.answered++;
      if (a.correct) c.correct++;
      channels.set(a.channel, c);
    }
    return {
      nudgesSent,
      answered: all.length,
      learners: new Set(all.map((a) => a.learner)).size,
      correct,
      delayedCorrectness: delayed,
      firstAttemptCorrectness: first,
      firstAttemptAnswers: firstN,
      questions: asked,
      drop: delayed !== null && first !== null ? round(first - delayed) : null,
      byChannel: [...channels]
        .sort((a, b) => a[0].localeCompare(b[0]))
        .map(([channel, c]) => ({ channel, answered: c.answered, correct: c.correct, delayedCorrectness: ratio(c.correct, c.answered) })),
    };
  }
}
