import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { IdFingerprintSet } from '../../src/report/source/idFingerprintSet.js';

describe('IdFingerprintSet (statement de-duplication by id)', () => {
  it('knows 100,000 UUIDs after growing, and no other', () => {
    const set = new IdFingerprintSet();
    const ids = Array.from({ length: 100_000 }, () => randomUUID());
    expect(ids.every((id) => set.add(id))).toBe(true);
    expect(set.size).toBe(100_000);
    expect(ids.every((id) => set.has(id))).toBe(true);
    expect(ids.every((id) => !set.add(id))).toBe(true);
    expect(Array.from({ length: 1000 }, () => randomUUID()).some((id) => set.has(id))).toBe(false);
  });

  it('treats an upper-case UUID as the same id, and non-UUID ids by content', () => {
    const set = new IdFingerprintSet();
    set.add('6fbd600f-d17c-4c74-801a-2ec2e53231f5');
    expect(set.has('6FBD600F-D17C-4C74-801A-2EC2E53231F5')).toBe(true);
    expect(set.add('journal-line-1')).toBe(true);
    expect(set.add('journal-line-2')).toBe(true);
    expect(set.add('journal-line-1')).toBe(false);
  });
});
