import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { mergeManifests } from '../../release/mergeManifests.js';
import { serializeManifest, type ReleaseManifest } from '../../release/releaseManifest.js';
import type { Parsed } from '../run.js';
import { readManifestFile } from './readManifestFile.js';
import { EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, type CommandIO } from '../io.js';

export async function runMergeManifests(args: Parsed, io: CommandIO): Promise<number> {
  const out = args.values.out as string | undefined;
  if (args.positionals.length === 0 || !out) {
    io.err(`tandem merge-manifests: give the shard manifests and --out, e.g. 'tandem merge-manifests shard-*/manifest.json --out release/manifest.json'.\n`);
    return EXIT_USAGE;
  }
  const manifests: ReleaseManifest[] = [];
  for (const file of args.positionals) {
    try {
      manifests.push(readManifestFile(path.resolve(io.cwd, file)));
    } catch (error) {
      io.err(`tandem merge-manifests: cannot read ${file}: ${(error as Error).message}.\n`);
      return EXIT_USAGE;
    }
  }
  const merged = mergeManifests(manifests);
  if (!merged.ok) {
    io.err(`tandem merge-manifests: ${merged.problem}.\n`);
    return EXIT_PROBLEMS;
  }
  const target = path.resolve(io.cwd, out);
  mkdirSync(path.dirname(target), { recursive: true });
  writeFileSync(target, serializeManifest(merged.manifest));
  io.err(`Merged ${manifests.length} manifest(s): ${merged.manifest.units.length} unit(s), ${merged.manifest.paths.length} path(s) → ${out}.\n`);
  if (merged.missingShards.length) {
    io.err(`tandem merge-manifests: shard(s) ${merged.missingShards.join(', ')} of ${manifests[0]!.shard!.count} are missing; the release is incomplete.\n`);
    return EXIT_PROBLEMS;
  }
  return EXIT_OK;
}
