/**
 * No credential in a lesson or job aid (CONTENT_CREDENTIAL): their text is copied into every
 * package and printed job aid. Reported at the secret's position; the code frame is not printed
 * for this code (see the reporter), so the value is never repeated.
 */
import path from 'node:path';
import { diagnose, type Diagnostic } from '../../../diagnostics/diagnostic.js';
import { credentialsInText } from '../credentialsInText.js';
import { positionAt } from '../positionAt.js';
import type { UnitRule } from './unitRule.js';

const SCANNED = new Set(['unit.yaml', 'lesson.md', 'job-aid.md']);

export const checkContentCredentials: UnitRule = (loaded) => {
  const found: Diagnostic[] = [];
  for (const [file, text] of loaded.sources) {
    if (!SCANNED.has(path.basename(file))) continue;
    for (const credential of credentialsInText(text)) {
      found.push(diagnose('CONTENT_CREDENTIAL', { reason: credential.reason }, { ...positionAt(text, credential.index), file, unitId: loaded.unit.id }));
    }
  }
  return found;
};
