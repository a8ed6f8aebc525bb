/**
 * `tandem report --release`: release manifests say which unit version was live when. On the
 * hand-computed corpus, device Y scans a printed 1.0.0 copy on 2026-11-22 12:00 and a 1.2.0 copy
 * on 2026-11-23; the served version in the statements is 1.2.0, so without manifests half the
 * scans are stale. With manifests dating 1.0.0 from 2026-09-01 and 1.2.0 from 2026-11-22 18:00,
 * the first scan was of the version live then: no scan is stale. Each window names the version
 * live at its end.
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Ajv } from 'ajv';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runReport, type Report } from '../../src/report/index.js';
import { corpusLines } from './corpus.js';

const SAMPLE = path.resolve('fixtures/sample-course');
let dir: string;
let statements: string;

function manifest(version: string, iso: string) {
  return { format: 1, sourceDateEpoch: Date.parse(iso) / 1000, course: { id: 'acme-frontline', title: 'x' }, units: [{ id: 'refund-approval', title: 'Refunds', version, objectiveId: 'OBJ-SUP-REFUND-500', contentHash: 'x', artifacts: [] }], paths: [] };
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'tandem-report-releases-'));
  statements = path.join(dir, 'corpus.ndjson');
  await writeFile(statements, corpusLines().join('\n') + '\n');
  for (const [name, version, at] of [['2026-09', '1.0.0', '2026-09-01T00:00:00Z'], ['2026-11', '1.2.0', '2026-11-22T18:00:00Z']] as const) {
    await mkdir(path.join(dir, 'releases', name), { recursive: true });
    await writeFile(path.join(dir, 'releases', name, 'manifest.json'), JSON.stringify(manifest(version, at)));
  }
});
afterAll(() => rm(dir, { recursive: true, force: true }));

async function run(releases: string[], out: string) {
  const result = await runReport({ courseDir: SAMPLE, statements: [statements], releases, outDir: path.join(dir, out), since: '2026-10-01', until: '2026-11-28' });
  const report = result.report ? (JSON.parse(await readFile(path.join(dir, out, 'report.json'), 'utf8')) as Report) : undefined;
  return { result, report, refund: report?.objectives.find((o) => o.objectiveId === 'OBJ-SUP-REFUND-500') };
}

describe('tandem report --release', () => {
  it('judges printed scans against the version live at the scan, and names each window’s version', async () => {
    const without = await run([], 'without');
    expect(without.refund!.execution).toMatchObject({ printedScans: 2, staleScanShare: 0.5 });
    const { result, refund, report } = await run([path.join(dir, 'releases')], 'with');
    expect(result.diagnostics.filter((d) => d.code.startsWith('REPORT_RELEASE'))).toEqual([]);
    expect(refund!.execution).toMatchObject({ printedScans: 2, staleScanShare: 0 });
    expect(refund!.releases).toEqual([
      { version: '1.0.0', liveFrom: '2026-09-01T00:00:00.000Z' },
      { version: '1.2.0', liveFrom: '2026-11-22T18:00:00.000Z' },
    ]);
    expect(refund!.windows.map((w) => [w.label, w.unitVersion])).toEqual([
      ['previous', '1.0.0'],
      ['current', '1.2.0'],
    ]);
    // A unit no manifest names has no release yet.
    expect(report!.objectives.find((o) => o.objectiveId !== 'OBJ-SUP-REFUND-500')!.windows[0]!.unitVersion).toBeNull();
    const ajv = new Ajv({ allErrors: true, strict: false });
    const validate = ajv.compile(JSON.parse(await readFile('schemas/report.schema.json', 'utf8')));
    expect(validate(JSON.parse(await readFile(path.join(dir, 'with', 'report.json'), 'utf8'))), JSON.stringify(validate.errors)).toBe(true);
  });

  it('stops with REPORT_RELEASE_NOT_FOUND for a missing path, and leaves out an unreadable manifest with REPORT_RELEASE_UNREADABLE', async () => {
    const missing = await run([path.join(dir, 'no-such-release')], 'missing');
    expect(missing.result.diagnostics.map((d) => d.code)).toEqual(['REPORT_RELEASE_NOT_FOUND']);
    expect(missing.report).toBeUndefined();
    const broken = path.join(dir, 'broken.json');
    await writeFile(broken, '{"format": 1, "units": [');
    const { result, refund } = await run([broken, path.join(dir, 'releases/2026-09/manifest.json')], 'broken');
    expect(result.diagnostics.filter((d) => d.code.startsWith('REPORT_RELEASE')).map((d) => [d.code, d.file, d.line])).toEqual([['REPORT_RELEASE_UNREADABLE', broken, 1]]);
    // Only 1.0.0 is known: the 1.2.0 copy scanned on 2026-11-23 is of no release yet, so it differs from the live one.
    expect(refund!.releases).toEqual([{ version: '1.0.0', liveFrom: '2026-09-01T00:00:00.000Z' }]);
    expect(refund!.execution.staleScanShare).toBe(0.5);
  });
});
