/**
 * job-aid.md → JobAid: level-2 sections recognised by their heading (When to use, Steps,
 * Decision table, Watch-outs, Escalation); steps from the first list, the decision table from the
 * first table. The workflow rules (context required, steps or table required) are checked in
 * validate/, not here.
 */
import type { Tokens } from 'marked';
import { diagnose, type Diagnostic } from '../../diagnostics/diagnostic.js';
import type { JobAid, JobAidSection, JobAidSectionKind } from '../model/jobAid.js';
import { closestName } from '../validate/closestName.js';
import { collectAssetRefs } from './collectAssetRefs.js';
import { findUnsafeHtml } from './findUnsafeHtml.js';
import { declaredObjective, parseMarkdownSource, type PositionedToken } from './markdownSource.js';

const HEADINGS: Record<JobAidSectionKind, RegExp> = {
  context: /^(when to use( this| it)?|context|when)$/,
  steps: /^(steps|checklist|procedure|how to)$/,
  decisionTable: /^(decision table|decide|decisions)$/,
  watchOuts: /^(watch[- ]?outs?|warnings?|risks?|cautions?)$/,
  escalation: /^(escalation|escalate|who to escalate to|when to escalate|help)$/,
};

/** The heading each section is documented under. */
export const SECTION_TITLES: Record<JobAidSectionKind, string> = {
  context: 'When to use',
  steps: 'Steps',
  decisionTable: 'Decision table',
  watchOuts: 'Watch-outs',
  escalation: 'Escalation',
};

/** Headings authors write for a known section (field trial: "Before you start" for "When to use"). */
const LOOKALIKES: Record<JobAidSectionKind, RegExp> = {
  context: /^(before you (start|begin)|prerequisites?|purpose|overview|about( this)?|scope|intro(duction)?|background|situation|triggers?|use (this|it) when|who( uses (this|it))?|applies to)$/,
  steps: /^(instructions?|what to do|process|step by step|actions?|do this|the steps|how( to do it)?)$/,
  decisionTable: /^((approval |decision )?matrix|options|choose|which option)$/,
  watchOuts: /^(common mistakes|mistakes|pitfalls?|avoid|do not|dont|careful|important|be careful)$/,
  escalation: /^(contacts?|need help|questions|get help|support|who to (ask|call|contact)|if (in doubt|stuck))$/,
};

/** The known section an unknown heading most likely means, for JOB_AID_SECTION_UNKNOWN's "did you mean". */
export function suggestSection(heading: string): string | undefined {
  const normalized = normalizeHeading(heading);
  const kind = (Object.keys(LOOKALIKES) as JobAidSectionKind[]).find((k) => LOOKALIKES[k].test(normalized));
  if (kind) return SECTION_TITLES[kind];
  return closestName(normalized, Object.values(SECTION_TITLES));
}

function normalizeHeading(heading: string): string {
  return heading.toLowerCase().replace(/[^a-z\- ]/g, '').replace(/\s+/g, ' ').trim();
}

export function sectionKind(heading: string): JobAidSectionKind | undefined {
  const normalized = normalizeHeading(heading);
  return (Object.keys(HEADINGS) as JobAidSectionKind[]).find((kind) => HEADINGS[kind].test(normalized));
}

export function parseJobAid(text: string, file: string, unitId?: string): { jobAid: JobAid; diagnostics: Diagnostic[] } {
  const source = parseMarkdownSource(text, file, unitId);
  const diagnostics = [...source.diagnostics, ...findUnsafeHtml(source, 'JOB_AID_HTML_UNSAFE', unitId)];
  const jobAid: JobAid = { file, declaredObjective: declaredObjective(source), other: [], assetRefs: collectAssetRefs(source) };
  const reviewBy = readReviewBy(source, unitId);
  if (reviewBy.day) jobAid.reviewBy = reviewBy.day;
  diagnostics.push(...reviewBy.diagnostics);

  type Open = { heading: string; line: number; tokens: PositionedToken[]; kind?: JobAidSectionKind };
  const sections: Open[] = [];
  const intro: PositionedToken[] = [];
  for (const positioned of source.tokens) {
    const { token } = positioned;
    if (token.type === 'heading' && token.depth === 1 && sections.length === 0 && jobAid.title === undefined) {
      jobAid.title = token.text.trim();
    } else if (token.type === 'heading' && token.depth <= 2) {
      sections.push({ heading: token.text.trim(), line: positioned.line, tokens: [], kind: sectionKind(token.text) });
    } else if (sections.length > 0) {
      sections[sections.length - 1]!.tokens.push(positioned);
    } else {
      intro.push(positioned);
    }
  }
  const introMarkdown = intro.map((t) => t.token.raw).join('').trim();
  if (introMarkdown) jobAid.intro = introMarkdown;

  for (const open of sections) {
    const section: JobAidSection = { heading: open.heading, markdown: open.tokens.map((t) => t.token.raw).join('').trim(), line: open.line };
    if (!open.kind || jobAid[open.kind]) {
      // Unknown headings, and a second section of a known kind, print after the known sections.
      if (!open.kind) diagnostics.push(diagnose('JOB_AID_SECTION_UNKNOWN', { heading: open.heading, suggestion: suggestSection(open.heading) ?? '' }, { file, line: open.line, column: 1, unitId }));
      jobAid.other.push(section);
      continue;
    }
    if (open.kind === 'steps') {
      const list = open.tokens.find((t) => t.token.type === 'list')?.token as Tokens.List | undefined;
      const start = typeof list?.start === 'number' ? list.start : 1;
      const items = (list?.items ?? []).map((item, i) => ({ number: start + i, markdown: item.text.trim(), checkbox: item.task }));
      jobAid.steps = { ...section, items };
    } else if (open.kind === 'decisionTable') {
      const table = open.tokens.find((t) => t.token.type === 'table')?.token as Tokens.Table | undefined;
      jobAid.decisionTable = table
        ? { ...section, table: { header: table.header.map((c) => c.text), rows: table.rows.map((r) => r.map((c) => c.text)) } }
        : section;
    } else {
      jobAid[open.kind] = section;
    }
  }
  return { jobAid, diagnostics };
}

/** `review_by: YYYY-MM-DD` in the front matter: when the job aid must be checked against the work again (tandem status). */
function readReviewBy(source: ReturnType<typeof parseMarkdownSource>, unitId?: string): { day?: string; diagnostics: Diagnostic[] } {
  const data = source.frontMatter?.data;
  if (!data || typeof data !== 'object' || Array.isArray(data) || !('review_by' in data)) return { diagnostics: [] };
  const value = String((data as Record<string, unknown>).review_by ?? '');
  const date = /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T00:00:00Z`) : undefined;
  if (date && !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value) return { day: value, diagnostics: [] };
  return { diagnostics: [diagnose('JOB_AID_REVIEW_BY_INVALID', { value }, { ...source.frontMatter!.locate(['review_by']), unitId })] };
}
