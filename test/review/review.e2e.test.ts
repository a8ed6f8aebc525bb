/**
 * Issue 16, `tandem review`: a self-contained page per role showing what changed since that role's
 * last approval (read back from git), the slice hash and the exact approve command. e2e because
 * it runs git.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCourse } from '../../src/course/loadCourse.js';
import { unitSlices } from '../../src/release/index.js';
import { runTandem } from '../support/cli.js';
import { useTempDirs } from '../support/tempDirs.js';

const { tempDir, courseCopy } = useTempDirs('tandem-review-');

function repoWithSample(): { repo: string; course: string; first: string } {
  const repo = tempDir();
  const course = courseCopy(path.join(repo, 'courses', 'frontline'));
  const git = (...args: string[]) => execFileSync('git', ['-C', repo, ...args], { encoding: 'utf8' }).trim();
  git('init', '-q');
  git('add', '-A');
  git('-c', 'user.email=t@example.org', '-c', 'user.name=T', 'commit', '-qm', 'sample, approved');
  return { repo, course, first: git('rev-parse', 'HEAD') };
}

const page = (out: string, role: string) => readFileSync(path.join(out, `refund-approval.${role}.html`), 'utf8');
const changedParts = (html: string) => [...html.matchAll(/<h3>([^<]+) <span class="badge">changed<\/span><\/h3>/g)].map((m) => m[1]);

describe('tandem review', () => {
  it('shows each role what changed in its own slice since its approval, with the hash and the approve command', async () => {
    const { course } = repoWithSample();
    const jobAid = path.join(course, 'units/refund-approval/job-aid.md');
    writeFileSync(jobAid, readFileSync(jobAid, 'utf8').replace('Confirm the refund amount', 'Confirm the refund total'));
    const out = path.join(tempDir(), 'review');
    const run = await runTandem(['review', course, 'refund-approval', '--out', out]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/refund-approval\.sme\.html {2}sme: approval stale \(compared with Priya Nair's approval of 2026-11-20 \(commit [0-9a-f]{12}\)\)/);
    expect(run.stdout).toContain('refund-approval.ld_lead.html  ld_lead: approved, unchanged');

    const sme = page(out, 'sme');
    expect(changedParts(sme)).toEqual(['job-aid steps']);
    expect(sme).toContain('Confirm the refund <del>amount</del><ins>total</ins> and the order number');
    expect(sme).toContain('since then <strong>job-aid steps</strong> changed');
    expect(sme).toContain(`tandem approve ${course} refund-approval --role sme --by &quot;Priya Nair&quot;`);
    const { course: loaded } = await loadCourse(course);
    const slices = unitSlices(loaded!.units.find((u) => u.id === 'refund-approval')!);
    expect(sme).toContain(`Slice hash: <code>${slices.sme.hash}</code>`);
    expect(changedParts(page(out, 'ops_manager'))).toEqual(['job aid']);
    expect(changedParts(page(out, 'ld_lead'))).toEqual([]);
    expect(changedParts(page(out, 'analyst'))).toEqual([]);

    // One file, nothing fetched: no script, no remote address, the lesson's image inlined.
    expect(sme).not.toMatch(/<script|<link|src="(?!data:)/);
    expect(sme).toContain('src="data:image/svg+xml;base64,');
    expect(sme).toMatch(/^<!doctype html>\n<html lang="en">/);
  });

  it('--since compares every role with a git ref, or with the source commit of a release manifest', async () => {
    const { course, first } = repoWithSample();
    const unitFile = path.join(course, 'units/refund-approval/unit.yaml');
    writeFileSync(unitFile, readFileSync(unitFile, 'utf8').replace('under 2% of audited cases', 'under 1% of audited cases'));
    const manifest = path.join(tempDir(), 'manifest.json');
    writeFileSync(manifest, JSON.stringify({ units: [], sourceCommit: first }));
    for (const since of ['HEAD', manifest]) {
      const out = path.join(tempDir(), 'review');
      expect((await runTandem(['review', course, 'refund-approval', '--since', since, '--out', out])).code).toBe(0);
      const analyst = page(out, 'analyst');
      expect(changedParts(analyst)).toEqual(['target']);
      expect(analyst).toContain('under <del>2</del><ins>1</ins>% of audited cases');
      expect(changedParts(page(out, 'sme'))).toEqual([]);
    }
    const bad = await runTandem(['review', course, 'refund-approval', '--since', 'no-such-ref', '--out', tempDir()]);
    expect([bad.code, bad.stderr]).toEqual([2, expect.stringContaining('"no-such-ref" is not a commit')]);
  });

  it('outside git the page says there is nothing to compare with, and still shows the content and the command', async () => {
    const course = courseCopy();
    const out = path.join(tempDir(), 'review');
    expect((await runTandem(['review', course, 'refund-approval', '--out', out])).code).toBe(0);
    const html = page(out, 'ops_manager');
    expect(html).toContain('Nothing to compare with: the approval of 2026-11-20 is not committed in git');
    expect(html).toContain('Job aid: Escalation');
    expect(html).toContain('--role ops_manager --by &quot;Marco Reyes&quot;');
    expect((await runTandem(['review', course, 'no-unit', '--out', out])).code).toBe(2);
  });
});
