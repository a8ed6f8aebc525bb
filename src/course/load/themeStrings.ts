/**
 * The player's texts a course theme overrides: `themes/<theme>/lesson-strings.yaml`, one mapping
 * per language (`fr:`, `pt-br:`…) of player text keys (runtime/contract/playerStrings) to text.
 * A theme may reword Tandem's texts ("Continue" for "Next") or add a language Tandem lacks.
 * Read from the course's own theme folder under the course's file rules; every unknown key or
 * non-text value is reported where it is written, since a typo would silently change nothing.
 */
import { lstatSync } from 'node:fs';
import path from 'node:path';
import { diagnose, type Diagnostic } from '../../diagnostics/diagnostic.js';
import { ENGLISH_STRINGS, type PlayerStrings } from '../../runtime/contract/playerStrings.js';
import { closestName } from '../validate/closestName.js';
import { readTextFile } from './readTextFile.js';
import { parseYamlSource } from './yamlSource.js';

export const THEME_STRINGS_FILE = 'lesson-strings.yaml';

/** The languages whose player texts Tandem ships (compile/lesson/languages). */
export const PLAYER_LANGUAGES = ['en', 'fr', 'de', 'es', 'pt'] as const;

/** Overrides by lowercase language tag. */
export type ThemeStrings = ReadonlyMap<string, Partial<PlayerStrings>>;

export function loadThemeStrings(courseRoot: string, theme: string): { strings: ThemeStrings; diagnostics: Diagnostic[] } {
  const strings = new Map<string, Partial<PlayerStrings>>();
  const file = path.join(courseRoot, 'themes', theme, THEME_STRINGS_FILE);
  if (!lstatSync(file, { throwIfNoEntry: false })) return { strings, diagnostics: [] };
  const read = readTextFile(file, courseRoot);
  if (!read.ok) return { strings, diagnostics: [read.diagnostic] };
  const source = parseYamlSource(read.text, { file });
  const diagnostics = [...source.diagnostics];
  const problem = (at: (string | number)[], text: string, key = false) => diagnostics.push(diagnose('THEME_STRINGS_INVALID', { problem: text }, source.locate(at, { key })));
  const data = source.data;
  if (data === undefined || data === null) return { strings, diagnostics };
  if (!isRecord(data)) {
    problem([], 'is not a mapping of languages');
    return { strings, diagnostics };
  }
  const keys = Object.keys(ENGLISH_STRINGS);
  for (const [language, texts] of Object.entries(data)) {
    if (!/^[a-z]{2,3}(-[a-z0-9]{2,8})*$/i.test(language)) problem([language], `has "${language}", which is not a language tag such as fr or pt-BR`, true);
    else if (!isRecord(texts)) problem([language], `has a \`${language}\` that is not a mapping of texts`);
    else {
      const own: Partial<PlayerStrings> = {};
      for (const [key, value] of Object.entries(texts)) {
        const near = closestName(key, keys);
        if (!keys.includes(key)) problem([language, key], `has an unknown text key \`${key}\`${near ? ` (did you mean \`${near}\`?)` : ''}`, true);
        else if (typeof value !== 'string' || !value.trim()) problem([language, key], `has a \`${key}\` that is not text`);
        else own[key as keyof PlayerStrings] = value;
      }
      strings.set(language.toLowerCase(), own);
    }
  }
  return { strings, diagnostics };
}

/**
 * The tags to look up for a language, most specific first: `pt-BR` → pt-br, pt. The player uses
 * the first that Tandem or the theme has, then English.
 */
export function languageCandidates(language: string): string[] {
  const parts = language.toLowerCase().split('-');
  return parts.map((_, i) => parts.slice(0, parts.length - i).join('-'));
}

/** Whether Tandem or the theme has player texts for the language (else they show in English). */
export function hasPlayerLanguage(language: string, theme: ThemeStrings): boolean {
  return languageCandidates(language).some((tag) => (PLAYER_LANGUAGES as readonly string[]).includes(tag) || theme.has(tag));
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
