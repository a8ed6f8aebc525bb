/**
 * Lesson ↔ job aid: every lesson package (SCORM 1.2, Tin Can, cmi5) carries the unit's job aid,
 * and the lesson's last screen links to it. The HTML copy is always inside; the PDF is inside
 * when the build prints PDFs. The links must resolve to files in the package, and the packaged
 * copy must name the same objective and record nothing itself.
 */
import AdmZip from 'adm-zip';
import { beforeAll, describe, expect, it } from 'vitest';
import { build, type BuildResult } from '../../src/compile/build.js';
import { MemorySink } from '../../src/compile/sink/memorySink.js';
import { sampleArtifacts } from '../support/sampleRelease.js';

const LESSON_TARGETS = ['scorm12', 'xapi', 'cmi5'];
/** The sample release of this test run: every target, PDFs printed (test/setup/sampleRelease.ts). */
let withPdf: { sink: { files: Map<string, Uint8Array> } };
let withoutPdf: { sink: MemorySink; result: BuildResult };

async function buildSample(targets: string[]) {
  const sink = new MemorySink();
  const result = await build({ courseDir: 'fixtures/sample-course', targets, sink, browser: { env: process.env } });
  return { sink, result };
}

const zipOf = (sink: { files: Map<string, Uint8Array> }, name: string) => new AdmZip(Buffer.from(sink.files.get(name)!));
const text = (zip: AdmZip, name: string) => zip.getEntry(name)?.getData().toString('utf8');

/** The results screen's hand-over block, and the hrefs in it. */
function handOver(page: string): { title: string; hrefs: string[] } | undefined {
  const block = /<aside class="job-aid-handoff"[\s\S]*?<\/aside>/.exec(page)?.[0];
  if (!block) return undefined;
  return { title: /<h3[^>]*>([^<]*)<\/h3>/.exec(block)![1]!, hrefs: [...block.matchAll(/href="([^"]+)"/g)].map((m) => m[1]!) };
}

beforeAll(async () => {
  withPdf = { sink: { files: sampleArtifacts() } };
  withoutPdf = await buildSample(LESSON_TARGETS);
}, 120_000);

describe('the job aid inside lesson packages', () => {
  it.each(LESSON_TARGETS)('%s: the last screen links the HTML job aid and the PDF of every paper size, and all are in the zip', (target) => {
    const zip = zipOf(withPdf.sink, `${target}/refund-approval.zip`);
    const page = text(zip, 'units/refund-approval/index.html')!;
    const links = handOver(page);
    expect(links?.title).toMatch(/^Keep this with you: Refunds over \$500/);
    expect(links?.hrefs).toEqual(['job-aid.html', 'job-aid-a4.pdf', 'job-aid-letter.pdf', 'job-aid-pocket.pdf']);
    for (const href of links!.hrefs) expect(zip.getEntry(`units/refund-approval/${href}`), href).toBeTruthy();
    const jobAid = text(zip, 'units/refund-approval/job-aid.html')!;
    expect(jobAid).toContain('OBJ-SUP-REFUND-500');
    // The packaged copy records nothing: no tracking script, no connection allowed.
    expect(jobAid).not.toMatch(/<script(?![^>]*application\/json)/);
    expect(jobAid).not.toContain('connect-src');
    const pdf = zip.getEntry('units/refund-approval/job-aid-a4.pdf')!.getData();
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    // The same bytes as the standalone PDF the build printed: printed once, shared.
    expect(Buffer.from(withPdf.sink.files.get('job-aids/refund-approval-a4.pdf')!).equals(pdf)).toBe(true);
  });

  it('a SCORM path package lists every unit’s job aid in its SCO’s files', () => {
    const zip = zipOf(withPdf.sink, 'scorm12/path-support-onboarding.zip');
    const manifest = text(zip, 'imsmanifest.xml')!;
    for (const unit of ['refund-approval', 'customer-data-handling', 'discount-approval']) {
      expect(manifest).toContain(`href="units/${unit}/job-aid.html"`);
      expect(manifest).toContain(`href="units/${unit}/job-aid-a4.pdf"`);
    }
  });

  it('a build of lesson targets alone starts no browser: HTML job aid only', () => {
    expect(withoutPdf.result.diagnostics.filter((d) => d.code.startsWith('BROWSER'))).toEqual([]);
    const zip = zipOf(withoutPdf.sink, 'scorm12/lockout-tagout.zip');
    expect(handOver(text(zip, 'units/lockout-tagout/index.html')!)?.hrefs).toEqual(['job-aid.html']);
    expect(zip.getEntries().map((e) => e.entryName).filter((n) => n.endsWith('.pdf'))).toEqual([]);
  });
});
