/**
 * Stage 1, config: finds and reads tandem.config.yaml, validates it against the published
 * schema, and fills defaults.
 */
import { lstatSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { diagnose, hasErrors, type Diagnostic } from '../../diagnostics/diagnostic.js';
import { fileNamedLike } from '../load/loadUnit.js';
import { readTextFile } from '../load/readTextFile.js';
import { checkScormXapi } from './checkScormXapi.js';
import { checkBrand, type RawBrand } from './checkBrand.js';
import { findConfigCredentials, maskRanges } from './findConfigCredentials.js';
import { parseYamlSource } from '../load/yamlSource.js';
import { DEFAULT_BRAND } from '../model/brand.js';
import { PAPER_SIZES, type CourseConfig, type DeliveryConfig, type PaperSize } from '../model/course.js';
import type { OwnerRole } from '../model/unit.js';
import { findPlaceholders } from '../validate/findPlaceholders.js';
import { validateSchema } from '../validate/validateSchema.js';

export const CONFIG_FILE = 'tandem.config.yaml';

export const DEFAULT_READING_WPM = 200;
export const DEFAULT_SECONDS_PER_QUESTION = 30;

export interface LoadedConfig {
  config?: CourseConfig;
  /**
   * When the config has errors: its valid settings with defaults for the rest. Units are checked
   * against it so one run reports every problem of the course; nothing is built from it.
   */
  draft?: CourseConfig;
  configFile: string;
  text?: string;
  diagnostics: Diagnostic[];
}

export async function loadConfig(courseDir: string): Promise<LoadedConfig> {
  const root = path.resolve(courseDir);
  const configFile = path.join(root, CONFIG_FILE);
  // lstat, not exists: a config that is a broken or outside link is reported as such, not as "no course".
  if (!lstatSync(configFile, { throwIfNoEntry: false }) || !listNames(root).includes(CONFIG_FILE)) {
    // tandem.config.yml or Tandem.config.yaml: say which file was meant (the second one "exists" on macOS only).
    const found = fileNamedLike(new Set(listNames(root)), CONFIG_FILE);
    return { configFile, diagnostics: [diagnose('COURSE_NOT_FOUND', { dir: root, ...(found ? { found } : {}) }, { file: root, line: 1, column: 1 })] };
  }
  const read = readTextFile(configFile, root);
  if (!read.ok) return { configFile, diagnostics: [read.diagnostic] };

  const source = parseYamlSource(read.text, { file: configFile });
  const diagnostics = [...source.diagnostics];
  const invalid = new Set<string>();
  const credentials = source.data === undefined ? [] : findConfigCredentials(source);
  if (source.data !== undefined) diagnostics.push(...validateSchema(source, 'tandem.config', { invalidFields: invalid }), ...credentials, ...findPlaceholders(source));
  if (source.data !== undefined && !invalid.has('')) diagnostics.push(...checkScormXapi(source, invalid));
  // Code frames show this text: a credential found in it is masked, so no report repeats it.
  const text = maskRanges(read.text, credentials);
  const data = source.data;
  const raw = (typeof data === 'object' && data !== null && !Array.isArray(data) && !invalid.has('') ? data : {}) as RawConfig;
  // Files and contrast are checked only on a brand the schema accepted; a broken one is reported by the schema.
  const brand = checkBrand(brandFields(raw, invalid), source, root);
  diagnostics.push(...brand.diagnostics);
  // Errors, a credential among them, leave no config: `check` reports them and `build` builds nothing.
  if (hasErrors(diagnostics)) return { configFile, text, diagnostics, draft: { ...toConfig(raw, source.data === undefined ? ALL_INVALID : invalid), brand: DEFAULT_BRAND } };
  return { config: { ...toConfig(raw, invalid), brand: brand.brand }, configFile, text, diagnostics };
}

const ALL_INVALID: ReadonlySet<string> = new Set(['id', 'title', 'language', 'base_iri', 'job_aid_url', 'theme', 'defaults', 'job_aids', 'scorm12', 'brand', 'signoff', 'rollout', 'reinforcement']);

/** `brand:` when the schema accepted it. */
function brandFields(raw: RawConfig, invalid: ReadonlySet<string>): RawBrand | undefined {
  return invalid.has('brand') || typeof raw.brand !== 'object' || raw.brand === null ? undefined : raw.brand;
}

/** The config from schema-checked data; a field in `invalid` (only in a draft) takes its default. */
function toConfig(raw: RawConfig, invalid: ReadonlySet<string>): Omit<CourseConfig, 'brand'> {
  const ok = (field: keyof RawConfig) => !invalid.has(field) && raw[field] !== undefined;
  return {
    id: ok('id') ? raw.id : '',
    title: ok('title') ? raw.title : '',
    language: ok('language') ? raw.language! : 'en',
    baseIri: ok('base_iri') ? raw.base_iri.replace(/\/+$/, '') : '',
    jobAidUrl: ok('job_aid_url') ? raw.job_aid_url!.replace(/\/+$/, '') : undefined,
    theme: ok('theme') ? raw.theme! : 'default',
    defaults: {
      masteryScore: ok('defaults') ? raw.defaults!.mastery_score : undefined,
      readingWpm: (ok('defaults') ? raw.defaults!.reading_wpm : undefined) ?? DEFAULT_READING_WPM,
      secondsPerQuestion: (ok('defaults') ? raw.defaults!.seconds_per_question : undefined) ?? DEFAULT_SECONDS_PER_QUESTION,
    },
    jobAids: {
      paper: (ok('job_aids') ? raw.job_aids!.paper : undefined) ?? [...PAPER_SIZES],
      relayUrl: ok('job_aids') ? raw.job_aids!.relay_url : undefined,
    },
    serve: {
      host: raw.serve?.host,
      port: raw.serve?.port,
      journal: raw.serve?.journal,
      journalBudgetMb: raw.serve?.journal_budget_mb,
      segmentMb: raw.serve?.segment_mb,
      lrsEndpoint: raw.serve?.lrs_endpoint,
      lessonOrigins: raw.serve?.lesson_origins,
      statementsPerMinute: raw.serve?.rate_limit?.statements_per_minute,
      requestsPerMinute: raw.serve?.rate_limit?.requests_per_minute,
      trustProxy: raw.serve?.trust_proxy,
      identityHeader: raw.serve?.identity_header,
      identityHomePage: raw.serve?.identity_home_page,
      environmentFile: raw.serve?.environment_file,
      logRequests: raw.serve?.log_requests,
    },
    ...(ok('scorm12') && raw.scorm12!.report_xapi !== undefined ? { scorm12: { reportXapi: raw.scorm12!.report_xapi } } : {}),
    signoff: { required: (ok('signoff') ? raw.signoff!.required : undefined) ?? ['sme', 'ops_manager', 'ld_lead', 'analyst'] },
    ...(ok('rollout') ? { rollout: { pilotTeam: raw.rollout!.pilot_team, startDate: raw.rollout!.start_date, ...(raw.rollout!.second_team ? { secondTeam: raw.rollout!.second_team } : {}) } } : {}),
    reinforcement: {
      answerUrl: ok('reinforcement') ? raw.reinforcement!.answer_url?.replace(/\/+$/, '') : undefined,
      timeZone: (ok('reinforcement') ? raw.reinforcement!.time_zone : undefined) ?? 'UTC',
      hour: (ok('reinforcement') ? raw.reinforcement!.hour : undefined) ?? 9,
      skipWeekends: (ok('reinforcement') ? raw.reinforcement!.skip_weekends : undefined) ?? false,
      ...(ok('reinforcement') && raw.reinforcement!.delivery ? { delivery: deliveryConfig(raw.reinforcement!.delivery) } : {}),
    },
  };
}

function listNames(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

interface RawConfig {
  id: string;
  title: string;
  language?: string;
  base_iri: string;
  job_aid_url?: string;
  theme?: string;
  brand?: RawBrand;
  defaults?: { mastery_score?: number; reading_wpm?: number; seconds_per_question?: number };
  job_aids?: { paper?: PaperSize[]; relay_url?: string };
  scorm12?: { report_xapi?: boolean };
  signoff?: { required?: OwnerRole[] };
  rollout?: { pilot_team: string; start_date: string; second_team?: string };
  serve?: {
    host?: string;
    port?: number;
    journal?: string;
    journal_budget_mb?: number;
    segment_mb?: number;
    lrs_endpoint?: string;
    lesson_origins?: string[];
    rate_limit?: { statements_per_minute?: number; requests_per_minute?: number };
    trust_proxy?: boolean | number | string;
    identity_header?: string;
    identity_home_page?: string;
    environment_file?: string;
    log_requests?: boolean;
  };
  reinforcement?: { answer_url?: string; time_zone?: string; hour?: number; skip_weekends?: boolean; delivery?: RawDelivery };
}

interface RawDelivery {
  email?: { host: string; port?: number; secure?: boolean; from: string };
  slack_webhook_env?: string;
  teams_webhook_env?: string;
  journal?: string;
  poll_seconds?: number;
  dry_run?: boolean;
}

function deliveryConfig(raw: RawDelivery): DeliveryConfig {
  return {
    ...(raw.email ? { email: raw.email } : {}),
    ...(raw.slack_webhook_env ? { slackWebhookEnv: raw.slack_webhook_env } : {}),
    ...(raw.teams_webhook_env ? { teamsWebhookEnv: raw.teams_webhook_env } : {}),
    ...(raw.journal ? { journal: raw.journal } : {}),
    ...(raw.poll_seconds !== undefined ? { pollSeconds: raw.poll_seconds } : {}),
    ...(raw.dry_run !== undefined ? { dryRun: raw.dry_run } : {}),
  };
}
