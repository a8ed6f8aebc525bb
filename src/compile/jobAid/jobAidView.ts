/**
 * Unit + job aid → the data the theme's job-aid.hbs renders: every section as HTML, in the order
 * the author wrote them (`sections`, each naming the partial that renders it; also by kind for
 * older templates), plus the identity the job aid carries visibly and in metadata (objective ID,
 * unit title, version) and its online address with a QR code.
 */
import type { Course } from '../../course/model/course.js';
import type { JobAid, JobAidSection } from '../../course/model/jobAid.js';
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

/** The partials of the default theme that render each kind of section (themes/default/partials/). */
export const SECTION_PARTIALS = {
  context: 'job-aid-when',
  steps: 'job-aid-steps',
  decisionTable: 'job-aid-decide',
  watchOuts: 'job-aid-watch-outs',
  escalation: 'job-aid-escalation',
  other: 'job-aid-more',
} as const;
export type SectionKind = keyof typeof SECTION_PARTIALS;

/** One section in the author's order: its kind, the partial that renders it, and its data. */
export interface OrderedSection {
  kind: SectionKind;
  partial: (typeof SECTION_PARTIALS)[SectionKind];
  section: SectionView;
}

/** Steps this short (in characters, one paragraph each) print in two columns on A4 and Letter. */
export const SHORT_STEP_CHARACTERS = 130;

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
  /** Every section in the order of job-aid.md (watch-outs, always shown, before escalation when not written). */
  sections: OrderedSection[];
  /** Every step is one short paragraph: the print copy may set them in two columns. */
  shortSteps: boolean;
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
    sections: [],
    shortSteps: false,
    online: address && { url: address.printedUrl, page: address.page, display: address.display, qrSvg: await qrCodeSvg(address.printedUrl, `QR code: the online copy of this job aid at ${address.display}`) },
    text: '',
    usesItalic: false,
  };
  view.sections = authorOrder(view, jobAid);
  view.shortSteps = (steps?.items.length ?? 0) > 1 && jobAid.steps!.items.every((item) => isShortStep(item.markdown));
  const html = [view.intro, view.context?.html, steps?.before, ...(steps?.items.map((s) => s.html) ?? []), steps?.after, view.decisionTable?.html, view.watchOuts.html, view.escalation?.html, ...view.other.map((s) => s.html)].join('\n');
  view.text = [title, contract.title, contract.objective.statement, contract.risk.statement, course.config.title, html.replace(/<[^>]*>/g, ' ')].join('\n');
  view.usesItalic = /<em>/.test(html);
  return view;
}

/** The sections by their line in job-aid.md; watch-outs the author left out go before escalation (or last). */
function authorOrder(view: JobAidView, jobAid: JobAid): OrderedSection[] {
  const placed: (OrderedSection & { line: number })[] = [];
  const add = (kind: SectionKind, section: SectionView | undefined, line: number | undefined) => {
    if (section) placed.push({ kind, partial: SECTION_PARTIALS[kind], section, line: line ?? Number.POSITIVE_INFINITY });
  };
  add('context', view.context, jobAid.context?.line);
  add('steps', view.steps, jobAid.steps?.line);
  add('decisionTable', view.decisionTable, jobAid.decisionTable?.line);
  add('escalation', view.escalation, jobAid.escalation?.line);
  view.other.forEach((s, i) => add('other', s, jobAid.other[i]?.line));
  const watchOutsLine = jobAid.watchOuts?.line ?? (jobAid.escalation ? jobAid.escalation.line - 0.5 : undefined);
  add('watchOuts', view.watchOuts, watchOutsLine);
  return placed.sort((a, b) => a.line - b.line).map(({ kind, partial, section }) => ({ kind, partial, section }));
}

/** One short paragraph: no nested list, table, image or second paragraph. */
function isShortStep(markdown: string): boolean {
  return markdown.length <= SHORT_STEP_CHARACTERS && !/\n\s*\n|\n\s*([-*+]|\d+\.)\s|!\[|\|/.test(markdown);
}
