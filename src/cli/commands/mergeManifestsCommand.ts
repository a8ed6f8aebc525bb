import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { mergeManifests } from '../../release/mergeManifests.js';
import { serializeManifest, type ReleaseManifest } from '../../release/releaseManifest.js';
import type { Command, ParsedArgs } from '../command.js';
import { readManifestFile } from './readManifestFile.js';
import { EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, type CommandIO } from '../io.js';

export const mergeManifestsCommand: Command = {
  name: 'merge-manifests',
  synopsis: '<manifest.json>…',
  summary: 'Join the release manifests of sharded builds into one',
  options: { out: { type: 'string', short: 'o' } },
  help: () => MERGE_HELP,
  run: runMergeManifests,
};

const MERGE_HELP = `Usage
  tandem merge-manifests <manifest.json>… --out <file>

Joins the manifests written by 'tandem build --shard i/n' runs of one release into one release
manifest. Refuses manifests of different releases (course, Tandem version, build id or commit
differ) and exits 1 when a shard is missing.

Options
  -o, --out <file>   Where to write the merged manifest
  -h, --help         Show this help

Example (a CI matrix of 4 runners, then one job that merges)
  tandem build --shard $SHARD/4 --out out/shard-$SHARD
  tandem merge-manifests out/shard-*/manifest.json --out out/manifest.json
`;

async function runMergeManifests(args: ParsedArgs, io: CommandIO): Promise<number> {
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
  // A failed merge writes nothing: a manifest on disk is what later release steps take as complete.
  if (merged.missingShards.length) {
    io.err(`tandem merge-manifests: shard(s) ${merged.missingShards.join(', ')} of ${manifests[0]!.shard!.count} are missing; the release is incomplete, so ${out} was not written.\n`);
    return EXIT_PROBLEMS;
  }
  const target = path.resolve(io.cwd, out);
  mkdirSync(path.dirname(target), { recursive: true });
  writeFileSync(target, serializeManifest(merged.manifest));
  io.err(`Merged ${manifests.length} manifest(s): ${merged.manifest.units.length} unit(s), ${merged.manifest.paths.length} path(s) → ${out}.\n`);
  return EXIT_OK;
}
