/**
 * The built xapi and cmi5 packages of the sample course, read back: cmi5.xml valid against the cmi5
 * CourseStructure.xsd (xmllint, with the schema from ../shared/standards where the checkout has it:
 * no npm package ships it, and it is not copied into this repository), AUs in path order with their
 * objectives declared once, masteryScore as 0–1; tincan.xml with one launchable activity; the shared
 * conformance checker on every zip; byte-identical rebuilds; no credential in any file.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import AdmZip from 'adm-zip';
import { XMLParser } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/compile/build.js';
import { MemorySink } from '../../src/compile/sink/memorySink.js';
import { CHECK_PACKAGE as CHECKER, CMI5_XSD as XSD, itWithSharedTools } from '../support/sharedTools.js';

const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@_', isArray: (name) => ['au', 'objective', 'activity', 'langstring'].includes(name) });
let zips: Map<string, Uint8Array>;
const temp = mkdtempSync(path.join(os.tmpdir(), 'tandem-xapi-pkg-'));

async function buildPackages(): Promise<Map<string, Uint8Array>> {
  const sink = new MemorySink();
  const result = await build({ courseDir: 'fixtures/sample-course', targets: ['xapi', 'cmi5'], sink, sourceDateEpoch: 1_700_000_000 });
  expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return new Map([...sink.files].filter(([p]) => p.endsWith('.zip')));
}

const entry = (zip: Uint8Array, name: string) => new AdmZip(Buffer.from(zip)).getEntry(name)?.getData().toString('utf8');

beforeAll(async () => {
  zips = await buildPackages();
});
afterAll(() => rmSync(temp, { recursive: true, force: true }));

describe('xapi and cmi5 packages of the sample course', () => {
  it('builds one Tin Can zip per unit and one cmi5 zip per unit and per path', () => {
    expect([...zips.keys()].sort()).toEqual([
      'cmi5/customer-data-handling.zip',
      'cmi5/discount-approval.zip',
      'cmi5/lockout-tagout.zip',
      'cmi5/path-floor-safety.zip',
      'cmi5/path-support-onboarding.zip',
      'cmi5/refund-approval.zip',
      'xapi/customer-data-handling.zip',
      'xapi/discount-approval.zip',
      'xapi/lockout-tagout.zip',
      'xapi/refund-approval.zip',
    ]);
  });

  itWithSharedTools('cmi5.xml validates against CourseStructure.xsd', [XSD], () => {
    for (const [name, zip] of zips) {
      if (!name.startsWith('cmi5/')) continue;
      const file = path.join(temp, `${path.basename(name, '.zip')}.cmi5.xml`);
      writeFileSync(file, entry(zip, 'cmi5.xml')!);
      const run = spawnSync('xmllint', ['--noout', '--nonet', '--schema', XSD, file], { encoding: 'utf8' });
      expect(run.stderr.trim(), name).toMatch(/validates$/);
    }
  });

  it('a path course has an AU per unit in path order, each objective declared once and referenced', () => {
    const doc = parser.parse(entry(zips.get('cmi5/path-support-onboarding.zip')!, 'cmi5.xml')!).courseStructure;
    expect(doc.course['@_id']).toBe('https://learn.acme.example/xapi/paths/support-onboarding');
    const units = ['refund-approval', 'customer-data-handling', 'discount-approval'];
    expect(doc.au.map((au: any) => au['@_id'])).toEqual(units.map((u) => `https://learn.acme.example/xapi/units/${u}/lesson`));
    expect(doc.au.map((au: any) => au.url)).toEqual(units.map((u) => `units/${u}/index.html`));
    const declared = doc.objectives.objective.map((o: any) => o['@_id']);
    expect(new Set(declared).size).toBe(declared.length);
    expect(doc.au.map((au: any) => au.objectives.objective[0]['@_idref'])).toEqual(declared);
    for (const au of doc.au) {
      expect(au['@_masteryScore']).toBe('0.8');
      expect(au['@_moveOn']).toBe('CompletedAndPassed');
    }
  });

  it('tincan.xml has one launchable activity, the lesson, and lists its questions with their interaction definitions', () => {
    const doc = parser.parse(entry(zips.get('xapi/refund-approval.zip')!, 'tincan.xml')!).tincan;
    const launchable = doc.activities.activity.filter((a: any) => a.launch);
    expect(launchable).toHaveLength(1);
    expect(launchable[0]['@_id']).toBe('https://learn.acme.example/xapi/units/refund-approval/lesson');
    expect(launchable[0].launch['#text']).toBe('units/refund-approval/index.html');
    const questions = doc.activities.activity.filter((a: any) => a['@_type'] === 'http://adlnet.gov/expapi/activities/cmi.interaction');
    expect(questions.length).toBeGreaterThan(2);
    expect(questions.every((q: any) => q.interactionType && q.correctResponsePatterns)).toBe(true);
    expect(doc.activities.activity.some((a: any) => a['@_id'] === 'https://learn.acme.example/xapi/objectives/OBJ-SUP-REFUND-500')).toBe(true);
  });

  itWithSharedTools('every package passes the shared conformance checker', [CHECKER], () => {
    const files = [...zips].map(([name, zip]) => {
      const file = path.join(temp, name.replace('/', '-'));
      writeFileSync(file, zip);
      return file;
    });
    const out = execFileSync(CHECKER, files, { encoding: 'utf8' });
    expect(out.split('\n').filter((l) => l.startsWith('ok ')).length).toBe(files.length);
  });

  it('rebuilds byte for byte, and holds no credential', async () => {
    const again = await buildPackages();
    for (const [name, zip] of zips) expect(Buffer.compare(Buffer.from(again.get(name)!), Buffer.from(zip)), name).toBe(0);
    for (const [name, zip] of zips) {
      for (const e of new AdmZip(Buffer.from(zip)).getEntries()) {
        const text = e.getData().toString('latin1');
        expect(text, `${name}:${e.entryName}`).not.toMatch(/Basic [A-Za-z0-9+/=]{12,}|auth-token["']?\s*:|password\s*[:=]/i);
      }
    }
  });

  it('puts the no-referrer policy before anything the page loads', () => {
    const html = entry(zips.get('xapi/refund-approval.zip')!, 'units/refund-approval/index.html')!;
    const policy = html.indexOf('<meta name="referrer" content="no-referrer">');
    expect(policy).toBeGreaterThan(0);
    expect(policy).toBeLessThan(html.indexOf('<link'));
    expect(policy).toBeLessThan(html.indexOf('<script'));
    expect(html).toContain('<script type="application/json" id="tandem-xapi">');
  });
});
