/**
 * Stage 1, config: finds and reads tandem.config.yaml, validates it against the published
 * schema, and fills defaults.
 */
import { lstatSync } from 'node:fs';
import path from 'node:path';
import { diagnose, hasErrors, type Diagnostic } from '../../diagnostics/diagnostic.js';
import { readTextFile } from '../load/readTextFile.js';
import { findConfigCredentials, maskRanges } from './findConfigCredentials.js';
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
  // lstat, not exists: a config that is a broken or outside link is reported as such, not as "no course".
  if (!lstatSync(configFile, { throwIfNoEntry: false })) {
    return { configFile, diagnostics: [diagnose('COURSE_NOT_FOUND', { dir: root }, { file: root, line: 1, column: 1 })] };
  }
  const read = readTextFile(configFile, root);
  if (!read.ok) return { configFile, diagnostics: [read.diagnostic] };

  const source = parseYamlSource(read.text, { file: configFile });
  const diagnostics = [...source.diagnostics];
  const credentials = source.data === undefined ? [] : findConfigCredentials(source);
  if (source.data !== undefined) diagnostics.push(...validateSchema(source, 'tandem.config'), ...credentials);
  // Code frames show this text: a credential found in it is masked, so no report repeats it.
  const text = maskRanges(read.text, credentials);
  // Errors, a credential among them, leave no config: `check` reports them and `build` builds nothing.
  if (hasErrors(diagnostics)) return { configFile, text, diagnostics };

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
  };
  return { config, configFile, text, diagnostics };
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
}
