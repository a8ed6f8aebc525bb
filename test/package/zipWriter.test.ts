import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import AdmZip from 'adm-zip';
import { describe, expect, it } from 'vitest';
import { toDosDateTime, writeZip } from '../../src/compile/package/zipWriter.js';

const entries = [
  { path: 'b/second.txt', bytes: Buffer.from('second '.repeat(50)) },
  { path: 'a.txt', bytes: Buffer.from('first') },
  { path: 'images/ü.svg', bytes: Buffer.from('<svg/>') },
];
const EPOCH = Date.UTC(2024, 4, 17, 10, 30, 44) / 1000;

describe('writeZip', async () => {
  it('gives the same bytes for the same entries in any order', async () => {
    const one = await writeZip(entries, { modifiedAt: EPOCH });
    const two = await writeZip([...entries].reverse(), { modifiedAt: EPOCH });
    expect(Buffer.compare(one, two)).toBe(0);
  });

  it('writes sorted entries and gives the content back intact, deflated only when it shrinks', async () => {
    const zip = new AdmZip(Buffer.from(await writeZip(entries, { modifiedAt: EPOCH })));
    expect(zip.getEntries().map((e) => e.entryName)).toEqual(['a.txt', 'b/second.txt', 'images/ü.svg']);
    for (const e of zip.getEntries()) {
      expect(e.getData().toString()).toBe(entries.find((x) => x.path === e.entryName)!.bytes.toString());
    }
    expect(zip.getEntry('b/second.txt')!.header.method).toBe(8);
    expect(zip.getEntry('a.txt')!.header.method).toBe(0);
  });

  it('is read by the unzip and Python zipfile tools LMS importers are built on', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'tandem-zip-'));
    try {
      const file = path.join(dir, 'x.zip');
      writeFileSync(file, await writeZip(entries, { modifiedAt: EPOCH }));
      const listing = execFileSync('python3', ['-c', 'import sys,zipfile;z=zipfile.ZipFile(sys.argv[1]);assert z.testzip() is None;print("\\n".join(f"{i.filename} {i.date_time}" for i in z.infolist()))', file], { encoding: 'utf8' });
      expect(listing.trim().split('\n')).toEqual(['a.txt (2024, 5, 17, 10, 30, 44)', 'b/second.txt (2024, 5, 17, 10, 30, 44)', 'images/ü.svg (2024, 5, 17, 10, 30, 44)']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('stamps the given time, not the clock', async () => {
    const a = await writeZip(entries, { modifiedAt: EPOCH });
    const b = await writeZip(entries, { modifiedAt: EPOCH + 3600 });
    expect(Buffer.compare(a, b)).not.toBe(0);
    expect(toDosDateTime(315532800)).toEqual({ date: (1 << 5) | 1, time: 0 });
    expect(toDosDateTime(0)).toEqual(toDosDateTime(315532800));
  });

  it('refuses entry names that could escape the folder an LMS unpacks into', async () => {
    for (const bad of ['../x', '/abs', 'a//b', 'a\\b', './a', '']) {
      await expect(writeZip([{ path: bad, bytes: new Uint8Array() }], { modifiedAt: EPOCH })).rejects.toThrow(/Unsafe/);
    }
    await expect(writeZip([entries[1]!, entries[1]!], { modifiedAt: EPOCH })).rejects.toThrow(/Duplicate/);
  });
});
