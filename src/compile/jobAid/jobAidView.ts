/**
 * Unit + job aid → the data the theme's job-aid.hbs renders: every section as HTML, in the order
 * people need them at work (when to use, steps, decision table, watch-outs, escalation), plus the
 * identity the job aid carries visibly and in metadata (objective ID, unit title, version) and its
 * online address with a QR code.
 */
import type { Course } from '../../course/model/course.js';
import type { JobAidSection } from '../../course/model/jobAid.js';
import type { Unit } from '../../course/model/unit.js';
import { objectiveIri } from '../../xapi/activityIris.js';
import { GENERATOR } from '../targets/generator.js';
import { onlineAddress } from './jobAidAddress.js';
import { JobAidMarkdown, loadJobAidImages } from './jobAidMarkdown.js';
import { qrCodeSvg } from './qrCodeSvg.js';

export interface SectionView {
  id: string;
  heading: string;
  html: string;
}

export interface StepView {
  number: number;
  html: string;
  checkbox: boolean;
  checked: boolean;
}

export interface JobAidView {
  lang: string;
  title: string;
  course: { id: string; title: string };
  unit: { id: string; title: string; version: string };
  objective: { id: string; statement: string; iri: string };
  risk: { statement: string; severity: string };
  keywords: string;
  generator: string;
  intro?: string;
  context?: SectionView;
  steps?: SectionView & { before: string; items: StepView[]; after: string };
  decisionTable?: SectionView;
  /** Always present: the unit's risk is shown even when the author wrote no watch-outs. */
  watchOuts: SectionView;
  escalation?: SectionView;
  other: SectionView[];
  online?: { url: string; page: string; display: string; qrSvg: string };
  /** Everything a reader sees, to pick the font subsets to embed. */
  text: string;
  /** Emphasis is used, so the italic face is embedded. */
  usesItalic: boolean;
}

export async function buildJobAidView(unit: Unit, course: Course): Promise<JobAidView> {
  const jobAid = unit.jobAid;
  if (!jobAid) throw new Error(`Unit ${unit.id} has no job aid to render.`);
  const { contract } = unit;
  const markdown = new JobAidMarkdown(await loadJobAidImages(unit));
  const section = (id: string, s: JobAidSection | undefined): SectionView | undefined =>
    s && { id, heading: s.heading, html: markdown.render(s.markdown) };

  let steps: JobAidView['steps'];
  if (jobAid.steps) {
    // The steps are the section's first list; text around it (a lead-in, a closing note) is kept.
    const split = markdown.splitAtFirstList(jobAid.steps.markdown);
    steps = {
      id: 'steps',
      heading: jobAid.steps.heading,
      html: '',
      before: markdown.renderTokens(split.before),
      items: (split.list?.items ?? []).map((item, i) => ({
        number: jobAid.steps!.items[i]?.number ?? i + 1,
        html: markdown.render(item.text),
        checkbox: item.task,
        checked: item.checked === true,
      })),
      after: markdown.renderTokens(split.after),
    };
  }

  const address = onlineAddress(course, unit);
  const title = jobAid.title ?? contract.title;
  const view: JobAidView = {
    lang: contract.language,
    title,
    course: { id: course.config.id, title: course.config.title },
    unit: { id: unit.id, title: contract.title, version: contract.version },
    objective: { id: contract.objective.id, statement: contract.objective.statement, iri: objectiveIri(course.config.baseIri, contract.objective.id) },
    risk: { statement: contract.risk.statement, severity: contract.risk.severity },
    keywords: [contract.objective.id, unit.id, `version ${contract.version}`, course.config.id, 'job aid'].join(', '),
    generator: GENERATOR,
    intro: jobAid.intro ? markdown.render(jobAid.intro) : undefined,
    context: section('when-to-use', jobAid.context),
    steps,
    decisionTable: section('decide', jobAid.decisionTable),
    watchOuts: section('watch-outs', jobAid.watchOuts) ?? { id: 'watch-outs', heading: 'Watch-outs', html: '' },
    escalation: section('escalation', jobAid.escalation),
    other: jobAid.other.map((s, i) => section(`more-${i + 1}`, s)!),
    online: address && { ...address, qrSvg: await qrCodeSvg(address.url, `QR code: the online copy of this job aid at ${address.display}`) },
    text: '',
    usesItalic: false,
  };
  const html = [view.intro, view.context?.html, steps?.before, ...(steps?.items.map((s) => s.html) ?? []), steps?.after, view.decisionTable?.html, view.watchOuts.html, view.escalation?.html, ...view.other.map((s) => s.html)].join('\n');
  view.text = [title, contract.title, contract.objective.statement, contract.risk.statement, course.config.title, html.replace(/<[^>]*>/g, ' ')].join('\n');
  view.usesItalic = /<em>/.test(html);
  return view;
}
