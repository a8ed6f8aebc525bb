/**
 * No credential in the course's own theme (CONTENT_CREDENTIAL): its stylesheets and templates
 * are copied into every lesson page and job aid, so one secret there would ship in every
 * package. Every unit then fails, as for a credential in tandem.config.yaml.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { diagnose, type Diagnostic } from '../../diagnostics/diagnostic.js';
import { readTextFile } from '../load/readTextFile.js';
import { credentialsInText } from './credentialsInText.js';
import { positionAt } from './positionAt.js';

export function checkThemeCredentials(courseRoot: string, theme: string): Diagnostic[] {
  const dir = path.join(courseRoot, 'themes', theme);
  let names: string[];
  try {
    names = readdirSync(dir, { withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => entry.name)
      .sort();
  } catch {
    return [];
  }
  const found: Diagnostic[] = [];
  for (const name of names) {
    const file = path.join(dir, name);
    // Read under the course's rules: a theme file linking out of the course is not read (the theme loader reports it).
    const read = readTextFile(file, courseRoot);
    // Fonts and images are not text; whatever could not be read is the theme loader's to report.
    if (!read.ok) continue;
    for (const credential of credentialsInText(read.text)) {
      found.push(diagnose('CONTENT_CREDENTIAL', { reason: credential.reason }, { file, ...positionAt(read.text, credential.index) }));
    }
  }
  return found;
}
