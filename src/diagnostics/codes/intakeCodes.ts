/** Codes of `tandem intake` (requests CSV and GitHub issue-form JSON) and `tandem new --from-request`. */
import { entry } from '../catalogueEntry.js';

const HEADER = 'id,title,source,workflow,impact,frequency,risk,severity,metric,baseline,requester,sme,date,training_is_fix';

export const INTAKE_CODES = {
  INTAKE_FILE_NOT_FOUND: entry<{ path: string }>({
    severity: 'error',
    summary: 'The requests file given to `tandem intake` does not exist or cannot be read.',
    message: (p) => `No requests file at ${p.path}.`,
    hint: () => 'Pass a requests CSV (.csv) or the JSON that `gh issue list --json number,title,body,labels,createdAt,author` prints (.json).',
  }),
  INTAKE_FORMAT_UNKNOWN: entry<{ path: string }>({
    severity: 'error',
    summary: 'The requests file is neither a .csv nor a .json file.',
    message: (p) => `${p.path} is neither a requests CSV (.csv) nor GitHub issues JSON (.json).`,
    hint: () => 'Name the file after its format: requests.csv, or issues.json from `gh issue list --json …`.',
  }),
  INTAKE_COLUMN_MISSING: entry<{ columns: string }>({
    severity: 'error',
    summary: 'The requests CSV header lacks a required column; none of its rows were read.',
    message: (p) => `The header row has no ${p.columns} column; none of this file's rows were read.`,
    hint: () => `The first row names the columns: ${HEADER}.`,
  }),
  INTAKE_COLUMN_UNKNOWN: entry<{ column: string }>({
    severity: 'warning',
    summary: 'The requests CSV has a column Tandem does not read; it is ignored.',
    message: (p) => `The column "${p.column}" is not a request field; it is ignored.`,
    hint: () => `Request columns are: ${HEADER}. Check the spelling, or remove the column.`,
  }),
  INTAKE_FILE_MALFORMED: entry<{ reason: string }>({
    severity: 'error',
    summary: 'The requests file could not be parsed (a quote never closed, JSON that is not an issue list); the rest of it was not read.',
    message: (p) => `The requests file cannot be read from here on: ${p.reason}`,
    hint: () =>
      'In a CSV, a field with a comma or quote is wrapped in double quotes and a quote inside it is doubled (""). ' +
      'A JSON file must be the array `gh issue list --json number,title,body,labels,createdAt,author` prints.',
  }),
  INTAKE_FIELD_MISSING: entry<{ field: string; request: string }>({
    severity: 'error',
    summary: 'A request leaves a required field (id, title, workflow, requester, date…) empty; it is not ranked.',
    message: (p) => `Request ${p.request} has no ${p.field}; it is not ranked.`,
    hint: (p) => `Fill in ${p.field}: every request needs it before it can be weighed against the others.`,
  }),
  INTAKE_METRIC_MISSING: entry<{ request: string }>({
    severity: 'error',
    summary: 'A request names no success metric; it is not ranked.',
    message: (p) => `Request ${p.request} names no metric: nothing would show whether training changed the work. It is not ranked.`,
    hint: () => 'Ask the requester which number should move (e.g. "Refunds over $500 approved without evidence") and write it in `metric`.',
  }),
  INTAKE_BASELINE_MISSING: entry<{ request: string }>({
    severity: 'error',
    summary: 'A request gives no baseline for its metric; it is not ranked.',
    message: (p) => `Request ${p.request} gives no baseline: without today's value no one can tell later whether it moved. It is not ranked.`,
    hint: () => 'Write where the metric stands today and where the figure comes from, e.g. "14% of audited cases (Q1 audit)".',
  }),
  INTAKE_SME_MISSING: entry<{ request: string }>({
    severity: 'error',
    summary: 'A request names no subject-matter expert; it is not ranked.',
    message: (p) => `Request ${p.request} names no SME: no one would check the procedure is right. It is not ranked.`,
    hint: () => 'Name the person who does or owns the task and will verify the steps, in `sme`.',
  }),
  INTAKE_RISK_MISSING: entry<{ request: string }>({
    severity: 'error',
    summary: 'A request states no execution risk; it is not ranked.',
    message: (p) => `Request ${p.request} states no risk: the mistake on the job this should prevent is unknown. It is not ranked.`,
    hint: () => 'Describe the mistake people make today and what it costs, e.g. "Agents approve refunds without photo evidence", in `risk`.',
  }),
  INTAKE_VALUE_OUT_OF_RANGE: entry<{ field: string; value: string; request: string }>({
    severity: 'error',
    summary: 'A request scores impact or frequency outside 1–5; it is not ranked.',
    message: (p) => `Request ${p.request} has ${p.field} "${p.value}", outside 1 to 5; it is not ranked.`,
    hint: (p) =>
      p.field === 'impact'
        ? 'Score business impact as a whole number: 1 (minor) to 5 (critical: money, safety, compliance).'
        : 'Score frequency as a whole number: 1 (rarely) to 5 (many times a day).',
  }),
  INTAKE_VALUE_INVALID: entry<{ field: string; value: string; expected: string; request: string }>({
    severity: 'error',
    summary: 'A request field holds a value Tandem does not know (severity, training_is_fix, an id with spaces); it is not ranked.',
    message: (p) => `Request ${p.request} has ${p.field} "${p.value}", which is not ${p.expected}; it is not ranked.`,
    hint: (p) => `Write ${p.expected}.`,
  }),
  INTAKE_SOURCE_UNKNOWN: entry<{ value: string; request: string }>({
    severity: 'error',
    summary: 'A request comes from a source other than ops, support, sales or compliance; it is not ranked.',
    message: (p) => `Request ${p.request} has source "${p.value}", which is not ops, support, sales or compliance; it is not ranked.`,
    hint: () => 'Write which team asked for it: ops, support, sales or compliance.',
  }),
  INTAKE_DATE_INVALID: entry<{ value: string; request: string }>({
    severity: 'error',
    summary: 'A request date is not a real YYYY-MM-DD day; it is not ranked.',
    message: (p) => `Request ${p.request} has date "${p.value}", which is not a day written YYYY-MM-DD; it is not ranked.`,
    hint: () => 'Write the day the request came in as YYYY-MM-DD, e.g. 2026-11-03: ties in the ranking go to the older request.',
  }),
  INTAKE_ID_DUPLICATE: entry<{ request: string; firstLine: number }>({
    severity: 'error',
    summary: 'Two requests share one id; the later one is not ranked.',
    message: (p) => `The id ${p.request} is already used on line ${p.firstLine}; this request is not ranked.`,
    hint: () => 'Give every request its own id (e.g. REQ-015): `tandem new --from-request` and unit.yaml `request.ticket` refer to it.',
  }),
} as const;
