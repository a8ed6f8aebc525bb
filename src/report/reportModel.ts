/**
 * report.json, as types. Field names are a contract (external tools read them; issue 13): add
 * fields, never rename. schemas/report.schema.json describes the same shape.
 */
export const REPORT_FORMAT = 1;

export interface LearningKpis {
  /** Distinct learners (actors by IFI) with any lesson statement. */
  learners: number;
  launched: number;
  completed: number;
  passed: number;
  failed: number;
  /** completed / launched. */
  completionRate: number | null;
  /** Learners whose earliest passed/failed statement is `passed`, over learners with either. */
  firstAttemptPassRate: number | null;
  /** Mean scaled score (0–1) of each learner's first passed/failed statement that carries a score. */
  meanScore: number | null;
  /** passed + failed statements per learner with at least one. */
  attemptsPerLearner: number | null;
  /** Median `result.duration` of each learner's first completion, in seconds. */
  medianSeconds: number | null;
  /** The screen most learners who launched and never completed got furthest to. */
  dropOff: { screen: number; learners: number } | null;
}

export interface ItemKpis {
  questionId: string;
  /** Distinct learners who answered. */
  n: number;
  /** Share of those learners whose first answer (by timestamp) was correct. */
  difficulty: number | null;
  /** Corrected item-total correlation. */
  discrimination: number | null;
  options: { option: string; share: number | null }[];
}

export interface MetricKpis {
  name: string;
  layer: 'learning' | 'execution' | 'business';
  baseline: number | null;
  current: number | null;
  change: number | null;
  n: number;
  ci95: [number, number] | null;
}

export interface ExecutionKpis {
  /** Job-aid `viewed` statements after de-duplication by id. */
  jobAidViews: number;
  /** Distinct devices (the job aid's anonymous per-device actor). */
  jobAidDevices: number;
  viewsPerCompleter: number | null;
  /** Views that came from scanning a printed copy. */
  printedScans: number;
  /** Share of printed scans whose printed version is not the version served. */
  staleScanShare: number | null;
  /**
   * Views per channel tag of the address opened (`src=`: `qr` from a printed copy's QR code,
   * `slack`, `teams`, `email` from a card; `unknown` for none), as nudge answers are counted; by name.
   */
  jobAidViewsByChannel: { channel: string; views: number }[];
  metrics: MetricKpis[];
}

/**
 * The reinforcement loop for one objective (units with `reinforcement:` only): how the nudges of
 * the period were answered, against how the same questions were answered in the lesson.
 */
export interface ReinforcementKpis {
  /** With --schedule: nudges of this objective whose `due` falls in the period (scheduled and due, see README); else null. */
  nudgesSent: number | null;
  /** Distinct nudges answered (a nudge answered twice counts once, with its first answer). */
  answered: number;
  /** Distinct learners who answered a nudge. */
  learners: number;
  /** Nudges whose (first) answer was correct. */
  correct: number;
  /** correct / answered: what learners still knew days after the lesson. */
  delayedCorrectness: number | null;
  /** Share correct among the learners' first lesson answers to the lesson questions the nudges asked. */
  firstAttemptCorrectness: number | null;
  /** The first lesson answers behind firstAttemptCorrectness (learner × question). */
  firstAttemptAnswers: number;
  /** The lesson questions the answered nudges asked (nudge-only questions have no first attempt). */
  questions: string[];
  /** firstAttemptCorrectness − delayedCorrectness, when both exist. */
  drop: number | null;
  /** Per channel of the answer link (`slack`, `teams`, `email`, `qr`, `unknown`), by name. */
  byChannel: { channel: string; answered: number; correct: number; delayedCorrectness: number | null }[];
}

export interface ReportFlag {
  code: string;
  severity: 'error' | 'warning' | 'info';
  message: string;
  hint: string;
  questionId?: string;
  metric?: string;
  value?: number | null;
  threshold?: number;
  n?: number;
}

export interface WindowReport {
  /** `previous`, `current`. */
  label: string;
  /** With --release: the unit version live at the window's end (null before its first release). */
  unitVersion?: string | null;
  /** Inclusive UTC dates, YYYY-MM-DD. */
  since: string;
  until: string;
  learning: LearningKpis;
  items: ItemKpis[];
  execution: ExecutionKpis;
  business: { metrics: MetricKpis[] };
}

export interface ObjectiveReport {
  objectiveId: string;
  unitId: string;
  unitVersion: string;
  title: string;
  learning: LearningKpis;
  items: ItemKpis[];
  execution: ExecutionKpis;
  business: { metrics: MetricKpis[] };
  flags: ReportFlag[];
  /** Present for units with `reinforcement:` (nanolearning nudges). */
  reinforcement?: ReinforcementKpis;
  windows: WindowReport[];
  /** With --release: the unit's releases found in the manifests, oldest first. */
  releases?: { version: string; liveFrom: string }[];
  /** Present when the run named a pilot team and start date (--pilot-team, --pilot-start). */
  pilot?: { team: string; start: string; metrics: PilotDifference[] };
}

/** Pilot vs rest for one ops metric (ops/pilotDifference). */
export interface PilotDifference {
  name: string;
  estimate: number | null;
  ci95: [number, number] | null;
  /** Rows per cell, in the order pilotBefore, pilotAfter, restBefore, restAfter. */
  n: [number, number, number, number];
  means: { pilotBefore: number | null; pilotAfter: number | null; restBefore: number | null; restAfter: number | null };
}

export interface ReportInputs {
  statementLines: number;
  /** Lines that were not JSON statements. */
  unreadableLines: number;
  duplicates: number;
  voided: number;
  /** Statements about none of the course's objectives. */
  ignored: number;
}

export interface Report {
  format: typeof REPORT_FORMAT;
  generatedAt: string;
  course: { id: string; title: string };
  /** The requested period; `since` is null when it is open (everything up to `until`). */
  period: { since: string | null; until: string };
  windowDays: number;
  inputs: ReportInputs;
  objectives: ObjectiveReport[];
}
