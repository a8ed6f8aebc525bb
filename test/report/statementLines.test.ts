import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { forEachLine, linesOfStream } from '../../src/report/source/statementLines.js';

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

  it('joins a line cut over three chunks, a CR cut from its LF and a BOM cut in two, as the parse workers read the same bytes', async () => {
    const text = '\uFEFF{"a":1}\r\n{"long":"' + 'x'.repeat(50) + '"}\r\n\n{"c":3}';
    const bytes = Buffer.from(text);
    const cuts = [2, 9, 20, 40, 64, bytes.length - 3];
    const chunks = cuts.map((c, i) => bytes.subarray(i === 0 ? 0 : cuts[i - 1], c)).concat([bytes.subarray(cuts.at(-1))]);
    const expected: [number, string][] = [
      [1, '{"a":1}'],
      [2, `{"long":"${'x'.repeat(50)}"}`],
      [4, '{"c":3}'],
    ];
    expect(await lines(chunks)).toEqual(expected);
    const whole: [number, string][] = [];
    forEachLine(bytes, 1, (t, line) => whole.push([line, t]));
    expect(whole).toEqual(expected);
  });
});
