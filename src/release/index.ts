/**
 * Foundation: what a release is. The release manifest (every unit's version, objective id,
 * content hash and artifacts), merging the manifests of sharded builds, the source commit, and
 * Tandem's own version and code fingerprint. Written by compile; read by serve, report and CI.
 * signoff/: each role's approval bound to the hash of the content it owns, and the release gate.
 */
export { mergeManifests, type MergeResult } from './mergeManifests.js';
export {
  MANIFEST_FILE,
  MANIFEST_FORMAT,
  RELEASE_JOURNAL_DIR,
  serializeManifest,
  type ReleaseArtifact,
  type ReleaseManifest,
  type ReleasePath,
  type ReleaseUnit,
} from './releaseManifest.js';
export { toolVersion } from './toolFingerprint.js';
export * from './signoff/index.js';
