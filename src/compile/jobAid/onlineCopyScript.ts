/**
 * The only script in a job aid (src/runtime/jobAid/onlineCopy.js, copied verbatim into
 * dist/bundles/job-aid.js by `npm run build`). It reads its settings from the `#tandem-job-aid`
 * JSON block and:
 * 1. when the address says a printed copy of another version was scanned (`?v=`), shows the notice
 *    the theme wrote into `#version-notice`;
 * 2. when this is the published online copy (its address is the configured job_aid_url page) and a
 *    relay is configured, POSTs exactly one xAPI statement. Copies in packages, on file shares or
 *    printed to PDF never record anything. No credentials: the relay adds them server-side.
 * Its bytes never change within a Tandem version, so the Content-Security-Policy allows it by
 * hash and nothing else.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { PLAYER_BUNDLES_DIR } from '../lesson/playerScript.js';

let script: string | undefined;

export function onlineCopyScript(): string {
  if (script === undefined) {
    const file = path.join(PLAYER_BUNDLES_DIR, 'job-aid.js');
    try {
      script = readFileSync(file, 'utf8');
    } catch (error) {
      throw new Error(`The job-aid script ${file} is missing; run \`npm run build\` in the Tandem folder.`, { cause: error });
    }
  }
  return script;
}

/** For `script-src 'sha256-…'`. */
export function cspHash(source: string): string {
  return `'sha256-${createHash('sha256').update(source, 'utf8').digest('base64')}'`;
}
