/**
 * GitHub issue-form answers, as `gh issue list --label training-request --json
 * number,title,body,labels,createdAt,author` prints them. The form
 * (`.github/ISSUE_TEMPLATE/training-request.yml`, written by `tandem init`) renders each answer
 * under a `### <label>` heading in the issue body; this reads them back into request fields.
 * Positions point at the issue's value in the JSON file (the yaml package reads JSON with
 * positions), since an answer has no line of its own inside the body string.
 */
import { diagnose, type Diagnostic } from '../diagnostics/index.js';
import { parseYamlSource } from '../course/load/yamlSource.js';
import type { RawRequest, RequestField } from './request.js';

/** Form labels (see templates/issue-form/training-request.yml), normalized, and the field each answers. */
const LABELS: Record<string, RequestField> = {
  requestid: 'id',
  id: 'id',
  workflow: 'workflow',
  sourceteam: 'source',
  source: 'source',
  businessimpact: 'impact',
  impact: 'impact',
  frequency: 'frequency',
  executionrisk: 'risk',
  risk: 'risk',
  riskseverity: 'severity',
  severity: 'severity',
  successmetric: 'metric',
  metric: 'metric',
  baseline: 'baseline',
  requester: 'requester',
  subjectmatterexpertsme: 'sme',
  subjectmatterexpert: 'sme',
  sme: 'sme',
  istrainingthefix: 'training_is_fix',
  trainingisfix: 'training_is_fix',
};
const NO_RESPONSE = '_No response_';

interface Issue {
  number?: unknown;
  title?: unknown;
  body?: unknown;
  createdAt?: unknown;
  author?: { login?: unknown } | null;
}

export function readIssuesJson(file: string, text: string): { rows: RawRequest[]; diagnostics: Diagnostic[] } {
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    return { rows: [], diagnostics: [diagnose('INTAKE_FILE_MALFORMED', { reason: (error as Error).message }, { file, line: 1, column: 1 })] };
  }
  if (!Array.isArray(data)) return { rows: [], diagnostics: [diagnose('INTAKE_FILE_MALFORMED', { reason: 'the file is not a list of issues ([…]).' }, { file, line: 1, column: 1 })] };
  const source = parseYamlSource(text.replace(/^\uFEFF/, ''), { file, controlCharacters: false });
  const rows: RawRequest[] = [];
  const diagnostics: Diagnostic[] = [];
  data.forEach((item: unknown, i) => {
    const at = source.locate([i]);
    if (!item || typeof item !== 'object' || Array.isArray(item)) {
      diagnostics.push(diagnose('INTAKE_FILE_MALFORMED', { reason: `item ${i + 1} is not an issue object.` }, at));
      return;
    }
    const issue = item as Issue;
    const bodyAt = source.locate([i, 'body']);
    const fields: RawRequest['fields'] = {};
    for (const [label, answer] of formAnswers(typeof issue.body === 'string' ? issue.body : '')) {
      const name = LABELS[label.toLowerCase().replace(/[^a-z]/g, '')];
      if (name) fields[name] = { text: answer ? normalizeAnswer(name, answer) : '', at: bodyAt };
    }
    if (!fields.id?.text && typeof issue.number === 'number') fields.id = { text: `issue-${issue.number}`, at: source.locate([i, 'number']) };
    if (typeof issue.title === 'string') fields.title = { text: issue.title.replace(/^\[[^\]]*\]:?\s*/, '').trim(), at: source.locate([i, 'title']) };
    if (typeof issue.createdAt === 'string') fields.date = { text: issue.createdAt.slice(0, 10), at: source.locate([i, 'createdAt']) };
    const login = issue.author?.login;
    if (!fields.requester?.text && typeof login === 'string' && login) fields.requester = { text: login, at: source.locate([i, 'author']) };
    rows.push({ at, fields });
  });
  return { rows, diagnostics };
}

/** `### Label` sections of an issue-form body, in order, with their trimmed answers ("_No response_" is empty). */
export function formAnswers(body: string): [string, string][] {
  const out: [string, string][] = [];
  let label: string | undefined;
  let lines: string[] = [];
  const flush = () => {
    if (label === undefined) return;
    const answer = lines.join('\n').trim();
    out.push([label, answer === NO_RESPONSE ? '' : answer]);
  };
  for (const line of body.replace(/\r\n?/g, '\n').split('\n')) {
    const heading = /^###\s+(.+?)\s*#*\s*$/.exec(line);
    if (heading) {
      flush();
      label = heading[1]!;
      lines = [];
    } else lines.push(line);
  }
  flush();
  return out;
}

/** Dropdown answers carry their explanation ("4 – often", "No — the gap is tools"): keep the value. */
function normalizeAnswer(field: RequestField, answer: string): string {
  const oneLine = answer.replace(/\s+/g, ' ').trim();
  if (field === 'impact' || field === 'frequency') return /^(\d+)\b/.exec(oneLine)?.[1] ?? oneLine;
  if (field === 'training_is_fix') return /^(yes|no)\b/i.exec(oneLine)?.[1]?.toLowerCase() ?? oneLine;
  if (field === 'source' || field === 'severity') return /^(\w+)/.exec(oneLine)?.[1]?.toLowerCase() ?? oneLine;
  return oneLine;
}
