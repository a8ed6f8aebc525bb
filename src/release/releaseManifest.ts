/**
 * `<out>/manifest.json`: what a release contains and where it came from — for every unit its
 * version, objective ID, content hash and every artifact with size and sha256. Deterministic:
 * sorted, no wall-clock time, so the same commit gives the same manifest byte for byte.
 * A `--release` build lists every unit's approvals (role, person, slice hash, version, date).
 * Schema: schemas/release-manifest.schema.json.
 */
import type { Course } from '../course/model/course.js';

export const MANIFEST_FILE = 'manifest.json';
export const MANIFEST_FORMAT = 1;
/** The release folder's subfolder where `tandem serve` journals statements unless `serve.journal` says otherwise. */
export const RELEASE_JOURNAL_DIR = 'journal';

export interface ReleaseArtifact {
  target: string;
  /** Relative to the output folder, '/' separators. */
  path: string;
  bytes: number;
  sha256: string;
}

export interface ReleaseUnit {
  id: string;
  title: string;
  version: string;
  objectiveId: string;
  contentHash: string;
  artifacts: ReleaseArtifact[];
  /** In a `--release` build: every role's current approval (role, person, slice hash), in role order. */
  approvals?: ReleaseApproval[];
}

export interface ReleaseApproval {
  role: string;
  by: string;
  hash: string;
  version: string;
  date: string;
}

export interface ReleasePath {
  id: string;
  title: string;
  unitIds: string[];
  artifacts: ReleaseArtifact[];
}

export interface ReleaseManifest {
  $schema: string;
  format: typeof MANIFEST_FORMAT;
  tool: { name: 'tandem'; version: string };
  course: { id: string; title: string };
  /** Derived from every input of the whole course (not only this shard), so shards of one release agree. */
  buildId: string;
  /** The git commit of the course folder, when it is a git checkout. */
  sourceCommit?: string;
  /** Present (true) when the course's files had uncommitted changes: the build is not that commit's. */
  sourceDirty?: true;
  sourceDateEpoch: number;
  targets: string[];
  /** Present when built with --shard; merged manifests drop it. */
  shard?: { index: number; count: number };
  units: ReleaseUnit[];
  paths: ReleasePath[];
  /** Units and paths this build was responsible for but left out for errors: a release with any is incomplete. */
  skippedUnits: string[];
  skippedPaths: string[];
}

/** Metadata of a written artifact; bytes are not kept, so memory stays flat on large catalogs. */
export interface ArtifactRecord extends ReleaseArtifact {
  unitIds: string[];
  /** The job subject that produced it: listed under that unit or path in the manifest. */
  owner: { kind: 'unit' | 'path'; id: string };
}

export interface ManifestInput {
  course: Course;
  toolVersion: string;
  buildId: string;
  sourceCommit?: string;
  sourceDirty?: boolean;
  skippedUnits: readonly string[];
  skippedPaths: readonly string[];
  sourceDateEpoch: number;
  targets: string[];
  shard?: { index: number; count: number };
  /** Units and paths this build was responsible for (all of them unless sharded), failed ones excluded. */
  unitIds: ReadonlySet<string>;
  pathIds: ReadonlySet<string>;
  artifacts: readonly ArtifactRecord[];
  /** A `--release` build's approvals per unit id (listed in the manifest); undefined otherwise. */
  approvals?: (unitId: string) => ReleaseApproval[];
}

export function createReleaseManifest(input: ManifestInput): ReleaseManifest {
  const { course } = input;
  const pathIds = input.pathIds;
  const byOwner = new Map<string, ReleaseArtifact[]>();
  for (const r of input.artifacts) {
    const owner = `${r.owner.kind}:${r.owner.id}`;
    const list = byOwner.get(owner) ?? [];
    list.push({ target: r.target, path: r.path, bytes: r.bytes, sha256: r.sha256 });
    byOwner.set(owner, list);
  }
  const sortArtifacts = (list: ReleaseArtifact[] = []) => list.sort((a, b) => compare(a.path, b.path));
  return {
    $schema: 'https://tandem.dev/schemas/release-manifest.schema.json',
    format: MANIFEST_FORMAT,
    tool: { name: 'tandem', version: input.toolVersion },
    course: { id: course.config.id, title: course.config.title },
    buildId: input.buildId,
    ...(input.sourceCommit ? { sourceCommit: input.sourceCommit } : {}),
    ...(input.sourceDirty ? { sourceDirty: true as const } : {}),
    sourceDateEpoch: input.sourceDateEpoch,
    targets: [...input.targets].sort(),
    ...(input.shard ? { shard: input.shard } : {}),
    units: course.units
      .filter((u) => input.unitIds.has(u.id))
      .map((u) => ({
        id: u.id,
        title: u.contract.title,
        version: u.contract.version,
        objectiveId: u.contract.objective.id,
        contentHash: u.contentHash,
        artifacts: sortArtifacts(byOwner.get(`unit:${u.id}`)),
        ...(input.approvals ? { approvals: input.approvals(u.id) } : {}),
      }))
      .sort((a, b) => compare(a.id, b.id)),
    paths: course.paths
      .filter((p) => pathIds.has(p.id))
      .map((p) => ({ id: p.id, title: p.title, unitIds: p.unitIds, artifacts: sortArtifacts(byOwner.get(`path:${p.id}`)) }))
      .sort((a, b) => compare(a.id, b.id)),
    skippedUnits: [...input.skippedUnits].sort(compare),
    skippedPaths: [...input.skippedPaths].sort(compare),
  };
}

/** Stable JSON: two-space indent and a final newline, keys in the order built above. */
export function serializeManifest(manifest: ReleaseManifest): string {
  return JSON.stringify(manifest, null, 2) + '\n';
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
