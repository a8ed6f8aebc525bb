/**
 * Stage 1, config: finds and reads tandem.config.yaml, validates it against the published
 * schema, and fills defaults.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { diagnose, hasErrors, type Diagnostic } from '../../diagnostics/diagnostic.js';
import { readTextFile } from '../load/readTextFile.js';
import { findConfigCredentials } from './findConfigCredentials.js';
import { parseYamlSource } from '../load/yamlSource.js';
import { PAPER_SIZES, type CourseConfig, type PaperSize } from '../model/course.js';
import { validateSchema } from '../validate/validateSchema.js';

export const CONFIG_FILE = 'tandem.config.yaml';

export const DEFAULT_READING_WPM = 200;
export const DEFAULT_SECONDS_PER_QUESTION = 30;

export interface LoadedConfig {
  config?: CourseConfig;
  configFile: string;
  text?: string;
  diagnostics: Diagnostic[];
}

export async function loadConfig(courseDir: string): Promise<LoadedConfig> {
  const root = path.resolve(courseDir);
  const configFile = path.join(root, CONFIG_FILE);
  if (!existsSync(configFile)) {
    return { configFile, diagnostics: [diagnose('COURSE_NOT_FOUND', { dir: root }, { file: root, line: 1, column: 1 })] };
  }
  const read = await readTextFile(configFile);
  if (!read.ok) return { configFile, diagnostics: [read.diagnostic] };

  const source = parseYamlSource(read.text, { file: configFile });
  const diagnostics = [...source.diagnostics];
  if (source.data !== undefined) diagnostics.push(...validateSchema(source, 'tandem.config'), ...findConfigCredentials(source));
  // Errors, a credential among them, leave no config: `check` reports them and `build` builds nothing.
  if (hasErrors(diagnostics)) return { configFile, text: read.text, diagnostics };

  const raw = source.data as RawConfig;
  const config: CourseConfig = {
    id: raw.id,
    title: raw.title,
    language: raw.language ?? 'en',
    baseIri: raw.base_iri.replace(/\/+$/, ''),
    jobAidUrl: raw.job_aid_url?.replace(/\/+$/, ''),
    theme: raw.theme ?? 'default',
    defaults: {
      masteryScore: raw.defaults?.mastery_score,
      readingWpm: raw.defaults?.reading_wpm ?? DEFAULT_READING_WPM,
      secondsPerQuestion: raw.defaults?.seconds_per_question ?? DEFAULT_SECONDS_PER_QUESTION,
    },
    jobAids: {
      paper: raw.job_aids?.paper ?? [...PAPER_SIZES],
      relayUrl: raw.job_aids?.relay_url,
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
  };
  return { config, configFile, text: read.text, diagnostics };
}

interface RawConfig {
  id: string;
  title: string;
  language?: string;
  base_iri: string;
  job_aid_url?: string;
  theme?: string;
  defaults?: { mastery_score?: number; reading_wpm?: number; seconds_per_question?: number };
  job_aids?: { paper?: PaperSize[]; relay_url?: string };
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
}
