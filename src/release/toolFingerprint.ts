/**
 * What Tandem itself contributes to an output: its version, its compiled code, its themes and its
 * dependency lock. Part of every cache key, so upgrading Tandem (or editing it) invalidates the
 * cache instead of reusing artifacts an older Tandem made.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { listFiles } from '../course/load/listFiles.js';
import { sha256 } from '../course/contentHash.js';

const PACKAGE_ROOT = fileURLToPath(new URL('../../', import.meta.url));
let memo: string | undefined;

export function toolFingerprint(): string {
  if (memo) return memo;
  const parts: string[] = [];
  // The code that is running: dist/ when installed, src/ under the test runner.
  const codeDir = fileURLToPath(new URL('../', import.meta.url));
  for (const file of listFiles(codeDir).filter((f) => !f.endsWith('.map'))) parts.push(file, sha256(readFileSync(path.join(codeDir, file))));
  for (const name of ['package.json', 'package-lock.json']) {
    const file = path.join(PACKAGE_ROOT, name);
    if (existsSync(file)) parts.push(name, sha256(readFileSync(file)));
  }
  memo = sha256(parts.join('\n'));
  return memo;
}

/** sha256 over a folder's files (names and bytes), or of nothing when it does not exist. */
export function folderHash(dir: string): string {
  const parts: string[] = [];
  for (const file of listFiles(dir)) parts.push(file, sha256(readFileSync(path.join(dir, file))));
  return sha256(parts.join('\n'));
}

let version: string | undefined;

/** Tandem's own version, from its package.json. */
export function toolVersion(): string {
  version ??= (JSON.parse(readFileSync(path.join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { version: string }).version;
  return version;
}
