/**
 * `job-aid-html`: one self-contained HTML job aid per unit, `job-aids/<unit-id>.html`. Publish the
 * folder at `job_aid_url` and that copy is the one QR codes open and the one that records use.
 */
import { diagnose } from '../../../diagnostics/diagnostic.js';
import type { Target } from '../target.js';
import { jobAidHtmlPath } from '../../jobAid/jobAidAddress.js';
import { renderJobAid } from '../../jobAid/renderJobAid.js';

export const jobAidHtmlTarget: Target = {
  name: 'job-aid-html',
  description: 'Self-contained HTML job aid per unit (job-aids/<unit>.html)',
  planUnit(unit) {
    return unit.jobAid ? [{ target: 'job-aid-html', subject: { kind: 'unit', unit }, output: jobAidHtmlPath(unit) }] : [];
  },
  notes({ course: { config, configFile } }) {
    const at = { file: configFile, line: 1, column: 1 };
    if (!config.jobAidUrl) return [diagnose('JOB_AID_NO_ONLINE_URL', {}, at)];
    if (!config.jobAids.relayUrl) return [diagnose('JOB_AID_TRACKING_OFF', {}, at)];
    return [];
  },
  async build(job, ctx) {
    if (job.subject.kind !== 'unit') return { artifacts: [] };
    const { unit } = job.subject;
    const html = await renderJobAid(unit, ctx);
    return { artifacts: [{ path: job.output, bytes: new TextEncoder().encode(html), target: 'job-aid-html', unitIds: [unit.id] }] };
  },
};
