/**
 * `scorm12.report_xapi` at build time: off (absent or false) the SCORM packages are byte for byte
 * the plain ones; on, only the player script and the lesson pages change, and the pages carry the
 * xapi target's statement plan and the relay, nothing secret. The setting is checked like every
 * config field, with positions.
 */
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import AdmZip from 'adm-zip';
import { describe, expect, it } from 'vitest';
import { build } from '../../src/compile/build.js';
import { MemorySink } from '../../src/compile/sink/memorySink.js';
import { loadConfig } from '../../src/course/config/loadConfig.js';
import { PLAN_ELEMENT_ID } from '../../src/runtime/contract/pageElements.js';
import { SCORM_XAPI_ELEMENT_ID } from '../../src/runtime/contract/scormXapi.js';
import { useTempDirs } from '../support/tempDirs.js';
import { buildScorm12, SAMPLE_COURSE } from './support/samplePackages.js';

const { courseCopy } = useTempDirs('tandem-scorm-xapi-');
const EPOCH = 1_700_000_000;
const RELAY = 'https://learn.acme.example/statements';

function withConfig(yaml: string): string {
  const dir = courseCopy();
  appendFileSync(path.join(dir, 'tandem.config.yaml'), yaml);
  return dir;
}

const ON = `job_aids:\n  relay_url: ${RELAY}\nscorm12:\n  report_xapi: true\nserve:\n  lesson_origins: [https://lms.acme.example]\n`;

function entries(zip: Uint8Array): Map<string, Buffer> {
  return new Map(new AdmZip(Buffer.from(zip)).getEntries().map((e) => [e.entryName, e.getData()]));
}

function dataBlock(html: string, id: string): any {
  const match = new RegExp(`<script type="application/json" id="${id}">([\\s\\S]*?)</script>`).exec(html);
  return match ? JSON.parse(match[1]!) : undefined;
}

