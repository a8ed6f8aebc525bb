import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { linesOfStream } from '../../src/report/source/statementLines.js';

async function lines(chunks: (string | Buffer)[]) {
  const out: [number, string][] = [];
  for await (const l of linesOfStream(Readable.from(chunks.map((c) => Buffer.from(c))), 'f')) out.push([l.line, l.text]);
  return out;
}

describe('linesOfStream', () => {
  it('splits across chunk boundaries, drops CR and a leading BOM, skips blank lines but counts them, keeps a last line without newline', async () => {
    expect(await lines(['\uFEFF{"a":1}\r\n{"b"', ':2}\n\n  \n{"c":"é', 'x"}'])).toEqual([
      [1, '{"a":1}'],
      [2, '{"b":2}'],
      [5, '{"c":"éx"}'],
    ]);
  });

  it('keeps a multi-byte character cut between chunks whole', async () => {
    const bytes = Buffer.from('{"name":"Zoë"}\n');
    const cut = bytes.indexOf(0xc3) + 1;
    expect(await lines([bytes.subarray(0, cut), bytes.subarray(cut)])).toEqual([[1, '{"name":"Zoë"}']]);
  });
});
