/**
 * The parse workers' share of `tandem report` without the threads (source/byteRanges, parseJob,
 * eventWire): a plain file cut into byte ranges at every possible size gives exactly the lines,
 * line numbers and events of the single-threaded read (statementLines' linesOf and parseInto),
 * whatever the cuts hit: a BOM, CRLF, blank and whitespace lines, a multi-byte character, a line
 * longer than a range, a newline as a range's last byte, a file without a final newline.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadCourse } from '../../src/course/index.js';
import { indexCourse, type CourseIndex } from '../../src/report/courseIndex.js';
import { byteRanges, forEachOwnedLine, readOwnedBytes } from '../../src/report/source/byteRanges.js';
import { EventWriter, readWireEvents } from '../../src/report/source/eventWire.js';
import { parseInto, type ParsedBatch } from '../../src/report/source/parsedBatch.js';
import { objectivePositions, parseJob } from '../../src/report/source/parseJob.js';
import { linesOf } from '../../src/report/source/statementLines.js';
import type { StatementEvent } from '../../src/report/statementEvent.js';
import { useTempDirs } from '../support/tempDirs.js';
import { nudgeAnswer } from '../support/reinforceStatements.js';
import { corpusLines, view } from './corpus.js';

const { tempDir } = useTempDirs('tandem-report-ranges-');
let index: CourseIndex;

beforeAll(async () => {
  const loaded = await loadCourse(path.resolve('fixtures/sample-course'));
  index = indexCourse(loaded.course!);
});

/** Every non-blank line of a file with its absolute number, as the ranges give them. */
function linesByRanges(file: string, size: number, rangeBytes: number): [number, string][] {
  const out: [number, string][] = [];
  let offset = 0;
  for (const [start, end] of byteRanges(size, rangeBytes)) {
    const { buffer, from, to } = readOwnedBytes(file, size, start, end, Buffer.alloc(7, 0x0a));
    offset += forEachOwnedLine(buffer, from, to, start === 0, (text, line) => out.push([offset + line, text]));
  }
  return out;
}

async function linesByStream(file: string): Promise<[number, string][]> {
  const out: [number, string][] = [];
  for await (const l of linesOf(file)) out.push([l.line, l.text]);
  return out;
}

describe('byte ranges of a statement file', () => {
  it('give the lines and line numbers of the single-threaded read, cut at every range size', async () => {
    const long = `{"long":"${'é'.repeat(40)}"}`;
    const texts = [
      '\uFEFF{"a":1}\r\n{"b":"Zoë"}\n\n   \n{"c":3}\r\n' + long + '\n\n{"d":4}',
      // A BOM is only dropped at the file's start; the final newline starts no line.
      '{"a":1}\n\uFEFF{"b":2}\n\n{"c":"ü"}\n',
      '\n\n\n',
      'x',
    ];
    for (const [t, text] of texts.entries()) {
      const file = path.join(tempDir(), `lines-${t}.ndjson`);
      await writeFile(file, text);
      const size = Buffer.byteLength(text);
      const expected = await linesByStream(file);
      for (let rangeBytes = 1; rangeBytes <= size + 1; rangeBytes++) {
        expect(linesByRanges(file, size, rangeBytes), `text ${t}, ranges of ${rangeBytes} bytes`).toEqual(expected);
      }
    }
  });

  it('read no byte appended after the ranges were cut, even to finish a line', async () => {
    const file = path.join(tempDir(), 'growing.ndjson');
    await writeFile(file, '{"a":1}\n{"b":2}\n{"c":3}\n{"d":4}');
    expect(linesByRanges(file, 12, 5)).toEqual([
      [1, '{"a":1}'],
      [2, '{"b"'],
    ]);
  });
});

describe('a parse job', () => {
  it('gives the events, unreadable lines and ignored statements of the single-threaded parse, through the compact wire form', async () => {
    // The corpus (every event kind, a junk line, a voiding statement, answers with and without a
    // response's score) twice, with nudge answers between, so strings repeat across records.
    const nudgeIri = [...index.nudgeQuestionIris.keys()].find((iri) => iri.includes('/units/refund-approval/'))!;
    const nudges = [nudgeAnswer('ana@acme.example', 'refund-approval', 'r1', 1, true, '2026-11-20T10:00:00.000Z'), nudgeAnswer('ben@acme.example', 'refund-approval', 'r1', 2, false, '2026-11-21T10:00:00.000Z')];
    for (const nudge of nudges) nudge.object = { objectType: 'Activity', id: nudgeIri };
    // A job-aid view opened from a Slack card: its channel tag must cross the wire too.
    const fromSlack = view('d-slack', '2026-11-22T10:00:00.000Z') as Record<string, any>;
    fromSlack.context.extensions = { ...fromSlack.context.extensions, 'https://learn.acme.example/xapi/extensions/channel': 'slack' };
    const text = [...corpusLines(), ...nudges.map((n) => JSON.stringify(n)), JSON.stringify(fromSlack), ...corpusLines()].join('\n') + '\n';
    const file = path.join(tempDir(), 'corpus.ndjson');
    await writeFile(file, text);
    const size = Buffer.byteLength(text);

    const single: ParsedBatch = { file, lines: 0, unreadable: [], ignored: 0, events: [] };
    for await (const l of linesOf(file)) parseInto(single, l.text, l.line, index);
    expect(single.events.filter((e) => e.kind === 'nudge')).toHaveLength(2);
    expect(single.events.filter((e) => e.kind === 'view' && e.channel === 'slack')).toHaveLength(1);
    expect(new Set(single.events.map((e) => e.kind))).toEqual(new Set(['lesson', 'screen', 'answer', 'view', 'void', 'nudge']));

    const writer = new EventWriter(objectivePositions(index));
    const events: StatementEvent[] = [];
    const unreadable: number[] = [];
    let lines = 0;
    let ignored = 0;
    let offset = 0;
    for (const [seq, [start, end]] of byteRanges(size, 3000).entries()) {
      // Through a structured clone, as between threads.
      const parsed = structuredClone(parseJob({ seq, kind: 'range', file, size, start, end }, index, writer));
      events.push(...readWireEvents(parsed.events, index));
      unreadable.push(...parsed.unreadable.map((line) => line + offset));
      lines += parsed.lines;
      ignored += parsed.ignored;
      offset += parsed.lineCount;
    }
    expect({ lines, unreadable, ignored }).toEqual({ lines: single.lines, unreadable: single.unreadable, ignored: single.ignored });
    expect(events).toEqual(single.events);
    // The course objects are the index's own, not copies.
    const answer = events.find((e) => e.kind === 'answer')!;
    expect(answer.kind === 'answer' && answer.question).toBe(index.questionIris.get('https://learn.acme.example/xapi/units/refund-approval/lesson/questions/matrix-who-approves')!.question);
  });
});