describe('scorm12.report_xapi in the package', () => {
  it('off, absent or false, leaves every SCORM package byte-identical to a build without the setting', async () => {
    const plain = await buildScorm12(SAMPLE_COURSE, EPOCH);
    const off = await buildScorm12(withConfig('scorm12:\n  report_xapi: false\n'), EPOCH);
    // With a relay configured too: only report_xapi turns anything on.
    const relayOnly = await buildScorm12(withConfig(`job_aids:\n  relay_url: ${RELAY}\n`), EPOCH);
    expect(off.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(plain.zips.size).toBeGreaterThan(4);
    for (const built of [off, relayOnly]) {
      // Jobs finish in any order under load: compare the sets of files, then each file.
      expect([...built.zips.keys()].sort()).toEqual([...plain.zips.keys()].sort());
      for (const [file, bytes] of plain.zips) expect(Buffer.compare(Buffer.from(built.zips.get(file)!), Buffer.from(bytes)), file).toBe(0);
    }
  });

  it('on, changes only the player script and the lesson pages, which carry the xapi target\'s plan and the relay, and no secret', async () => {
    const plain = await buildScorm12(SAMPLE_COURSE, EPOCH);
    const dir = withConfig(ON);
    const sink = new MemorySink();
    const result = await build({ courseDir: dir, targets: ['scorm12', 'xapi'], sink, sourceDateEpoch: EPOCH });
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const on = entries(sink.files.get('scorm12/refund-approval.zip')!);
    const before = entries(plain.zips.get('scorm12/refund-approval.zip')!);
    expect([...on.keys()].sort()).toEqual([...before.keys()].sort());
    const changed = [...on.keys()].filter((name) => Buffer.compare(on.get(name)!, before.get(name)!) !== 0).sort();
    expect(changed).toEqual(['player/scorm12.js', 'units/refund-approval/index.html']);
    expect(on.get('player/scorm12.js')!.equals(readFileSync('dist/bundles/scorm12-xapi.js'))).toBe(true);

    const page = on.get('units/refund-approval/index.html')!.toString('utf8');
    // The page is the plain one plus two data blocks: nothing the learner sees changes.
    const blocks = /<script type="application\/json" id="tandem-xapi">[\s\S]*?<\/script>\n<script type="application\/json" id="tandem-scorm-xapi">[\s\S]*?<\/script>\n/.exec(page)!;
    expect(page.replace(blocks[0], '')).toBe(before.get('units/refund-approval/index.html')!.toString('utf8'));
    expect(dataBlock(page, SCORM_XAPI_ELEMENT_ID)).toEqual({ format: 1, relayUrl: RELAY, learnerHomePage: 'https://learn.acme.example/xapi/courses/acme-frontline/lms-learners' });

    // The same statements as the xapi target: same lesson, objective, verbs, questions, screens, grouping.
    const tincanPage = entries(sink.files.get('xapi/refund-approval.zip')!).get('units/refund-approval/index.html')!.toString('utf8');
    const scormPlan = dataBlock(page, PLAN_ELEMENT_ID);
    const tincanPlan = dataBlock(tincanPage, PLAN_ELEMENT_ID);
    for (const key of ['lesson', 'objective', 'verbs', 'questions', 'screens', 'grouping', 'language', 'revision']) expect(scormPlan[key], key).toEqual(tincanPlan[key]);
    expect(scormPlan.objective.id).toBe('https://learn.acme.example/xapi/objectives/OBJ-SUP-REFUND-500');

    // No credential of any kind in what the package carries for the relay.
    for (const [name, bytes] of on) {
      if (!name.endsWith('.html') && !name.endsWith('.xml')) continue;
      expect(bytes.toString('utf8'), name).not.toMatch(/Authorization|Basic [A-Za-z0-9+/=]{8,}|TANDEM_|secret/i);
    }
  });

  it('a path package reports each unit with the path in its grouping', async () => {
    const sink = new MemorySink();
    await build({ courseDir: withConfig(ON), targets: ['scorm12'], sink, sourceDateEpoch: EPOCH });
    const zip = entries(sink.files.get('scorm12/path-support-onboarding.zip')!);
    const pages = [...zip.keys()].filter((n) => n.endsWith('/index.html'));
    expect(pages.length).toBeGreaterThan(1);
    for (const name of pages) {
      const plan = dataBlock(zip.get(name)!.toString('utf8'), PLAN_ELEMENT_ID);
      expect(plan.grouping.map((a: { id: string }) => a.id)).toContain('https://learn.acme.example/xapi/paths/support-onboarding');
    }
  });
});

describe('scorm12.report_xapi in tandem.config.yaml', () => {
  it('needs job_aids.relay_url, and warns without lesson origins, pointing at the setting', async () => {
    const dir = courseCopy();
    const file = path.join(dir, 'tandem.config.yaml');
    const text = readFileSync(file, 'utf8');
    writeFileSync(file, `${text}scorm12:\n  report_xapi: true\n`);
    const line = text.split('\n').length + 1;
    const { diagnostics } = await loadConfig(dir);
    expect(diagnostics.map((d) => [d.code, d.severity, d.line, d.column])).toEqual([
      ['SCORM_XAPI_RELAY_MISSING', 'error', line, 16],
      ['SCORM_XAPI_NO_LESSON_ORIGINS', 'warning', line, 16],
    ]);
  });

  it('refuses a value that is not true or false, at its position', async () => {
    const dir = withConfig('scorm12:\n  report_xapi: yes please\n');
    const { diagnostics, config } = await loadConfig(dir);
    expect(config).toBeUndefined();
    expect(diagnostics.find((d) => d.message.includes('report_xapi'))).toMatchObject({ severity: 'error', column: 16 });
  });

  it('is quiet when on with a relay and lesson origins', async () => {
    const { diagnostics, config } = await loadConfig(withConfig(ON));
    expect(diagnostics).toEqual([]);
    expect(config?.scorm12).toEqual({ reportXapi: true });
  });
});
