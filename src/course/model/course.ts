import type { Brand } from './brand.js';
import type { LearningPath } from './path.js';
import type { OwnerRole, Unit } from './unit.js';

/** `tandem.config.yaml`, after validation and defaults. */
export interface CourseConfig {
  id: string;
  title: string;
  language: string;
  /** Root of every xAPI activity IRI, without a trailing slash. */
  baseIri: string;
  /** Where job aids are published online (QR codes point here), without a trailing slash. */
  jobAidUrl?: string;
  theme: string;
  /** `brand:` checked and with defaults (DEFAULT_BRAND when absent). */
  brand: Brand;
  defaults: CourseDefaults;
  jobAids: JobAidSettings;
  /** `serve:` in tandem.config.yaml, as written (tandem serve fills defaults and applies overrides). */
  serve: ServeConfig;
  /** `signoff:`: the roles whose current approval a release needs (default: all four). */
  signoff: { required: OwnerRole[] };
  /** `rollout:`, when the course follows the 30-day plan (tandem status). */
  rollout?: { pilotTeam: string; startDate: string; secondTeam?: string };
  /** `reinforcement:` in tandem.config.yaml, with defaults. */
  reinforcement: ReinforcementConfig;
  /** `scorm12:` in tandem.config.yaml; absent means every setting is off. */
  scorm12?: Scorm12Settings;
}

/** `scorm12:` in tandem.config.yaml. */
export interface Scorm12Settings {
  /** SCORM packages also send the xAPI target's statements to `job_aids.relay_url` (tandem serve hashes the learner). */
  reportXapi: boolean;
}

/** `reinforcement:` in tandem.config.yaml: nudge links and when nudges are due. */
export interface ReinforcementConfig {
  /** Where `tandem serve` answers nudge links, without a trailing slash; no nanolearning cards without it. */
  answerUrl?: string;
  /** IANA zone of learners without one in the roster. */
  timeZone: string;
  /** Local hour a nudge is due at, 0–23. */
  hour: number;
  skipWeekends: boolean;
  /** `reinforcement.delivery:` how `tandem serve --schedule` sends nudges; never holds a secret. */
  delivery?: DeliveryConfig;
}

/** `reinforcement.delivery:` in tandem.config.yaml. */
export interface DeliveryConfig {
  email?: { host: string; port?: number; secure?: boolean; from: string };
  slackWebhookEnv?: string;
  teamsWebhookEnv?: string;
  journal?: string;
  pollSeconds?: number;
  dryRun?: boolean;
}

/** `serve:` in tandem.config.yaml; schema: schemas/tandem.config.schema.json. Never holds a credential. */
export interface ServeConfig {
  host?: string;
  port?: number;
  journal?: string;
  journalBudgetMb?: number;
  segmentMb?: number;
  lrsEndpoint?: string;
  lessonOrigins?: string[];
  statementsPerMinute?: number;
  requestsPerMinute?: number;
  trustProxy?: boolean | number | string;
  identityHeader?: string;
  identityHomePage?: string;
  environmentFile?: string;
  logRequests?: boolean;
}

/** Paper a PDF job aid is printed on; `pocket` is an A6 card (105 × 148 mm). */
export const PAPER_SIZES = ['a4', 'letter', 'pocket'] as const;
export type PaperSize = (typeof PAPER_SIZES)[number];

/** `job_aids:` in tandem.config.yaml. */
export interface JobAidSettings {
  /** One PDF per unit and paper size, in this order. */
  paper: PaperSize[];
  /** Where the online job aid POSTs its one xAPI statement; the relay adds LRS credentials. */
  relayUrl?: string;
}

export interface CourseDefaults {
  masteryScore?: number;
  readingWpm: number;
  secondsPerQuestion: number;
}

/** A loaded course: what every later stage reads. */
export interface Course {
  /** Absolute path of the course folder. */
  root: string;
  configFile: string;
  config: CourseConfig;
  /** Units that loaded well enough to be checked, in id order. */
  units: Unit[];
  paths: LearningPath[];
}
