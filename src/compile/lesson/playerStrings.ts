/**
 * The player's texts for a unit: Tandem's for the unit's language (English, French, German,
 * Spanish, Portuguese), with the course theme's lesson-strings.yaml on top, and English for
 * anything neither has. `pt-BR` takes the theme's `pt-br`, then `pt`.
 */
import { languageCandidates, type ThemeStrings } from '../../course/load/themeStrings.js';
import { ENGLISH_STRINGS, type PlayerStrings } from '../../runtime/contract/playerStrings.js';
import { GERMAN } from './languages/de.js';
import { SPANISH } from './languages/es.js';
import { FRENCH } from './languages/fr.js';
import { PORTUGUESE } from './languages/pt.js';

export const BUILT_IN_STRINGS: Readonly<Record<string, PlayerStrings>> = { en: ENGLISH_STRINGS, fr: FRENCH, de: GERMAN, es: SPANISH, pt: PORTUGUESE };

export function playerStringsFor(language: string, theme: ThemeStrings): PlayerStrings {
  const tags = languageCandidates(language || 'en');
  const builtIn = tags.map((tag) => BUILT_IN_STRINGS[tag]).find(Boolean) ?? ENGLISH_STRINGS;
  // Least specific first, so `pt-br` in the theme wins over `pt`; English texts a theme rewords apply to English only.
  const overrides = [...tags].reverse().map((tag) => theme.get(tag) ?? {});
  return Object.assign({}, ENGLISH_STRINGS, builtIn, ...overrides) as PlayerStrings;
}
