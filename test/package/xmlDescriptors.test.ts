/**
 * Issue 10: a package descriptor (imsmanifest.xml, tincan.xml, cmi5.xml) is parsed back before it
 * is written. One that would not be well-formed XML (a control character that slipped past the
 * source checks) fails its job with BUILD_FAILED and no package is written.
 */
import { describe, expect, it } from 'vitest';
import { build } from '../../src/compile/build.js';
import { buildXml } from '../../src/compile/package/xmlBuilder.js';
import { MemorySink } from '../../src/compile/sink/memorySink.js';
import { findTarget } from '../../src/compile/targets/registry.js';
import type { Target } from '../../src/compile/targets/target.js';

describe('XML descriptors are well-formed or not written', () => {
  it('refuses a control character and a malformed name', () => {
    expect(buildXml('tincan.xml', { tincan: { title: 'ok' } })).toContain('<title>ok</title>');
    expect(() => buildXml('tincan.xml', { tincan: { title: 'a\u000bb' } })).toThrow(/tincan\.xml would not be well-formed XML.*U\+000B/);
    expect(() => buildXml('cmi5.xml', { 'a b': 'x' })).toThrow(/cmi5\.xml would not be well-formed XML/);
  });

  for (const name of ['scorm12', 'xapi', 'cmi5']) {
    it(`${name}: a title with U+000B that slipped past the checks fails the job, and nothing is written`, async () => {
      const real = findTarget(name)!;
      const slipped: Target = {
        ...real,
        async build(job, ctx) {
          if (job.subject.kind === 'unit' && job.subject.unit.id === 'refund-approval') {
            const unit = { ...job.subject.unit, contract: { ...job.subject.unit.contract, title: 'Approving\u000brefunds' } };
            return real.build({ ...job, subject: { kind: 'unit', unit } }, ctx);
          }
          return real.build(job, ctx);
        },
      };
      const sink = new MemorySink();
      const result = await build({ courseDir: 'fixtures/sample-course', targets: [name], sink, availableTargets: [slipped], manifest: false });
      const failed = result.diagnostics.filter((d) => d.code === 'BUILD_FAILED');
      expect(failed).toHaveLength(1);
      expect(failed[0]!.message).toMatch(/(imsmanifest|tincan|cmi5)\.xml would not be well-formed XML/);
      expect([...sink.files.keys()].filter((p) => p.includes('refund-approval'))).toEqual([]);
      expect([...sink.files.keys()].some((p) => p.includes('lockout-tagout'))).toBe(true);
    });
  }
});
