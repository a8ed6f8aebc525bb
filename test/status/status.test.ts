/**
 * Issue 16, `tandem status`: every stage and due item derived from real state (check diagnostics,
 * approvals, the last release manifest, the last report), and the rollout week's needs.
 */
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { build, BuildCache, DiskSink } from '../../src/compile/index.js';
import { loadCourse } from '../../src/course/loadCourse.js';
import { statusBoard, type StatusBoard } from '../../src/status/index.js';
import { runTandem } from '../support/cli.js';
import { useTempDirs } from '../support/tempDirs.js';

const { courseCopy, tempDir } = useTempDirs('tandem-status-');
const TODAY = '2026-11-30';

async function board(dir: string, options: { release?: string; report?: string } = {}): Promise<StatusBoard> {
  const result = await statusBoard(dir, { today: TODAY, ...options });
  if (!result.ok) throw new Error(JSON.stringify(result.diagnostics));
  return result.board;
}
const unit = (b: StatusBoard, id: string) => b.units.find((u) => u.unitId === id)!;
const edit = (file: string, from: string, to: string) => writeFileSync(file, readFileSync(file, 'utf8').replace(from, to));

/** A release manifest of the course as it is now (what `tandem build --release` records per unit). */
async function releaseOf(dir: string): Promise<string> {
  const { course } = await loadCourse(dir);
  const file = path.join(tempDir(), 'manifest.json');
  writeFileSync(file, JSON.stringify({ units: course!.units.map((u) => ({ id: u.id, version: u.contract.version, contentHash: u.contentHash })) }));
  return file;
}
function reportOf(day: string, objectives: { unitId: string; completed: number; flags?: object[] }[]): string {
  const file = path.join(tempDir(), 'report.json');
  writeFileSync(file, JSON.stringify({ generatedAt: `${day}T08:00:00.000Z`, objectives: objectives.map((o) => ({ unitId: o.unitId, learning: { completed: o.completed }, flags: o.flags ?? [] })) }));
  return file;
}

describe('tandem status with the last build in the release folder', () => {
  it('takes unchanged units from that build’s cache, read only, and still sees a unit edited since', async () => {
    const dir = courseCopy();
    const out = path.join(dir, 'dist-course');
    const cacheDir = path.join(out, '.tandem-cache');
    const built = await build({ courseDir: dir, targets: ['cards'], sink: new DiskSink(out), cache: new BuildCache(cacheDir, out) });
    expect(built.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const index = readFileSync(path.join(cacheDir, 'index.json'), 'utf8');

    const hits = vi.spyOn(BuildCache.prototype, 'unit');
    const fromCache = await board(dir);
    const served = hits.mock.results.filter((r) => r.value !== undefined).length;
    hits.mockRestore();
    expect(served).toBe(fromCache.units.length);
    // The same board as a status that parses every unit (no build in the release folder).
    renameSync(cacheDir, `${cacheDir}.away`);
    const parsed = await board(dir);
    renameSync(`${cacheDir}.away`, cacheDir);
    expect(fromCache).toEqual(parsed);

    // Edited after the build: that unit misses the cache and its approvals go stale; the cache is not written.
    edit(path.join(dir, 'units/refund-approval/job-aid.md'), 'Confirm the refund amount', 'Confirm the refund total');
    const edited = await board(dir);
    // The build in dist-course is also the last release: its content changed without a new version.
    expect(unit(edited, 'refund-approval').due.map((d) => `${d.code} ${d.owner}`)).toEqual(['APPROVAL_STALE sme', 'APPROVAL_STALE ops_manager', 'VERSION_NOT_BUMPED ld_lead']);
    expect(unit(parsed, 'refund-approval').due).toEqual([]);
    expect(readFileSync(path.join(cacheDir, 'index.json'), 'utf8')).toBe(index);
  });
});

describe('tandem status --cache-dir', () => {
  it('reads the cache a build kept elsewhere (tandem build --cache-dir), and says when the folder holds none', async () => {
    const dir = courseCopy();
    const out = path.join(dir, 'dist-course');
    const cacheDir = path.join(tempDir(), 'ci-cache');
    const built = await runTandem(['build', dir, '--target', 'cards', '--out', out, '--cache-dir', cacheDir]);
    expect(built.code).toBe(0);
    expect(existsSync(path.join(out, '.tandem-cache'))).toBe(false);

    const hits = vi.spyOn(BuildCache.prototype, 'unit');
    const served = async (options: { cacheDir?: string }) => {
      hits.mockClear();
      const result = await statusBoard(dir, { today: TODAY, ...options });
      if (!result.ok) throw new Error(JSON.stringify(result.diagnostics));
      return { board: result.board, hits: hits.mock.results.filter((r) => r.value !== undefined).length };
    };
    const withCache = await served({ cacheDir });
    const without = await served({});
    hits.mockRestore();
    expect(withCache.hits).toBe(withCache.board.units.length);
    expect(without.hits).toBe(0);
    expect(withCache.board.units).toEqual(without.board.units);
    expect(withCache.board.inputs.problems).toEqual([]);

    const empty = tempDir();
    const run = await runTandem(['status', dir, '--format', 'json', '--today', TODAY, '--cache-dir', empty]);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout).inputs.problems).toEqual([`${empty}: no build cache there (no index.json); every unit was read from the course`]);
  });
});

