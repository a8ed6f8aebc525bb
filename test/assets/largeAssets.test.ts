/**
 * Issue 10 (low): large assets. A 400 MB video took 4.4 GB of memory: its bytes were held for the
 * content hash and deflated at level 9 into every lesson package. Media are now hashed in chunks
 * and stored, not deflated, and an asset over 50 MB is ASSET_LARGE at its reference.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import AdmZip from 'adm-zip';
import { afterEach, describe, expect, it } from 'vitest';
import { build } from '../../src/compile/build.js';
import { MemorySink } from '../../src/compile/sink/memorySink.js';
import { check } from '../../src/course/check.js';
import { readUnitFiles } from '../../src/course/load/unitFiles.js';

const temps: string[] = [];
afterEach(() => temps.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

/** The sample course with `assets/clip.mp4` of `bytes` zeros (sparse on disk) embedded in refund-approval's lesson. */
function courseWithVideo(bytes: number): { dir: string; lesson: string; line: number; column: number } {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'tandem-large-'));
  temps.push(dir);
  cpSync('fixtures/sample-course', dir, { recursive: true });
  const unitDir = path.join(dir, 'units/refund-approval');
  const video = path.join(unitDir, 'assets/clip.mp4');
  writeFileSync(video, '');
  truncateSync(video, bytes);
  const lesson = path.join(unitDir, 'lesson.md');
  const text = readFileSync(lesson, 'utf8');
  writeFileSync(lesson, text + '\n<video src="assets/clip.mp4" controls></video>\n');
  const unitFile = path.join(unitDir, 'unit.yaml');
  writeFileSync(unitFile, readFileSync(unitFile, 'utf8').replace('lesson:\n', 'lesson:\n  media_minutes: 1\n'));
  return { dir, lesson, line: text.split('\n').length + 1, column: '<video src="'.length + 1 };
}

describe('large assets', () => {
  it('an asset over 50 MB is ASSET_LARGE at its reference, once', async () => {
    const { dir, line, column } = courseWithVideo(60 * 1024 * 1024);
    const result = await check(dir);
    expect(result.diagnostics.map((d) => `${d.code} ${d.severity} ${path.relative(dir, d.file!)}:${d.line}:${d.column}`)).toEqual([
      `ASSET_LARGE warning units/refund-approval/lesson.md:${line}:${column}`,
    ]);
    expect(result.diagnostics[0]!.message).toContain('60 MB');
  });

  it('an asset under the limit is not reported', async () => {
    const { dir } = courseWithVideo(5 * 1024 * 1024);
    expect((await check(dir)).diagnostics).toEqual([]);
  });

  it('the content hash of a unit with a large asset is the same as hashing every byte', () => {
    const { dir } = courseWithVideo(3 * 1024 * 1024 + 17);
    const unitDir = path.join(dir, 'units/refund-approval');
    const files = readUnitFiles(unitDir);
    const expected = createHash('sha256');
    for (const file of files.list) expected.update(file).update('\0').update(readFileSync(path.join(unitDir, file))).update('\0');
    expect(files.contentHash()).toBe(expected.digest('hex'));
  });

  it('media go into packages stored, not deflated again', async () => {
    const { dir } = courseWithVideo(2 * 1024 * 1024);
    const sink = new MemorySink();
    const result = await build({ courseDir: dir, targets: ['scorm12'], sink });
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const zip = new AdmZip(Buffer.from(sink.files.get('scorm12/refund-approval.zip')!));
    const video = zip.getEntries().find((e) => e.entryName.endsWith('assets/clip.mp4'))!;
    expect(video.header.method).toBe(0);
    expect(video.header.size).toBe(2 * 1024 * 1024);
    // Text is still deflated.
    expect(zip.getEntries().find((e) => e.entryName === 'imsmanifest.xml')!.header.method).toBe(8);
  });
});
