/**
 * Save → reload under load: many saves of a lesson, each one's text must reach the page the
 * preview serves (no change missed), file events or polling alike; and a burst of saves faster
 * than builds ends on the last one.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { resolvePreviewSettings, startPreview, type RunningPreview } from '../../src/preview/index.js';
import { readPreviewEvents, type EventReader } from '../support/previewEvents.js';
import { useTempDirs } from '../support/tempDirs.js';

const { courseCopy } = useTempDirs('tandem-preview-soak-');
const UNIT = 'refund-approval';
const HEADING = '## A $640 refund, on a busy Monday';
let running: RunningPreview | undefined;
let reader: EventReader | undefined;

afterEach(async () => {
  reader?.close();
  await running?.close();
  running = reader = undefined;
});

async function start(poll: boolean): Promise<{ dir: string; page: () => Promise<string> }> {
  const dir = courseCopy();
  const resolved = resolvePreviewSettings({ courseRoot: dir, port: 0, poll }, {});
  if (!resolved.ok) throw new Error('settings');
  running = await startPreview(resolved.settings, () => {});
  reader = await readPreviewEvents(running.url);
  const page = async () => (await fetch(`${running!.url}/play/${UNIT}/scorm12/units/${UNIT}/index.html`)).text();
  expect(await page()).toContain('A $640 refund, on a busy Monday');
  return { dir, page };
}

describe('save → reload soak', () => {
  it.each([
    ['file events', false],
    ['polling', true],
  ])('misses none of 15 saves (%s)', async (_name, poll) => {
    const { dir, page } = await start(poll);
    const file = path.join(dir, 'units', UNIT, 'lesson.md');
    const original = readFileSync(file, 'utf8');
    // The stream replays the unit's last build on connect; wait for builds after it.
    let generation = ((await (await fetch(`${running!.url}/_preview/state/${UNIT}`)).json()) as { generation: number }).generation;
    for (let i = 1; i <= 15; i++) {
      const done = reader!.next(UNIT, (e) => e.status === 'done' && e.generation > generation);
      writeFileSync(file, original.replace(HEADING, `## Save number ${i} of the soak`));
      generation = (await done).generation;
      // The build may have started before the write landed; the last build must hold save i.
      await running!.idle();
      expect(await page()).toContain(`Save number ${i} of the soak`);
    }
  }, 240_000);

  it('ends on the last of a burst of saves made faster than builds', async () => {
    const { dir, page } = await start(false);
    const file = path.join(dir, 'units', UNIT, 'lesson.md');
    const original = readFileSync(file, 'utf8');
    for (let i = 1; i <= 10; i++) writeFileSync(file, original.replace(HEADING, `## Burst save ${i}`));
    await reader!.next(UNIT, (e) => e.status === 'done' && e.generation > 1);
    await running!.idle();
    expect(await page()).toContain('Burst save 10');
  }, 120_000);
});
