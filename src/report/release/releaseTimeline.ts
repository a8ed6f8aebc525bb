/**
 * Which version of each unit was live when, from release manifests (src/release: what `tandem
 * build` writes for every release). A release is dated by its manifest's `sourceDateEpoch` (the
 * source's commit time, the reproducible build's clock) and is live until the next one: the
 * report uses that to judge a printed job aid's scan against the version live at the scan (a copy
 * printed from an earlier version is stale from the day a new one went live) and to say which
 * version each window saw. Manifests are optional input; without them the statements' own
 * `context.revision` (the version that served the job aid) is used.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { diagnose, type Diagnostic } from '../../diagnostics/index.js';
import { MANIFEST_FILE, type ReleaseManifest } from '../../release/index.js';

export interface UnitRelease {
  version: string;
  /** When it went live, ms since the epoch. */
  at: number;
}

/** unit id → its releases, oldest first. */
export type ReleaseTimeline = Map<string, UnitRelease[]>;

/** Reads manifests (files, or folders searched for manifest.json); a missing path is an error, a bad manifest a warning. */
export async function readReleaseTimeline(inputs: readonly string[]): Promise<{ timeline: ReleaseTimeline; diagnostics: Diagnostic[] }> {
  const diagnostics: Diagnostic[] = [];
  const timeline: ReleaseTimeline = new Map();
  for (const input of inputs) {
    let files: string[];
    try {
      files = (await stat(input)).isDirectory() ? await manifestsUnder(input) : [input];
    } catch {
      diagnostics.push(diagnose('REPORT_RELEASE_NOT_FOUND', { path: input }, { file: path.resolve(input) }));
      continue;
    }
    for (const file of files) {
      const manifest = await readManifest(file);
      if (typeof manifest === 'string') {
        diagnostics.push(diagnose('REPORT_RELEASE_UNREADABLE', { reason: manifest }, { file: path.resolve(file), line: 1, column: 1 }));
        continue;
      }
      const at = manifest.sourceDateEpoch * 1000;
      for (const unit of manifest.units) {
        const releases = timeline.get(unit.id) ?? [];
        const known = releases.find((r) => r.version === unit.version);
        // The same version in several manifests (a rebuild, a shard) went live with the first.
        if (known) known.at = Math.min(known.at, at);
        else releases.push({ version: unit.version, at });
        timeline.set(unit.id, releases);
      }
    }
  }
  for (const releases of timeline.values()) releases.sort((a, b) => a.at - b.at || (a.version < b.version ? -1 : 1));
  return { timeline, diagnostics };
}

/** The version live at `at`, or undefined before the first release. */
export function liveVersion(releases: readonly UnitRelease[], at: number): string | undefined {
  let live: string | undefined;
  for (const r of releases) {
    if (r.at > at) break;
    live = r.version;
  }
  return live;
}

async function manifestsUnder(dir: string): Promise<string[]> {
  const found: string[] = [];
  const entries = await readdir(dir, { withFileTypes: true });
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) found.push(...(await manifestsUnder(full)));
    else if (entry.isFile() && entry.name === MANIFEST_FILE) found.push(full);
  }
  return found;
}

/** The manifest, or why it cannot be used. */
async function readManifest(file: string): Promise<ReleaseManifest | string> {
  let parsed: Partial<ReleaseManifest>;
  try {
    parsed = JSON.parse(await readFile(file, 'utf8')) as Partial<ReleaseManifest>;
  } catch (error) {
    return `it is not JSON (${(error as Error).message.split('\n')[0]})`;
  }
  if (parsed?.format !== 1) return `its format is ${JSON.stringify(parsed?.format)}, not 1`;
  if (typeof parsed.sourceDateEpoch !== 'number' || !Number.isFinite(parsed.sourceDateEpoch)) return 'it has no sourceDateEpoch to date the release by';
  if (!Array.isArray(parsed.units) || parsed.units.some((u) => typeof u?.id !== 'string' || typeof u?.version !== 'string')) return 'its units have no id and version';
  return parsed as ReleaseManifest;
}
