/**
 * `tandem merge-manifests`: joins the manifests of the shards of one release into one. Shards of
 * one release agree on course, tool version, build id and commit (the build id covers the whole
 * course, not the shard); anything else means they are not one release, and merging refuses.
 */
import { MANIFEST_FORMAT, type ReleaseManifest } from './releaseManifest.js';

export type MergeResult = { ok: true; manifest: ReleaseManifest; missingShards: number[] } | { ok: false; problem: string };

export function mergeManifests(manifests: readonly ReleaseManifest[]): MergeResult {
  const [first] = manifests;
  if (!first) return { ok: false, problem: 'no manifests given' };
  for (const m of manifests) {
    if (m.format !== MANIFEST_FORMAT) return { ok: false, problem: `a manifest has format ${String(m.format)}; this Tandem reads format ${MANIFEST_FORMAT}` };
    for (const [what, a, b] of [
      ['course', m.course.id, first.course.id],
      ['Tandem version', m.tool.version, first.tool.version],
      ['build id', m.buildId, first.buildId],
      ['source commit', m.sourceCommit ?? '', first.sourceCommit ?? ''],
      ['shard count', String(m.shard?.count ?? 1), String(first.shard?.count ?? 1)],
    ] as const) {
      if (a !== b) return { ok: false, problem: `the manifests are not shards of one release: ${what} "${a}" differs from "${b}"` };
    }
  }
  const units = new Map<string, ReleaseManifest['units'][number]>();
  const paths = new Map<string, ReleaseManifest['paths'][number]>();
  const seenShards = new Set<number>();
  for (const m of manifests) {
    if (m.shard) {
      if (seenShards.has(m.shard.index)) return { ok: false, problem: `shard ${m.shard.index}/${m.shard.count} is given twice` };
      seenShards.add(m.shard.index);
    }
    for (const u of m.units) {
      if (units.has(u.id)) return { ok: false, problem: `unit ${u.id} appears in more than one manifest` };
      units.set(u.id, u);
    }
    for (const p of m.paths) {
      if (paths.has(p.id)) return { ok: false, problem: `path ${p.id} appears in more than one manifest` };
      paths.set(p.id, p);
    }
  }
  const count = first.shard?.count ?? 1;
  const missingShards = first.shard ? Array.from({ length: count }, (_, i) => i + 1).filter((i) => !seenShards.has(i)) : [];
  const byId = <T extends { id: string }>(a: T, b: T) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  const { shard: _shard, ...rest } = first;
  const manifest: ReleaseManifest = {
    ...rest,
    targets: [...new Set(manifests.flatMap((m) => m.targets))].sort(),
    ...(manifests.some((m) => m.sourceDirty) ? { sourceDirty: true as const } : {}),
    units: [...units.values()].sort(byId),
    paths: [...paths.values()].sort(byId),
    // Manifests from before skipped units were recorded have none to merge.
    skippedUnits: [...new Set(manifests.flatMap((m) => m.skippedUnits ?? []))].sort(),
    skippedPaths: [...new Set(manifests.flatMap((m) => m.skippedPaths ?? []))].sort(),
  };
  return { ok: true, manifest, missingShards };
}