describe('tandem status stages', () => {
  it('the sample: every unit approved, waiting for release; requests without a unit are listed as requested', async () => {
    const run = await runTandem(['status', 'fixtures/sample-course', '--format', 'json', '--today', TODAY]);
    expect(run.code).toBe(0);
    const json = JSON.parse(run.stdout);
    expect(json.units.map((u: { unitId: string; stage: string; due: unknown[] }) => [u.unitId, u.stage, u.due.length])).toEqual([
      ['customer-data-handling', 'approved', 0],
      ['discount-approval', 'approved', 0],
      ['lockout-tagout', 'approved', 0],
      ['refund-approval', 'approved', 0],
    ]);
    expect(json.units[3]).toMatchObject({ requestId: 'REQ-001', nextOwner: { role: 'ld_lead', name: 'Dana Whitfield' } });
    expect(json.requests.map((r: { requestId: string; rank: number; stage: string }) => `${r.rank} ${r.requestId} ${r.stage}`)).toEqual(['4 REQ-005 requested', '6 REQ-006 requested']);
  });

  it('defined while placeholders are left; produced while approvals are missing or stale, owned by the first role to sign', async () => {
    const dir = courseCopy();
    edit(path.join(dir, 'units/refund-approval/job-aid.md'), 'Confirm the refund amount', 'Confirm the refund total');
    edit(path.join(dir, 'units/lockout-tagout/lesson.md'), '## ', '## Replace with a better title\n\n## ');
    const b = await board(dir);
    expect(unit(b, 'lockout-tagout').stage).toBe('defined');
    const refund = unit(b, 'refund-approval');
    expect(refund).toMatchObject({ stage: 'produced', nextOwner: { role: 'sme', name: 'Priya Nair' } });
    expect(refund.due.map((d) => `${d.code} ${d.owner}`)).toEqual(['APPROVAL_STALE sme', 'APPROVAL_STALE ops_manager']);
    expect(refund.due[0]!.message).toContain('job-aid steps changed since');
  });

  it('released, then reviewed with a fresh report, then reinforced with an overdue review; report flags are due', async () => {
    const dir = courseCopy();
    const release = await releaseOf(dir);
    expect(unit(await board(dir, { release }), 'refund-approval')).toMatchObject({ stage: 'released', nextOwner: { role: 'analyst', name: 'Tom Becker' } });
    const flag = { code: 'LOW_COMPLETION', severity: 'warning', message: 'Only 40% of learners who launch the lesson complete it.', hint: '' };
    const fresh = reportOf('2026-11-25', [{ unitId: 'refund-approval', completed: 30, flags: [flag, { code: 'INSUFFICIENT_DATA', severity: 'info', message: 'x', hint: '' }] }]);
    const reviewed = unit(await board(dir, { release, report: fresh }), 'refund-approval');
    expect(reviewed.stage).toBe('reviewed');
    expect(reviewed.next).toBe('next biweekly review by 2026-12-09');
    expect(reviewed.due.map((d) => `${d.code} ${d.owner}`)).toEqual(['LOW_COMPLETION ld_lead']);
    const old = reportOf('2026-11-10', [{ unitId: 'refund-approval', completed: 30 }]);
    const overdue = unit(await board(dir, { release, report: old }), 'refund-approval');
    expect(overdue.stage).toBe('reinforced');
    expect(overdue.due.map((d) => `${d.code}: ${d.message}`)).toEqual(['REVIEW_OVERDUE: The last report covering refund-approval is 20 days old: its biweekly review is overdue (every 14 days).']);
  });

  it('VERSION_NOT_BUMPED when the released version’s content changed; JOB_AID_REVIEW_DUE past review_by', async () => {
    const dir = courseCopy();
    const release = await releaseOf(dir);
    edit(path.join(dir, 'units/discount-approval/unit.yaml'), 'ticket: REQ-004', 'ticket: REQ-004 # from the pricing review');
    edit(path.join(dir, 'units/discount-approval/lesson.md'), '---\n\n', '---\n\n<!-- reviewed -->\n\n');
    edit(path.join(dir, 'units/refund-approval/job-aid.md'), 'objective: OBJ-SUP-REFUND-500\n', 'objective: OBJ-SUP-REFUND-500\nreview_by: 2026-11-15\n');
    const b = await board(dir, { release });
    expect(unit(b, 'discount-approval').due.map((d) => d.code)).toEqual(['VERSION_NOT_BUMPED']);
    expect(unit(b, 'discount-approval').stage).toBe('approved');
    // review_by is not in any slice: moving it on stales no approval.
    // Adding the field changed the job aid's file since the release, so its version is due a bump too.
    expect(unit(b, 'refund-approval').due.map((d) => `${d.code} ${d.owner}: ${d.message}`)).toEqual([
      "VERSION_NOT_BUMPED ld_lead: The unit's content changed since the previous release, but its version is still 1.2.0 (was 1.2.0).",
      'JOB_AID_REVIEW_DUE ops_manager: The job aid of refund-approval was due for review on 2026-11-15.',
    ]);
    edit(path.join(dir, 'units/refund-approval/job-aid.md'), 'review_by: 2026-11-15', 'review_by: 2026-11-31');
    const { diagnostics } = await loadCourse(dir);
    expect(diagnostics.map((d) => `${d.code} ${path.basename(d.file!)}:${d.line}:${d.column}`)).toEqual(['JOB_AID_REVIEW_BY_INVALID job-aid.md:3:12']);
  });
});

