import { readdirSync } from 'node:fs';
import path from 'node:path';

/**
 * Every file below `dir`, relative with '/' separators, in a fixed (code point) order so that
 * hashes over the list are the same on every machine. Dotfiles (.DS_Store, editor swap files)
 * are skipped; a missing folder lists as empty.
 */
export function listFiles(dir: string, prefix = ''): string[] {
  let entries;
  try {
    entries = readdirSync(path.join(dir, prefix), { withFileTypes: true });
  } catch {
    return [];
  }
  const out: string[] = [];
  for (const e of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    if (e.name.startsWith('.')) continue;
    const rel = prefix ? `${prefix}/${e.name}` : e.name;
    if (e.isDirectory()) out.push(...listFiles(dir, rel));
    else if (e.isFile()) out.push(rel);
  }
  return out;
}
