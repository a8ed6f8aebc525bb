/**
 * report.html reads as English at any count ("1 statement line", not "1 statement lines"), and an
 * objective without data shows a sentence instead of an empty chart whose only axis label is
 * "0.000000"; the tables stay, with their zeros.
 */
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runTandem } from '../support/cli.js';
import { ACTORS, lesson, voiding } from './corpus.js';

const SAMPLE = path.resolve('fixtures/sample-course');
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'tandem-report-wording-'));
});

/** report.html's text (tags dropped, spaces collapsed) for these NDJSON lines. */
async function reportText(name: string, lines: string[], extra: string[] = []): Promise<{ html: string; text: string }> {
  const statements = path.join(dir, `${name}.ndjson`);
  await writeFile(statements, lines.join('\n') + '\n');
  const out = path.join(dir, name);
  const run = await runTandem(['report', SAMPLE, '--statements', statements, '--since', '2026-11-01', '--until', '2026-11-28', '--out', out, '--fail-on', 'never', ...extra]);
  expect(run.code, run.stdout + run.stderr).toBe(0);
  const html = await readFile(path.join(out, 'report.html'), 'utf8');
  return { html, text: html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ') };
}

describe('report.html wording', () => {
  it('says "1 statement line", "1 unreadable line", "1 day", "1 flag": singular for one, plural otherwise', async () => {
    const { text } = await reportText('one-line', ['this line is not JSON'], ['--window', '1']);
    expect(text).toContain('Read 1 statement line: 0 duplicates and 0 voided statements left out, 1 unreadable line, 0 statements about other activities.');
    expect(text).toContain('windows of 1 day.');
    expect(text).toContain('OBJ-SUP-REFUND-500 (1 flag)');
  });

  it('says "1 duplicate", "1 voided statement", "1 statement about other activities"', async () => {
    const launched = lesson(ACTORS.ana, 'launched', '2026-11-20T09:00:00.000Z');
    const voided = lesson(ACTORS.ben, 'launched', '2026-11-20T10:00:00.000Z');
    const foreign = { ...lesson(ACTORS.cy, 'launched', '2026-11-20T11:00:00.000Z'), object: { objectType: 'Activity', id: 'https://elsewhere.example/activities/1' }, context: {} };
    const lines = [launched, launched, voided, voiding(voided.id, '2026-11-21T00:00:00.000Z'), foreign].map((s) => JSON.stringify(s));
    const { text } = await reportText('singulars', lines);
    expect(text).toContain('Read 5 statement lines: 1 duplicate and 1 voided statement left out, 0 unreadable lines, 1 statement about other activities.');
  });

  it('an objective without learners or answers shows why there is no chart, never a "0.000000" axis; its tables stay', async () => {
    const { html, text } = await reportText('empty', ['this line is not JSON']);
    expect(html).not.toContain('0.000000');
    expect(html).not.toContain('<svg');
    expect(text).toContain('No learner launched, completed or passed this lesson in the windows: no chart to draw.');
    expect(text).toContain('No question was answered in the period: no chart to draw.');
    expect(html).toMatch(/<caption>Learning KPIs for OBJ-SUP-REFUND-500<\/caption>[\s\S]*?<th scope="row">launched<\/th><td>0<\/td><td>0<\/td><td>0<\/td>/);
  });
});
