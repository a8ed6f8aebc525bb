/** The relay's journal: group commit, crash recovery, budget, rotation with gzip, and reading back. */
import { appendFileSync, existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Journal, readJournalLines } from '../../src/serve/journal/journal.js';
import { JournalLockedError } from '../../src/serve/journal/journalLock.js';

const open: Journal[] = [];
const dir = () => mkdtempSync(path.join(tmpdir(), 'tandem-journal-unit-'));
async function journal(d: string, options: Partial<{ segmentBytes: number; budgetBytes: number; gzipOnRotate: boolean }> = {}) {
  const j = await Journal.open({ dir: d, segmentBytes: 1 << 20, budgetBytes: 1 << 30, gzipOnRotate: false, ...options });
  open.push(j);
  return j;
}
const line = (i: number) => JSON.stringify({ id: `s${i}`, pad: 'x'.repeat(40) });

afterEach(async () => {
  for (const j of open.splice(0)) await j.close();
});

describe('Journal', () => {
  it('covers concurrent appends with one fsync each batch and answers each only after it', async () => {
    const j = await journal(dir());
    const handle = (j as unknown as { handle: { datasync: () => Promise<void> } }).handle;
    const datasync = vi.spyOn(handle, 'datasync');
    const results = await Promise.all(Array.from({ length: 100 }, (_, i) => j.append([line(i)])));
    expect(results.every((r) => r.ok)).toBe(true);
    // The first append syncs alone; the other 99 arrived meanwhile and share the next sync(s).
    expect(datasync.mock.calls.length).toBeLessThan(10);
    expect(await readJournalLines(j.dir)).toEqual(Array.from({ length: 100 }, (_, i) => line(i)));
  });

  it('answers an append made right after another one was answered (regression: lost wake-up hung it)', async () => {
    const j = await journal(dir());
    for (let i = 0; i < 20; i++) expect(await j.append([line(i)])).toEqual({ ok: true });
    expect(await readJournalLines(j.dir)).toHaveLength(20);
  }, 5_000);

  it('cuts a torn last line left by a crash, keeping every whole line', async () => {
    const d = dir();
    const first = await journal(d);
    await first.append([line(1), line(2)]);
    await first.close();
    open.pop();
    appendFileSync(path.join(d, 'statements-000001.ndjson'), '{"id":"s3","pad":"xx');
    const again = await journal(d);
    expect(await readJournalLines(d)).toEqual([line(1), line(2)]);
    await again.append([line(4)]);
    expect(await readJournalLines(d)).toEqual([line(1), line(2), line(4)]);
  });

  it('refuses an append that would pass the budget, writing none of it', async () => {
    const d = dir();
    const j = await journal(d, { budgetBytes: 300 });
    expect(await j.append([line(1), line(2), line(3)])).toEqual({ ok: true });
    expect(await j.append([line(4), line(5)])).toEqual({ ok: false, reason: 'full' });
    expect(await readJournalLines(d)).toEqual([line(1), line(2), line(3)]);
  });

  it('takes a batch that failed mid-write (disk full) back out, so no half line remains', async () => {
    const j = await journal(dir());
    expect(await j.append([line(1)])).toEqual({ ok: true });
    const handle = (j as unknown as { handle: { write: (...args: any[]) => Promise<{ bytesWritten: number }> } }).handle;
    const realWrite = handle.write.bind(handle);
    // The first 10 bytes reach the file, then the disk is full.
    const write = vi.spyOn(handle, 'write').mockImplementationOnce(async (buffer: Buffer, offset: number, _length: number, position: number) => {
      await realWrite(buffer, offset, 10, position);
      throw Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' });
    });
    const failed = await j.append([line(2), line(3)]);
    expect(failed).toMatchObject({ ok: false, reason: 'io' });
    expect(await readJournalLines(j.dir)).toEqual([line(1)]);
    expect(readFileSync(path.join(j.dir, 'statements-000001.ndjson'), 'utf8')).toBe(`${line(1)}\n`);
    write.mockRestore();
    expect(await j.append([line(4)])).toEqual({ ok: true });
    expect(await readJournalLines(j.dir)).toEqual([line(1), line(4)]);
  });

  it('rotates segments, gzips closed ones, and reads across them in order from any position', async () => {
    const d = dir();
    const j = await journal(d, { segmentBytes: 200, gzipOnRotate: true });
    for (let i = 0; i < 12; i++) await j.append([line(i)]);
    await j.compactBefore(0);
    const names = readdirSync(d).filter((n) => n.startsWith('statements-')).sort();
    expect(names.some((n) => n.endsWith('.ndjson.gz'))).toBe(true);
    expect(names.at(-1)).toMatch(/\.ndjson$/);
    expect(await readJournalLines(d)).toEqual(Array.from({ length: 12 }, (_, i) => line(i)));
    const read: string[] = [];
    let at = { segment: 0, offset: 0 };
    for (let guard = 0; guard < 50; guard++) {
      const r = j.read(at, 120);
      if (!r.lines.length) break;
      read.push(...r.lines);
      at = r.next;
    }
    expect(read).toEqual(Array.from({ length: 12 }, (_, i) => line(i)));
    expect(j.bytesAfter(at)).toBe(0);
  });

  it('lets one server at a time use a journal folder', async () => {
    const d = dir();
    await journal(d);
    const lock = path.join(d, 'journal.lock');
    expect(readFileSync(lock, 'utf8').trim()).toBe(String(process.pid));
    // A lock of a live process other than this one refuses; a dead owner's lock is taken over.
    const { writeFileSync } = await import('node:fs');
    await open.pop()!.close();
    writeFileSync(lock, `${process.ppid}\n`);
    await expect(Journal.open({ dir: d, segmentBytes: 1 << 20, budgetBytes: 1 << 30, gzipOnRotate: false })).rejects.toBeInstanceOf(JournalLockedError);
    writeFileSync(lock, '999999999\n');
    await journal(d);
    expect(existsSync(lock)).toBe(true);
  });
});
