/**
 * The running totals for one objective in one window. Each event updates per-learner state (a few
 * numbers per learner, one first answer per learner and question), so memory grows with learners
 * and questions, never with statements. `result()` turns the state into the report's numbers;
 * definitions are in the README ("tandem report: definitions") and proven by test/report/kpi.test.ts.
 */
import type { IndexedObjective } from '../courseIndex.js';
import type { StatementEvent } from '../statementEvent.js';
import type { ExecutionKpis, ItemKpis, LearningKpis, ReinforcementKpis } from '../reportModel.js';
import { ReinforcementAccumulator, type ReinforcementState } from './reinforcementAccumulator.js';
import { ratio, round } from './rates.js';

export { ratio, round } from './rates.js';

interface LearnerState {
  launched: boolean;
  completed: boolean;
  passed: boolean;
  failed: boolean;
  /** Duration of the earliest completion carrying one, with its time. */
  completion?: { at: number; seconds?: number };
  /** The earliest passed/failed statement. */
  firstOutcome?: { at: number; passed: boolean; score?: number };
  attempts: number;
  lastScreen: number;
}

interface FirstAnswer {
  at: number;
  correct: boolean;
  response?: string;
}

/** An accumulator's whole state as JSON, for a saved pass (source/passSnapshot); Maps as entry lists, in insertion order. */
export interface AccumulatorState {
  learners: [string, LearnerState][];
  answers: [string, [string, FirstAnswer][]][];
  views: number;
  /** Views per channel tag, in first-seen order (absent in snapshots saved before it existed). */
  viewChannels?: [string, number][];
  devices: string[];
  scans: number;
  staleScans: number;
  nudges: ReinforcementState;
}

export class ObjectiveAccumulator {
  private readonly learners = new Map<string, LearnerState>();
  /** question id → learner → first answer by timestamp. */
  private readonly answers = new Map<string, Map<string, FirstAnswer>>();
  private views = 0;
  private readonly viewChannels = new Map<string, number>();
  private readonly devices = new Set<string>();
  private scans = 0;
  private staleScans = 0;
  private nudges = new ReinforcementAccumulator();

  constructor(readonly objective: IndexedObjective) {
    for (const q of objective.questions) this.answers.set(q.id, new Map());
  }

  add(event: Exclude<StatementEvent, { kind: 'void' }>): void {
    const { base } = event;
    if (event.kind === 'nudge') {
      this.nudges.add(event);
      return;
    }
    if (event.kind === 'view') {
      this.views++;
      this.viewChannels.set(event.channel, (this.viewChannels.get(event.channel) ?? 0) + 1);
      this.devices.add(base.learner);
      if (event.printedVersion !== undefined) {
        this.scans++;
        if (event.revision !== undefined && event.printedVersion !== event.revision) this.staleScans++;
      }
      return;
    }
    const learner = this.learner(base.learner);
    if (event.kind === 'screen') {
      learner.lastScreen = Math.max(learner.lastScreen, event.screen);
    } else if (event.kind === 'answer') {
      const byLearner = this.answers.get(event.question.id)!;
      const first = byLearner.get(base.learner);
      if (!first || base.at < first.at) byLearner.set(base.learner, { at: base.at, correct: event.correct, response: event.response });
    } else {
      switch (event.verb) {
        case 'launched':
          learner.launched = true;
          break;
        case 'completed':
          learner.completed = true;
          if (!learner.completion || base.at < learner.completion.at) learner.completion = { at: base.at, seconds: event.durationSeconds };
          break;
        case 'passed':
        case 'failed':
          learner[event.verb] = true;
          learner.attempts++;
          if (!learner.firstOutcome || base.at < learner.firstOutcome.at) {
            learner.firstOutcome = { at: base.at, passed: event.verb === 'passed', score: event.score };
          }
          break;
      }
    }
  }

  state(): AccumulatorState {
    return {
      learners: [...this.learners],
      answers: [...this.answers].map(([id, byLearner]) => [id, [...byLearner]]),
      views: this.views,
      viewChannels: [...this.viewChannels],
      devices: [...this.devices],
      scans: this.scans,
      staleScans: this.staleScans,
      nudges: this.nudges.state(),
    };
  }

  /** Continues from a saved state; insertion order is kept, so sums come out in the same order, to the bit. */
  static restore(objective: IndexedObjective, state: AccumulatorState): ObjectiveAccumulator {
    const acc = new ObjectiveAccumulator(objective);
    for (const [key, learner] of state.learners) acc.learners.set(key, learner);
    for (const [id, byLearner] of state.answers) acc.answers.set(id, new Map(byLearner));
    acc.views = state.views;
    for (const [channel, n] of state.viewChannels ?? []) acc.viewChannels.set(channel, n);
    for (const device of state.devices) acc.devices.add(device);
    acc.scans = state.scans;
    acc.staleScans = state.staleScans;
    acc.nudges = ReinforcementAccumulator.restore(state.nudges);
    return acc;
  }

