/**
 * job-aid-html without a browser: what the file holds. The browser tests (axe, the relay) are in
 * jobAidBrowser.test.ts.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build, type BuildResult } from '../../src/compile/build.js';
import type { Unit } from '../../src/course/model/unit.js';
import { MemorySink } from '../../src/compile/sink/memorySink.js';
import { objectiveIri } from '../../src/xapi/activityIris.js';
import { compact, plainText, sampleCopy } from './support.js';

async function buildHtml(courseDir: string): Promise<{ result: BuildResult; html: Map<string, string> }> {
  const sink = new MemorySink();
  const result = await build({ courseDir, targets: ['job-aid-html'], sink, manifest: false });
  const html = new Map([...sink.files].map(([name, bytes]) => [name, new TextDecoder().decode(bytes)]));
  return { result, html };
}

/** Handlebars escapes `=`, `'` and `` ` `` too; compare decoded text. */
const decode = (text: string) =>
  text
    .replace(/&#x([0-9a-f]+);/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)))
    .replace(/&#(\d+);/g, (_, code: string) => String.fromCharCode(Number(code)))
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
const meta = (html: string, name: string) => decode(new RegExp(`<meta name="${name}" content="([^"]*)">`).exec(html)?.[1] ?? '');
const visibleText = (html: string) => decode(html.replace(/<(style|script)\b[^>]*>[\s\S]*?<\/\1>/g, ' ').replace(/<[^>]+>/g, ' '));

let sample: { result: BuildResult; html: Map<string, string> };
const removers: (() => void)[] = [];
beforeAll(async () => {
  sample = await buildHtml('fixtures/sample-course');
});
afterAll(() => removers.forEach((remove) => remove()));

const units = (): Unit[] => sample.result.course!.units;
const htmlOf = (unit: Unit) => sample.html.get(`job-aids/${unit.id}.html`)!;

describe('job-aid-html', () => {
  it('writes one HTML file per unit, and says once that opens are not recorded without a relay', () => {
    expect([...sample.html.keys()].sort()).toEqual(units().map((u) => `job-aids/${u.id}.html`).sort());
    expect(sample.result.diagnostics.map((d) => `${d.severity} ${d.code}`)).toEqual(['info JOB_AID_TRACKING_OFF']);
  });

  it('is self-contained: styles, fonts and images inline, nothing loaded from elsewhere', () => {
    for (const unit of units()) {
      const html = htmlOf(unit);
      expect(html).not.toMatch(/<link\b(?![^>]*rel="canonical")/);
      expect(html).not.toMatch(/\ssrc="(?!data:)/);
      expect([...html.matchAll(/url\(([^)]*)\)/g)].map((m) => m[1]!.slice(0, 5)).filter((u) => u !== 'data:')).toEqual([]);
      expect(html).toMatch(/@font-face\{font-family:'Source Sans 3'[^}]*src:url\(data:font\/woff2;base64,/);
      expect(decode(html)).toContain(`content="default-src 'none'; img-src data:; font-src data:;`);
      // Small enough to open at once on a phone on a weak connection.
      expect(html.length, unit.id).toBeLessThan(100_000);
    }
    expect(htmlOf(units().find((u) => u.id === 'refund-approval')!)).toContain('<img src="data:image/svg+xml;base64,');
  });

  it('shows and declares objective ID, unit title and version', () => {
    for (const unit of units()) {
      const html = htmlOf(unit);
      const text = visibleText(html);
      expect(meta(html, 'tandem:objective-id')).toBe(unit.contract.objective.id);
      expect(meta(html, 'tandem:objective-iri')).toBe(objectiveIri('https://learn.acme.example/xapi', unit.contract.objective.id));
      expect(meta(html, 'tandem:unit-id')).toBe(unit.id);
      expect(meta(html, 'tandem:unit-title')).toBe(unit.contract.title);
      expect(meta(html, 'tandem:version')).toBe(unit.contract.version);
      expect(meta(html, 'generator')).toMatch(/^Tandem /);
      expect(text).toContain(unit.contract.objective.id);
      expect(text).toContain(unit.contract.title);
      expect(text).toContain(unit.contract.version);
    }
  });

  it('puts "when to use" first, then the numbered steps, decision table, watch-outs with the risk, escalation', () => {
    for (const unit of units()) {
      const html = htmlOf(unit);
      const order = ['class="when"', 'class="steps', 'class="decide"', 'class="watch-outs"', 'class="escalation"'].map((marker) => html.indexOf(marker));
      expect(order.every((at) => at > 0), unit.id).toBe(true);
      expect([...order].sort((a, b) => a - b)).toEqual(order);
      const watchOuts = html.slice(order[3], order[4]);
      expect(compact(visibleText(watchOuts))).toContain(compact(unit.contract.risk.statement));

      const steps = unit.jobAid!.steps!.items;
      const numbers = [...html.matchAll(/<li class="step[^"]*" value="(\d+)">/g)].map((m) => Number(m[1]));
      expect(numbers).toEqual(steps.map((_, i) => i + 1));
      const text = compact(visibleText(html));
      for (const step of steps) expect(text).toContain(compact(plainText(step.markdown)));
    }
  });

  it('links and prints the online address with objective ID and version, and no relay means no request at all', () => {
    const unit = units().find((u) => u.id === 'lockout-tagout')!;
    const html = htmlOf(unit);
    expect(decode(html)).toContain('href="https://aids.acme.example/frontline/lockout-tagout.html?o=OBJ-OPS-LOTO-JAM&v=1.0.0&src=qr"');
    // Printed beside the QR code short enough to type: the page, without scheme or query.
    expect(visibleText(html)).toContain('aids.acme.example/frontline/lockout-tagout.html');
    expect(visibleText(html)).not.toContain('?o=OBJ-OPS-LOTO-JAM');
    expect(html).toContain('<svg class="qr-code" role="img"');
    expect(html).not.toContain('connect-src');
    expect(html).not.toContain('"relayUrl"');
  });

  it('without job_aid_url: no QR code, no address, no script, and an info saying why', async () => {
    const course = sampleCopy((config) => config.replace(/^job_aid_url:.*\n/m, ''));
    removers.push(course.remove);
    const { result, html } = await buildHtml(course.dir);
    expect(result.diagnostics.map((d) => d.code)).toEqual(['JOB_AID_NO_ONLINE_URL']);
    for (const page of html.values()) {
      expect(page).not.toContain('qr-code');
      expect(page).not.toContain('<script');
      expect(page).not.toContain('aids.acme.example');
    }
  });

  it('with a relay: the page may POST to the relay and nowhere else, and holds no credentials', async () => {
    const course = sampleCopy((config) => `${config}job_aids:\n  relay_url: https://relay.acme.example/xapi/statements\n`);
    removers.push(course.remove);
    const { result, html } = await buildHtml(course.dir);
    expect(result.diagnostics).toEqual([]);
    const page = html.get('job-aids/refund-approval.html')!;
    expect(decode(page)).toContain('connect-src https://relay.acme.example/xapi/statements;');
    expect(page).toContain('"relayUrl":"https://relay.acme.example/xapi/statements"');
    expect(page).not.toMatch(/authorization|password|secret|Basic /i);
  });

  it('rejects an unknown paper size in job_aids.paper', async () => {
    const course = sampleCopy((config) => `${config}job_aids:\n  paper: [a4, a3]\n`);
    removers.push(course.remove);
    const { result } = await buildHtml(course.dir);
    // The setting is appended to the sample config: its line is the one after the last.
    const configLines = readFileSync('fixtures/sample-course/tandem.config.yaml', 'utf8').trimEnd().split('\n').length;
    expect(result.diagnostics.map((d) => `${d.code} ${d.line}`)).toEqual([`FIELD_VALUE ${configLines + 2}`]);
    expect(result.diagnostics[0]!.hint).toContain('a4, letter, pocket');
  });
});
