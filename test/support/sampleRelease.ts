/**
 * The sample course's release, built once per test run by test/setup/sampleRelease.ts: read its
 * artifacts from disk instead of building the course again in every test file.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { inject } from 'vitest';

/** Every artifact of the sample release under `prefix` (e.g. 'scorm12/'), keyed by its release path. */
export function sampleArtifacts(prefix = ''): Map<string, Uint8Array> {
  const root = inject('sampleRelease');
  const files = new Map<string, Uint8Array>();
  for (const entry of readdirSync(root, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const rel = path.relative(root, path.join(entry.parentPath, entry.name)).split(path.sep).join('/');
    if (rel.startsWith('.tandem-cache/') || !rel.startsWith(prefix)) continue;
    files.set(rel, readFileSync(path.join(root, rel)));
  }
  return new Map([...files].sort(([a], [b]) => a.localeCompare(b)));
}
