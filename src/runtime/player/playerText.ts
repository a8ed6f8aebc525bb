/**
 * The player's texts on this page: the build writes them in the unit's language as JSON (see
 * contract/playerStrings); English fills any key a page lacks (an older theme, a partial
 * override), so the player never shows a key or nothing.
 */
import { ENGLISH_STRINGS, fillIn, PLAYER_STRINGS_ELEMENT_ID, type PlayerStringKey, type PlayerStrings } from '../contract/playerStrings.js';

/** Looks up a text by key and fills in its `{name}`s. */
export type Translate = (key: PlayerStringKey, params?: Record<string, string | number>) => string;

export function readPlayerStrings(doc: Document): PlayerStrings {
  const element = doc.getElementById(PLAYER_STRINGS_ELEMENT_ID);
  let page: Partial<PlayerStrings> = {};
  try {
    const parsed: unknown = element ? JSON.parse(element.textContent ?? '') : {};
    if (parsed && typeof parsed === 'object') page = parsed as Partial<PlayerStrings>;
  } catch {
    // A damaged block: English rather than a broken player.
  }
  const strings: PlayerStrings = { ...ENGLISH_STRINGS };
  for (const key of Object.keys(ENGLISH_STRINGS) as PlayerStringKey[]) if (typeof page[key] === 'string') strings[key] = page[key];
  return strings;
}

export function translator(strings: PlayerStrings = ENGLISH_STRINGS): Translate {
  return (key, params) => fillIn(strings[key], params);
}

/** English, for code that runs without a page (unit tests) or before the page's texts are read. */
export const english: Translate = translator();
