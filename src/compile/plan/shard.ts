/**
 * `--shard i/n`: a stable subset of the jobs, so a CI matrix can split a catalog across runners.
 * A unit lands in the shard given by a hash of its id, not by its position, so adding a unit does
 * not move the others between shards (their cache stays warm). Paths are sharded by their id.
 */
import { createHash } from 'node:crypto';
import type { Job } from '../targets/target.js';

export interface Shard {
  /** 1-based. */
  index: number;
  count: number;
}

export function parseShard(text: string): Shard | undefined {
  const m = /^(\d+)\/(\d+)$/.exec(text.trim());
  if (!m) return undefined;
  const index = Number(m[1]);
  const count = Number(m[2]);
  return count >= 1 && count <= 1000 && index >= 1 && index <= count ? { index, count } : undefined;
}

/** Why `text` is not a shard, in words for `--shard`'s error message. */
export function shardProblem(text: string): string {
  const m = /^(\d+)\/(\d+)$/.exec(text.trim());
  if (!m) return `--shard must look like 2/4 (shard 2 of 4), not '${text}'.`;
  const [index, count] = [Number(m[1]), Number(m[2])];
  if (count < 1 || count > 1000) return `--shard ${text}: the number of shards n must be from 1 to 1000.`;
  if (index < 1 || index > count) return `--shard ${text}: the shard number i must be between 1 and ${count} (i/n is shard i of n).`;
  return `--shard ${text} is valid.`;
}

export function shardOf(key: string, count: number): number {
  const digest = createHash('sha256').update(key).digest();
  return (digest.readUInt32BE(0) % count) + 1;
}

export function unitInShard(unitId: string, shard: Shard): boolean {
  return shardOf(`unit:${unitId}`, shard.count) === shard.index;
}

export function pathInShard(pathId: string, shard: Shard): boolean {
  return shardOf(`path:${pathId}`, shard.count) === shard.index;
}

export function inShard(job: Job, shard: Shard): boolean {
  return job.subject.kind === 'unit' ? unitInShard(job.subject.unit.id, shard) : pathInShard(job.subject.path.id, shard);
}
