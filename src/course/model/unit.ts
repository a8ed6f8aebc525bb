import type { JobAid } from './jobAid.js';
import type { Lesson } from './lesson.js';

export const REQUEST_SOURCES = ['ops', 'support', 'sales', 'compliance'] as const;
export type RequestSource = (typeof REQUEST_SOURCES)[number];
export const RISK_SEVERITIES = ['low', 'medium', 'high'] as const;
export type RiskSeverity = (typeof RISK_SEVERITIES)[number];
export const METRIC_LAYERS = ['learning', 'execution', 'business'] as const;
export type MetricLayer = (typeof METRIC_LAYERS)[number];

/** The four roles that answer for a unit, with the words used in messages. */
export const OWNER_ROLES = {
  ld_lead: 'L&D lead',
  ops_manager: 'ops manager',
  sme: 'subject-matter expert (SME)',
  analyst: 'analyst',
} as const;
export type OwnerRole = keyof typeof OWNER_ROLES;

/** The learning objective; `id` is the correlation key carried into every artifact. */
export interface Objective {
  id: string;
  statement: string;
}

/** `unit.yaml`: the unit contract, as authored. */
export interface UnitContract {
  id: string;
  title: string;
  version: string;
  language: string;
  request: { source: RequestSource; impact: number; frequency: number; ticket?: string };
  objective: Objective;
  risk: { statement: string; severity: RiskSeverity };
  metric: { name: string; layer: MetricLayer; baseline: string; target: string };
  owners: Record<OwnerRole, string>;
  lesson: { masteryScore?: number; mediaMinutes?: number };
  reinforcement?: Reinforcement;
}

/** `reinforcement:` in unit.yaml: nanolearning nudges after completion (see reinforcement/nudgeQuestions.ts). */
export interface Reinforcement {
  afterDays: number;
  steps: string[];
  /** `questions:` as written; absent means "the lesson's one-click questions". */
  questions?: NudgeQuestionSpec[];
}

/** One entry of `reinforcement.questions`: a lesson question by id, or a question of its own. */
export interface NudgeQuestionSpec {
  /** `lesson:` a lesson question id. */
  lesson?: string;
  id?: string;
  prompt?: string;
  choices?: { text: string; correct?: boolean; feedback?: string }[];
  feedback?: { correct: string; incorrect: string };
  /** `step:` the number of the job-aid step the question protects. */
  step?: number;
}

export type { AssetRef } from './asset.js';

/** A unit folder, loaded. */
export interface Unit {
  id: string;
  /** Absolute path of the unit folder. */
  dir: string;
  unitFile: string;
  contract: UnitContract;
  lesson?: Lesson;
  jobAid?: JobAid;
  /** Files inside the unit folder that lesson or job aid reference, relative to `dir`, sorted. */
  assets: string[];
  /** Estimated lesson time in minutes (see estimateLessonMinutes). */
  estimatedMinutes?: number;
  /** sha256 of every source file of the unit, for caches and release manifests. */
  contentHash: string;
}
