/**
 * End to end: the sample course (plus a unit with long steps) printed by the real Chromium, one
 * browser for the whole file, every PDF read back with pdf.js, its QR code rasterized with
 * poppler and decoded with jsQR.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findBrowser } from '../../src/browserPool/findBrowser.js';
import { launchBrowser } from '../../src/browserPool/launchBrowser.js';
import { PagePool } from '../../src/browserPool/pagePool.js';
import { build, type BuildResult } from '../../src/compile/build.js';
import type { Unit } from '../../src/course/model/unit.js';
import { MemorySink } from '../../src/compile/sink/memorySink.js';
import { addLongChecklistUnit, compact, decodeQr, plainText, readPdf, sampleCopy, type ReadPdf } from './support.js';

const PAPERS = ['a4', 'letter', 'pocket'] as const;
/** In PDF points; A6 is 105 × 148 mm. Chrome rounds page sizes to whole CSS pixels (±1 pt). */
const SIZES = { a4: [595.3, 841.9], letter: [612, 792], pocket: [297.6, 419.5] } as const;

let browser: Browser;
let pool: PagePool;
const courses: { dir: string; remove: () => void }[] = [];
let result: BuildResult;
let sink: MemorySink;
const pdfs = new Map<string, ReadPdf>();
/** The same course printed with a theme that lets steps break across pages: the split check's control. */
let control: { result: BuildResult; pdfs: Map<string, ReadPdf> };
let buildMs = 0;

async function printCourse(dir: string): Promise<{ result: BuildResult; sink: MemorySink; pdfs: Map<string, ReadPdf> }> {
  const sink = new MemorySink();
  const result = await build({ courseDir: dir, targets: ['job-aid-pdf'], sink, browser: { pool }, manifest: false });
  const pdfs = new Map<string, ReadPdf>();
  for (const [name, bytes] of sink.files) pdfs.set(name, await readPdf(bytes));
  return { result, sink, pdfs };
}

beforeAll(async () => {
  const found = findBrowser({ env: process.env });
  if (!found.found) throw new Error(`These tests need Chrome or Chromium; looked in ${found.tried.join(', ')}`);
  browser = await launchBrowser(found.path);
  pool = new PagePool(browser, 2);

  const course = sampleCopy();
  courses.push(course);
  addLongChecklistUnit(course.dir);
  const started = performance.now();
  const printed = await printCourse(course.dir);
  buildMs = performance.now() - started;
  ({ result, sink } = printed);
  for (const [name, pdf] of printed.pdfs) pdfs.set(name, pdf);

  const loose = sampleCopy();
  courses.push(loose);
  addLongChecklistUnit(loose.dir);
  mkdirSync(path.join(loose.dir, 'themes', 'default'), { recursive: true });
  const css = readFileSync('themes/default/job-aid.css', 'utf8');
  // Chrome does not break inside a grid row, so the control also lays steps out as blocks.
  writeFileSync(path.join(loose.dir, 'themes', 'default', 'job-aid.css'), `${css}\n@media print { .step, li { break-inside: auto !important; } p { orphans: 1; widows: 1; } .step { display: block !important; } }\n`);
  control = await printCourse(loose.dir);
}, 120_000);
afterAll(async () => {
  await pool?.close();
  courses.forEach((c) => c.remove());
});

const units = (): Unit[] => result.course!.units;
const stepsOf = (unit: Unit) => unit.jobAid!.steps!.items.map((s) => compact(plainText(s.markdown)));

