/** Interrupted or failed writes never leave a file that looks complete. */
import { mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DiskSink } from '../src/compile/sink/diskSink.js';
import { useTempDirs } from './support/tempDirs.js';

const { tempDir } = useTempDirs('tandem-sink-');

describe('DiskSink', () => {
  it('writes through a temporary name and leaves only the final file', async () => {
    const out = tempDir();
    await new DiskSink(out).write('scorm12/a.zip', new Uint8Array([1, 2, 3]));
    expect(readdirSync(path.join(out, 'scorm12'))).toEqual(['a.zip']);
    expect([...readFileSync(path.join(out, 'scorm12/a.zip'))]).toEqual([1, 2, 3]);
  });

  it('leaves no partial file when the final rename fails', async () => {
    const out = tempDir();
    // A folder where the file must go: the data is written to the temporary name, then the rename fails.
    mkdirSync(path.join(out, 'x.zip'));
    await expect(new DiskSink(out).write('x.zip', new Uint8Array([2]))).rejects.toThrow();
    expect(readdirSync(out)).toEqual(['x.zip']);
    expect(readdirSync(path.join(out, 'x.zip'))).toEqual([]);
  });

  it('makes a folder again when it was removed after an earlier write made it', async () => {
    const out = tempDir();
    const sink = new DiskSink(out);
    await sink.write('cards/a/one.json', new Uint8Array([1]));
    rmSync(path.join(out, 'cards'), { recursive: true });
    await sink.write('cards/a/two.json', new Uint8Array([2]));
    expect(readdirSync(path.join(out, 'cards/a'))).toEqual(['two.json']);
  });

  it('refuses to write outside the output folder', async () => {
    await expect(new DiskSink(tempDir()).write('../escape.txt', new Uint8Array())).rejects.toThrow(/outside the output folder/);
  });
});