  private learner(key: string): LearnerState {
    let state = this.learners.get(key);
    if (!state) {
      state = { launched: false, completed: false, passed: false, failed: false, attempts: 0, lastScreen: 0 };
      this.learners.set(key, state);
    }
    return state;
  }

  learning(): LearningKpis {
    const all = [...this.learners.values()];
    const launched = all.filter((l) => l.launched).length;
    const completed = all.filter((l) => l.completed).length;
    const attempted = all.filter((l) => l.firstOutcome);
    const firstPassed = attempted.filter((l) => l.firstOutcome!.passed).length;
    const scores = attempted.map((l) => l.firstOutcome!.score).filter((s): s is number => s !== undefined);
    const times = all.map((l) => l.completion?.seconds).filter((s): s is number => s !== undefined);
    return {
      learners: all.length,
      launched,
      completed,
      passed: all.filter((l) => l.passed).length,
      failed: all.filter((l) => l.failed).length,
      completionRate: ratio(completed, launched),
      firstAttemptPassRate: ratio(firstPassed, attempted.length),
      meanScore: scores.length ? round(scores.reduce((a, b) => a + b, 0) / scores.length) : null,
      attemptsPerLearner: attempted.length ? round(attempted.reduce((a, l) => a + l.attempts, 0) / attempted.length) : null,
      medianSeconds: median(times),
      dropOff: dropOff(all),
    };
  }

  items(): ItemKpis[] {
    return this.objective.questions.map((q) => {
      const first = this.answers.get(q.id)!;
      const n = first.size;
      const correct = [...first.values()].filter((a) => a.correct).length;
      const options = q.options.map((option) => {
        const chose = [...first.values()].filter((a) => a.response !== undefined && a.response.split('[,]').includes(option)).length;
        return { option, share: ratio(chose, n) };
      });
      return { questionId: q.id, n, difficulty: ratio(correct, n), discrimination: this.discrimination(q.id), options };
    });
  }

  /**
   * Corrected item-total correlation: the Pearson correlation, over the learners who answered this
   * question, between their first answer to it (1 correct, 0 not) and their number of correct first
   * answers to the lesson's other questions. Null when either side does not vary.
   */
  private discrimination(questionId: string): number | null {
    const item = this.answers.get(questionId)!;
    const xs: number[] = [];
    const ys: number[] = [];
    for (const [learner, answer] of item) {
      let rest = 0;
      for (const [otherId, other] of this.answers) if (otherId !== questionId && other.get(learner)?.correct) rest++;
      xs.push(answer.correct ? 1 : 0);
      ys.push(rest);
    }
    return pearson(xs, ys);
  }

  /** The reinforcement block; `nudgesSent` from the schedule, null without one. */
  reinforcement(nudgesSent: number | null): ReinforcementKpis {
    return this.nudges.result(nudgesSent, (questionId) => {
      const first = [...(this.answers.get(questionId)?.values() ?? [])];
      return { n: first.length, correct: first.filter((a) => a.correct).length };
    });
  }

  execution(completed: number): ExecutionKpis {
    return {
      jobAidViews: this.views,
      jobAidDevices: this.devices.size,
      viewsPerCompleter: completed > 0 ? round(this.views / completed) : null,
      printedScans: this.scans,
      staleScanShare: ratio(this.staleScans, this.scans),
      jobAidViewsByChannel: [...this.viewChannels].sort(([a], [b]) => (a < b ? -1 : 1)).map(([channel, views]) => ({ channel, views })),
      metrics: [],
    };
  }
}

/** The screen most learners who launched but never completed stopped at (highest screen reached). */
function dropOff(learners: LearnerState[]): { screen: number; learners: number } | null {
  const counts = new Map<number, number>();
  for (const l of learners) if (l.launched && !l.completed && l.lastScreen > 0) counts.set(l.lastScreen, (counts.get(l.lastScreen) ?? 0) + 1);
  let best: { screen: number; learners: number } | null = null;
  for (const [screen, n] of [...counts].sort((a, b) => a[0] - b[0])) if (!best || n > best.learners) best = { screen, learners: n };
  return best;
}


function median(values: number[]): number | null {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return round(sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2);
}

function pearson(xs: number[], ys: number[]): number | null {
  const n = xs.length;
  if (n < 2) return null;
  const mx = xs.reduce((a, b) => a + b, 0) / n;
  const my = ys.reduce((a, b) => a + b, 0) / n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    sxy += (xs[i]! - mx) * (ys[i]! - my);
    sxx += (xs[i]! - mx) ** 2;
    syy += (ys[i]! - my) ** 2;
  }
  return sxx > 0 && syy > 0 ? round(sxy / Math.sqrt(sxx * syy)) : null;
}