describe('job-aid-pdf on the sample course', () => {
  it('prints one PDF per unit and paper size, without errors, in seconds', () => {
    // Only the long checklist (ten five-line steps) cannot fit: it says so, for each paper.
    expect(result.diagnostics.filter((d) => d.severity !== 'info').map((d) => `${d.code} ${d.unitId}`)).toEqual(PAPERS.map(() => 'JOB_AID_TOO_LONG long-checklist'));
    const expected = units().flatMap((u) => PAPERS.map((p) => `job-aids/${u.id}-${p}.pdf`));
    expect([...sink.files.keys()].sort()).toEqual(expected.sort());
    expect(expected).toHaveLength(15);
    console.info(`job-aid-pdf: ${expected.length} PDFs in ${Math.round(buildMs)} ms with a pool of 2 pages`);
  });

  it('has the page size of its paper', () => {
    for (const unit of units()) {
      for (const paper of PAPERS) {
        const pdf = pdfs.get(`job-aids/${unit.id}-${paper}.pdf`)!;
        for (const page of pdf.pages) {
          expect(page.width, `${unit.id} ${paper}`).toBeCloseTo(SIZES[paper][0], -0.5);
          expect(page.height, `${unit.id} ${paper}`).toBeCloseTo(SIZES[paper][1], -0.5);
        }
      }
    }
  });

  it('holds the objective ID, the title, every step and the risk', () => {
    for (const unit of units()) {
      for (const paper of PAPERS) {
        const all = pdfs.get(`job-aids/${unit.id}-${paper}.pdf`)!.pages.map((p) => p.compact).join('');
        expect(all).toContain(unit.contract.objective.id);
        expect(all).toContain(compact(unit.jobAid!.title!));
        expect(all).toContain(compact(unit.contract.risk.statement));
        for (const step of stepsOf(unit)) expect(all, `${unit.id} ${paper}`).toContain(step);
      }
    }
  });

  it('puts objective ID, version and "Page x of y" in the footer of every page', () => {
    for (const unit of units()) {
      for (const paper of PAPERS) {
        const { pages } = pdfs.get(`job-aids/${unit.id}-${paper}.pdf`)!;
        pages.forEach((page, i) => {
          expect(page.compact).toContain(compact(`${unit.contract.objective.id} · v${unit.contract.version}`));
          expect(page.compact).toContain(compact(`Page ${i + 1} of ${pages.length}`));
        });
      }
    }
  });

  /** For each step, the page holding all of its text, or -1 when no page does (the step is split). */
  const stepPages = (unit: Unit, printed: Map<string, ReadPdf>, paper: string) =>
    stepsOf(unit).map((step) => printed.get(`job-aids/${unit.id}-${paper}.pdf`)!.pages.findIndex((p) => p.compact.includes(step)));

  it('never splits a step across two pages', () => {
    let listsOverPageBreaks = 0;
    for (const unit of units()) {
      for (const paper of PAPERS) {
        const pages = stepPages(unit, pdfs, paper);
        expect(pages.every((p) => p >= 0), `${unit.id} ${paper}: ${JSON.stringify(pages)}`).toBe(true);
        expect([...pages].sort((a, b) => a - b)).toEqual(pages);
        if (new Set(pages).size > 1) listsOverPageBreaks++;
      }
    }
    // Meaningful only if step lists do run over page breaks (the long checklist's, on every paper:
    // the sample's own fit their page), and if the check sees a split when the theme allows one
    // (the control build).
    expect(listsOverPageBreaks).toBeGreaterThanOrEqual(PAPERS.length);
    const longChecklist = control.result.course!.units.find((u) => u.id === 'long-checklist')!;
    const splitInControl = PAPERS.flatMap((paper) => stepPages(longChecklist, control.pdfs, paper)).filter((p) => p < 0);
    expect(splitInControl.length).toBeGreaterThan(0);
  });

  it('carries Title, Subject = objective ID, Keywords with unit id and version, and Tandem as Creator and Producer', () => {
    for (const unit of units()) {
      for (const paper of PAPERS) {
        const { info, xmp } = pdfs.get(`job-aids/${unit.id}-${paper}.pdf`)!;
        expect(info.Title).toBe(unit.jobAid!.title);
        expect(info.Subject).toBe(unit.contract.objective.id);
        expect(String(info.Keywords).split(' ')).toEqual(expect.arrayContaining([`unit:${unit.id}`, `version:${unit.contract.version}`, `objective:${unit.contract.objective.id}`]));
        expect(info.Creator).toMatch(/^Tandem \d+\.\d+\.\d+/);
        expect(info.Producer).toMatch(/^Tandem \d+\.\d+\.\d+/);
        expect(info.CreationDate).toBe('D:19800101000000Z');
        expect(xmp?.get('dc:title')).toBe(unit.jobAid!.title);
      }
    }
  });

  it('is tagged and has an outline of its headings, titled as written', () => {
    for (const unit of units()) {
      const aid = unit.jobAid!;
      const headings = [aid.title, aid.context?.heading, aid.steps?.heading, aid.decisionTable?.heading, aid.watchOuts?.heading, aid.escalation?.heading];
      for (const paper of PAPERS) {
        const pdf = pdfs.get(`job-aids/${unit.id}-${paper}.pdf`)!;
        expect(pdf.marked, `${unit.id} ${paper}`).toBe(true);
        // Chrome's own titles drop the space where a heading wraps and can repeat a heading moved to the next page.
        expect(pdf.outline, `${unit.id} ${paper}`).toEqual(headings);
      }
    }
  });

  it('prints a QR code that decodes to the online copy, with objective ID, version and the channel tag src=qr in the address', () => {
    for (const unit of units()) {
      const expected = `https://aids.acme.example/frontline/${unit.id}.html?o=${unit.contract.objective.id}&v=${unit.contract.version}&src=qr`;
      for (const paper of PAPERS) {
        const { pages } = pdfs.get(`job-aids/${unit.id}-${paper}.pdf`)!;
        // A4 and Letter: in the header of the page; the pocket card: on its back, beside the last section.
        const pocket = paper === 'pocket';
        const where = pocket ? { page: pages.length, top: 0, height: 1 } : { page: 1, top: 0, height: 0.35 };
        // About 4 pixels per module: the pocket card's code is smaller, so it is rendered finer.
        const dpi = pocket ? 300 : 150;
        expect(decodeQr(sink.files.get(`job-aids/${unit.id}-${paper}.pdf`)!, pages[0]!, dpi, where), `${unit.id} ${paper}`).toBe(expected);
        // And the page's address beside it, short enough to type.
        expect(pages[where.page - 1]!.compact).toContain(compact(expected.replace('https://', '').replace(/\?.*$/, '')));
      }
    }
  });
});
