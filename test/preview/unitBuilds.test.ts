/**
 * The preview's builds: one unit rebuilt in memory with the compiler's build(), the last good
 * build kept when a save breaks it, and a failure outside the course shown in the page rather
 * than stopping the server.
 */
import { describe, expect, it } from 'vitest';
import type { build } from '../../src/compile/index.js';
import { UnitBuilds, type BuildEvent } from '../../src/preview/unitBuilds.js';
import { useTempDirs } from '../support/tempDirs.js';

const { courseCopy } = useTempDirs('tandem-preview-builds-');

describe('UnitBuilds', () => {
  it('builds only the unit asked for, for the adapter asked for', async () => {
    const events: BuildEvent[] = [];
    const calls: Parameters<typeof build>[0][] = [];
    const { build: realBuild } = await import('../../src/compile/index.js');
    const builds = new UnitBuilds(courseCopy(), (e) => events.push(e), (options) => (calls.push(options), realBuild(options)));
    await builds.loadSummary();
    const files = await builds.files('lockout-tagout', 'scorm12');
    expect([...files!.keys()]).toEqual(expect.arrayContaining(['imsmanifest.xml', 'units/lockout-tagout/index.html']));
    expect(calls.map((c) => [c.units, c.targets, c.manifest])).toEqual([[['lockout-tagout'], ['scorm12'], false]]);
    expect(events.map((e) => [e.unitId, e.status])).toEqual([
      ['lockout-tagout', 'building'],
      ['lockout-tagout', 'done'],
    ]);
  });

  it('shows a build that throws as PREVIEW_BUILD_FAILED in the page, and keeps serving', async () => {
    const events: BuildEvent[] = [];
    const builds = new UnitBuilds(courseCopy(), (e) => events.push(e), async () => {
      throw new Error('The lesson player script dist/bundles/scorm12.js is missing');
    });
    await builds.loadSummary();
    expect(await builds.files('refund-approval', 'scorm12')).toBeUndefined();
    const last = events.at(-1)!;
    expect(last).toMatchObject({ unitId: 'refund-approval', status: 'error', generation: 1 });
    expect(last.diagnostics.map((d) => d.code)).toEqual(['PREVIEW_BUILD_FAILED']);
    expect(last.diagnostics[0]!.text).toContain('dist/bundles/scorm12.js is missing');
  });

  it('says PREVIEW_UNIT_NOT_FOUND for a unit the course does not have', async () => {
    const events: BuildEvent[] = [];
    const builds = new UnitBuilds(courseCopy(), (e) => events.push(e));
    await builds.loadSummary();
    await builds.files('no-such-unit', 'scorm12');
    const errors = events.at(-1)!.diagnostics.filter((d) => d.severity === 'error');
    expect(errors.map((d) => d.code)).toEqual(['PREVIEW_UNIT_NOT_FOUND']);
    expect(errors[0]!.text).toContain('refund-approval');
  });
});

describe('UnitBuilds, a save of a unit nobody opened', () => {
  it('builds nothing (build() without targets would build every target, PDFs too)', async () => {
    const calls: unknown[] = [];
    const builds = new UnitBuilds(courseCopy(), () => {}, async () => {
      calls.push(1);
      throw new Error('not expected');
    });
    await builds.loadSummary();
    await builds.rebuild(['discount-approval']);
    expect(calls).toEqual([]);
    expect(builds.openedUnits()).toEqual([]);
  });
});