describe('tandem status rollout', () => {
  it('shows the week of the 30-day plan and what it needs, from real state', async () => {
    const dir = courseCopy();
    const config = path.join(dir, 'tandem.config.yaml');
    writeFileSync(config, readFileSync(config, 'utf8') + 'rollout:\n  pilot_team: Support North\n  start_date: 2026-11-16\n');
    const week3 = (await board(dir)).rollout!;
    expect(week3).toMatchObject({ pilotTeam: 'Support North', week: 3, goal: 'a report run and its flags addressed' });
    expect(week3.needs.map((n) => `${n.week} ${n.done ? 'x' : ' '} ${n.text}`)).toEqual([
      '2   release lockout-tagout (now approved: release it: `tandem build --release`, then publish)',
      '2   release customer-data-handling (now approved: release it: `tandem build --release`, then publish)',
      '2   first completions by Support North (none in the last report yet)',
      '3   run tandem report on the pilot’s statements',
      '3   no report flag open',
    ]);
    const release = await releaseOf(dir);
    const report = reportOf('2026-11-28', [{ unitId: 'lockout-tagout', completed: 12 }]);
    writeFileSync(config, readFileSync(config, 'utf8') + '  second_team: Support South\n');
    const later = (await statusBoard(dir, { today: '2026-12-08', release, report }));
    expect(later.ok && later.board.rollout!.needs.map((n) => `${n.week} ${n.done ? 'x' : ' '} ${n.text}`)).toEqual([
      '4   standardize the template: a course theme of its own (theme: in tandem.config.yaml)',
      '4 x second team: Support South',
    ]);
  });

  it('--format html is one accessible, self-contained page; bad options exit 2', async () => {
    const run = await runTandem(['status', 'fixtures/sample-course', '--format', 'html', '--today', TODAY]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^<!doctype html>\n<html lang="en">/);
    expect(run.stdout).toContain('<caption>');
    expect(run.stdout).toContain('<th scope="row">refund-approval<br>');
    expect(run.stdout).not.toMatch(/<script|<link|https?:\/\//);
    expect((await runTandem(['status', 'fixtures/sample-course', '--format', 'xml'])).code).toBe(2);
    expect((await runTandem(['status', 'fixtures/sample-course', '--today', '2026-02-30'])).code).toBe(2);
    expect((await runTandem(['status', tempDir()])).code).toBe(2);
  });
});
