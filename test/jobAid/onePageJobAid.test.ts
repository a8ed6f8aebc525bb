/**
 * One-page job aids, printed by the real Chromium and read back with pdf.js: every sample job aid
 * and the 12-step, 6-row stress unit print on one A4 page, one Letter page and one two-sided
 * pocket card (front: when to use and the checklist; back: decision table, watch-outs,
 * escalation, QR code), with body text never under 9 pt on A4/Letter; a job aid that cannot fit
 * is printed anyway (over more pages, nothing cut) with JOB_AID_TOO_LONG saying what to cut.
 */
import type { Browser } from 'puppeteer-core';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PagePool } from '../../src/browserPool/pagePool.js';
import { build, type BuildResult } from '../../src/compile/build.js';
import { MemorySink } from '../../src/compile/sink/memorySink.js';
import type { Unit } from '../../src/course/model/unit.js';
import { launchTestBrowser } from '../support/testBrowser.js';
import { addJobAidUnit, compact, plainText, readPdf, sampleCopy, type ReadPdf } from './support.js';

const PAPERS = ['a4', 'letter', 'pocket'] as const;
const SAMPLE_UNITS = ['customer-data-handling', 'discount-approval', 'lockout-tagout', 'refund-approval'];

let browser: Browser;
let pool: PagePool;
let course: { dir: string; remove: () => void };
let result: BuildResult;
let sink: MemorySink;
const pdfs = new Map<string, ReadPdf>();

beforeAll(async () => {
  browser = await launchTestBrowser();
  pool = new PagePool(browser, 2);
  course = sampleCopy();
  addJobAidUnit(course.dir, 'stress-12-6');
  addJobAidUnit(course.dir, 'too-long');
  sink = new MemorySink();
  result = await build({ courseDir: course.dir, targets: ['job-aid-pdf', 'job-aid-html'], sink, browser: { pool }, manifest: false });
  for (const [name, bytes] of sink.files) if (name.endsWith('.pdf')) pdfs.set(name, await readPdf(bytes));
}, 180_000);
afterAll(async () => {
  await pool?.close();
  course?.remove();
});

const unit = (id: string): Unit => result.course!.units.find((u) => u.id === id)!;
const pdf = (id: string, paper: string) => pdfs.get(`job-aids/${id}-${paper}.pdf`)!;
const steps = (id: string) => unit(id).jobAid!.steps!.items.map((s) => compact(plainText(s.markdown)));

/** The size in pt of every text run of page `n` (1-based) that is part of `texts`. */
async function sizesOf(bytes: Uint8Array, n: number, texts: string[]): Promise<number[]> {
  const doc = await getDocument({ data: new Uint8Array(bytes), verbosity: 0, isEvalSupported: false }).promise;
  try {
    const content = await (await doc.getPage(n)).getTextContent();
    return content.items.flatMap((item) => {
      if (!('str' in item) || compact(item.str).length < 8 || !texts.some((t) => t.includes(compact(item.str)))) return [];
      const [a, b] = item.transform as number[];
      return [Math.hypot(a!, b!)];
    });
  } finally {
    await doc.destroy();
  }
}

describe('one-page job aids', () => {
  it('every sample job aid and the 12-step, 6-row stress unit: one A4 page, one Letter page, one two-sided pocket card', () => {
    const pages = Object.fromEntries([...SAMPLE_UNITS, 'stress-12-6'].map((id) => [id, PAPERS.map((p) => pdf(id, p).pages.length)]));
    console.info(`pages per job aid (A4, Letter, pocket): ${JSON.stringify(pages)}`);
    for (const id of Object.keys(pages)) expect(pages[id], id).toEqual([1, 1, 2]);
  });

  it('only the job aid that cannot fit warns: JOB_AID_TOO_LONG per paper, in job-aid.md, saying what to cut', () => {
    const warnings = result.diagnostics.filter((d) => d.severity !== 'info');
    expect(warnings.map((d) => `${d.code} ${d.unitId}`)).toEqual(PAPERS.map(() => 'JOB_AID_TOO_LONG too-long'));
    for (const w of warnings) {
      expect(w.file).toBe(unit('too-long').jobAid!.file);
      expect(w.hint).toContain('keep the steps to 12 (it has 20)');
      expect(w.hint).toContain('keep the decision table to 6 rows (it has 9)');
      expect(w.hint).toMatch(/shorten steps 1, 2, .*20 to a line or two each/);
    }
    expect(warnings[0]!.message).toMatch(/^The job aid does not fit on one A4 page even with its type at 9 pt; it prints on \d pages\.$/);
    expect(warnings[2]!.message).toMatch(/^The job aid does not fit on one two-sided pocket card even with its type at 7 pt/);
    // Printed anyway, whole: every step is in the PDF.
    for (const paper of PAPERS) {
      const all = pdf('too-long', paper).pages.map((p) => p.compact).join('');
      for (const step of steps('too-long')) expect(all).toContain(step);
    }
  });

  it('A4 and Letter body text is never under 9 pt (the steps of the stress unit and of every sample)', async () => {
    for (const id of [...SAMPLE_UNITS, 'stress-12-6']) {
      for (const paper of ['a4', 'letter']) {
        const sizes = await sizesOf(sink.files.get(`job-aids/${id}-${paper}.pdf`)!, 1, steps(id));
        expect(sizes.length, `${id} ${paper}`).toBeGreaterThan(0);
        expect(Math.min(...sizes), `${id} ${paper}`).toBeGreaterThanOrEqual(8.95);
      }
    }
  });

  it('the pocket card: the front holds "when to use" and every step whole, the back the decision table, watch-outs, escalation and QR address', () => {
    for (const id of [...SAMPLE_UNITS, 'stress-12-6']) {
      const [front, back] = pdf(id, 'pocket').pages;
      const aid = unit(id).jobAid!;
      expect(front!.compact, id).toContain(compact(aid.context!.heading));
      for (const step of steps(id)) expect(front!.compact, id).toContain(step);
      for (const heading of [aid.decisionTable!.heading, aid.watchOuts!.heading, aid.escalation!.heading]) expect(back!.compact, id).toContain(compact(heading));
      expect(back!.compact, id).toContain(compact(`aids.acme.example/frontline/${id}.html`));
      expect(front!.compact, id).not.toContain(compact(aid.decisionTable!.heading));
    }
  });

  it('safety-critical rows carry a mark and their label in the PDF too', () => {
    const text = pdf('stress-12-6', 'a4').pages[0]!.text;
    expect(text.match(/!\s*Safety-critical/g)).toHaveLength(3);
  });
});
