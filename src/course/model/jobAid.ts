import type { DeclaredObjective } from './lesson.js';
import type { AssetRef } from './asset.js';

export const JOB_AID_SECTIONS = ['context', 'steps', 'decisionTable', 'watchOuts', 'escalation'] as const;
export type JobAidSectionKind = (typeof JOB_AID_SECTIONS)[number];

export interface JobAidSection {
  heading: string;
  /** The section body as Markdown, rendered by the theme. */
  markdown: string;
  line: number;
}

export interface JobAidStep {
  /** 1-based, as printed. */
  number: number;
  /** The step as Markdown (may hold nested lists). */
  markdown: string;
  /** Written as a `- [ ]` checklist item. */
  checkbox: boolean;
}

export interface DecisionTable {
  header: string[];
  rows: string[][];
}

export interface JobAid {
  file: string;
  /** `# Title` when given. */
  title?: string;
  declaredObjective?: DeclaredObjective;
  /** `review_by:` in the front matter (YYYY-MM-DD): when the job aid is due to be checked against the work again. */
  reviewBy?: string;
  /** Markdown between the title and the first section. */
  intro?: string;
  context?: JobAidSection;
  steps?: JobAidSection & { items: JobAidStep[] };
  decisionTable?: JobAidSection & { table?: DecisionTable };
  watchOuts?: JobAidSection;
  escalation?: JobAidSection;
  /** Sections with headings Tandem does not recognise, in order. */
  other: JobAidSection[];
  assetRefs: AssetRef[];
}
