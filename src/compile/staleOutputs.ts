/**
 * A release folder holds exactly what this build produced. A renamed or deleted unit's zip and
 * job aids would otherwise stay in `--out` and be published with the release. What an earlier
 * build wrote is known from its manifest: those files, when this build did not write them and
 * they still hold the bytes that manifest recorded, are removed. Nothing else is ever touched:
 * files Tandem did not write (or that someone changed since) stay, and an output folder that
 * holds files but no Tandem manifest gets a warning instead (OUTPUT_NOT_TANDEM).
 */
import { createHash } from 'node:crypto';
import { diagnose, type Diagnostic } from '../diagnostics/diagnostic.js';
import { MANIFEST_FILE, type ReleaseArtifact, type ReleaseManifest } from '../release/releaseManifest.js';
import type { Shard } from './plan/shard.js';
import type { Sink } from './sink/sink.js';

export interface OutputState {
  /** The manifest an earlier Tandem build left in the output folder. */
  previous?: ReleaseManifest;
  diagnostics: Diagnostic[];
}

/**
 * Where a build keeps the previous release's manifest while it writes: manifest.json is removed
 * before the first artifact (so a killed build leaves no manifest that lies), but what the earlier
 * build wrote must still be known to the next build, to clean up after it.
 */
export const PREVIOUS_MANIFEST_FILE = '.tandem-previous-manifest.json';

/** Files Tandem keeps for itself in the output folder (cache, lock, the previous manifest). */
const BOOKKEEPING = /^\.tandem[-.]/;

/** Reads the earlier build's manifest before anything is written; warns about a folder Tandem does not own. */
export async function readOutputState(sink: Sink): Promise<OutputState> {
  if (!sink.read || !sink.list) return { diagnostics: [] };
  const read = (file: string) => sink.read!(file).catch(() => undefined);
  const previous = parseManifest(await read(MANIFEST_FILE)) ?? parseManifest(await read(PREVIOUS_MANIFEST_FILE));
  if (previous) return { previous, diagnostics: [] };
  const files = (await sink.list()).filter((file) => !BOOKKEEPING.test(file));
  return files.length ? { diagnostics: [diagnose('OUTPUT_NOT_TANDEM', { files: files.length, examples: files.slice(0, 3).join(', ') })] } : { diagnostics: [] };
}

/**
 * Removes the earlier build's artifacts that this build did not write. Only when both builds
 * cover the same part of the course (same shard, or both whole): a shard must never remove
 * what another shard built.
 */
export async function removeStaleOutputs(sink: Sink, previous: ReleaseManifest | undefined, written: ReadonlySet<string>, shard: Shard | undefined): Promise<string[]> {
  if (!previous || !sink.read || !sink.remove) return [];
  if ((previous.shard?.index ?? 0) !== (shard?.index ?? 0) || (previous.shard?.count ?? 0) !== (shard?.count ?? 0)) return [];
  const removed: string[] = [];
  for (const artifact of recordedArtifacts(previous)) {
    const file = artifact.path;
    if (written.has(file) || file === MANIFEST_FILE || !isPlainRelative(file)) continue;
    const bytes = await sink.read(file);
    // Changed since that build (or already gone): not the file Tandem wrote, so not Tandem's to remove.
    if (!bytes || createHash('sha256').update(bytes).digest('hex') !== artifact.sha256) continue;
    await sink.remove(file);
    removed.push(file);
  }
  return removed.sort();
}

/** The artifacts a manifest records; it is data from disk, so anything malformed is passed over. */
function recordedArtifacts(manifest: ReleaseManifest): ReleaseArtifact[] {
  const owners: unknown[] = [...manifest.units, ...manifest.paths];
  return owners.flatMap((owner) => {
    const artifacts = (owner as { artifacts?: unknown } | null)?.artifacts;
    return Array.isArray(artifacts)
      ? artifacts.filter((a): a is ReleaseArtifact => typeof a?.path === 'string' && typeof a?.sha256 === 'string')
      : [];
  });
}

function parseManifest(bytes: Uint8Array | undefined): ReleaseManifest | undefined {
  if (!bytes) return undefined;
  try {
    const m = JSON.parse(new TextDecoder().decode(bytes)) as ReleaseManifest;
    return m?.tool?.name === 'tandem' && Array.isArray(m.units) && Array.isArray(m.paths) ? m : undefined;
  } catch {
    return undefined;
  }
}

/** A manifest is data from disk: only a plain relative path inside the folder is acted on. */
function isPlainRelative(file: string): boolean {
  return file.length > 0 && !file.startsWith('/') && !/^[a-z]:/i.test(file) && !file.includes('\\') && !file.split('/').some((s) => s === '..' || s === '.' || s === '');
}
