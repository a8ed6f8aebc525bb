/**
 * Moodle's SCORM reports, downloaded as CSV (mod/scorm/report/basic and .../interactions):
 *
 *     Name, [identity fields: Email address, ID number…], Attempt, Started on, Last accessed on, Score,
 *     [basic: one column per SCO, titled as the SCO, holding its status, e.g. "Passed"]
 *     [interactions: Question 1, Response 1, Right answer 1, Result 1, Question 2, …]
 *
 * Moodle writes dates with the `strftimedatetime` format ("3 November 2026, 10:05 AM") in the
 * downloading user's time zone; Tandem reads them as UTC, so download with your profile's time
 * zone set to UTC (ISO 8601 dates are read too). A Tandem SCORM package records each answer as
 * `cmi.interactions.n` with the question id, so "Question n" holds Tandem's question id.
 */
import { diagnose } from '../../diagnostics/index.js';
import { adlVerbIri, lessonIri, objectiveIri, questionIri } from '../../xapi/index.js';
import type { LmsAdapter } from './lmsAdapter.js';

const BASE_COLUMNS = ['Attempt', 'Started on', 'Last accessed on', 'Score'];
const INTERACTION_COLUMN = /^(Question|Response|Right answer|Result) (\d+)$/;
const IDENTITY = ['Email address', 'Username', 'ID number', 'Name', 'First name', 'Last name', 'Surname'];
const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

export const moodleScormReport: LmsAdapter = {
  name: 'moodle-scorm-report',
  recognises: (header) => BASE_COLUMNS.every((c) => header.includes(c)),
  statements(row, ctx) {
    const actor = learner(row);
    const started = moodleDate(row.get('Started on') ?? '');
    if (!actor || started === undefined) {
      return diagnose('LMS_ROW_UNUSABLE', { reason: actor ? `the "Started on" date "${row.get('Started on') ?? ''}" cannot be read` : 'it names no learner (no Email address, Username, ID number or Name)' }, { file: ctx.file, line: ctx.line, column: 1 });
    }
    const finished = moodleDate(row.get('Last accessed on') ?? '') ?? started;
    const attempt = row.get('Attempt') || '1';
    const key = JSON.stringify(actor);
    const make = (verb: string, at: number, object: object, extra: object = {}, part: string | number = verb) => ({
      id: ctx.idFor(key, attempt, part),
      timestamp: new Date(at).toISOString(),
      actor,
      verb: { id: adlVerbIri(verb) },
      object,
      context: { revision: ctx.unit.contract.version, platform: 'Moodle SCORM report', contextActivities: { parent: [{ id: objectiveIri(ctx.course.config.baseIri, ctx.unit.contract.objective.id) }] } },
      ...extra,
    });
    const lesson = { objectType: 'Activity', id: lessonIri(ctx.course.config.baseIri, ctx.unit.id) };
    const statements: object[] = [make('initialized', started, lesson)];

    for (const [column, value] of row) {
      const m = INTERACTION_COLUMN.exec(column);
      if (!m || m[1] !== 'Question' || !value) continue;
      const n = Number(m[2]);
      const outcome = (row.get(`Result ${n}`) ?? '').toLowerCase();
      const response = row.get(`Response ${n}`);
      const result = {
        ...(outcome === 'correct' ? { success: true } : outcome === 'wrong' || outcome === 'incorrect' ? { success: false } : {}),
        ...(response ? { response } : {}),
      };
      // Only the attempt's start time is exported; answers keep their order within it.
      statements.push(make('answered', started + n * 1000, { objectType: 'Activity', id: questionIri(ctx.course.config.baseIri, ctx.unit.id, value) }, { result }, `q${n}`));
    }

    const score = Number(row.get('Score'));
    const scored = row.get('Score') !== '' && Number.isFinite(score) ? { score: { raw: score, min: 0, max: 100, scaled: score / 100 } } : {};
    const status = scoStatus(row);
    if (status === 'passed' || status === 'failed') statements.push(make(status, finished, lesson, { result: { ...scored, success: status === 'passed' } }));
    // SCORM 1.2 RTE 3.4.2: passed and failed are statuses of a finished lesson, so they complete it too.
    if (status === 'passed' || status === 'failed' || status === 'completed') statements.push(make('completed', finished, lesson, { result: { completion: true } }));
    return statements;
  },
};

/** The SCO columns of the basic report: any column that is not a base, identity or interaction column. */
function scoStatus(row: ReadonlyMap<string, string>): 'passed' | 'failed' | 'completed' | undefined {
  for (const [column, value] of row) {
    if (BASE_COLUMNS.includes(column) || IDENTITY.includes(column) || INTERACTION_COLUMN.test(column)) continue;
    const status = value.trim().toLowerCase().split(/\s/)[0];
    if (status === 'passed' || status === 'failed' || status === 'completed') return status;
  }
  return undefined;
}

function learner(row: ReadonlyMap<string, string>): object | undefined {
  const email = row.get('Email address');
  if (email) return { objectType: 'Agent', mbox: `mailto:${email.toLowerCase()}` };
  for (const column of ['Username', 'ID number', 'Name']) {
    const value = row.get(column);
    if (value) return { objectType: 'Agent', account: { homePage: 'urn:tandem:moodle', name: `${column}:${value}` } };
  }
  const first = row.get('First name');
  const last = row.get('Last name') ?? row.get('Surname');
  return first || last ? { objectType: 'Agent', account: { homePage: 'urn:tandem:moodle', name: `Name:${[first, last].filter(Boolean).join(' ')}` } } : undefined;
}

/** Moodle's `strftimedatetime` ("3 November 2026, 10:05 AM"), or ISO 8601, as UTC epoch ms. */
export function moodleDate(text: string): number | undefined {
  const m = /^(?:[A-Za-z]+,\s*)?(\d{1,2}) ([A-Za-z]+) (\d{4}),\s*(\d{1,2}):(\d{2})\s*([AaPp][Mm])?$/.exec(text.trim());
  if (m) {
    const month = MONTHS.indexOf(m[2]!.toLowerCase());
    if (month < 0) return undefined;
    let hour = Number(m[4]);
    if (m[6]) hour = (hour % 12) + (m[6].toLowerCase() === 'pm' ? 12 : 0);
    return Date.UTC(Number(m[3]), month, Number(m[1]), hour, Number(m[5]));
  }
  if (/^\d{4}-\d{2}-\d{2}/.test(text.trim())) {
    const at = Date.parse(text.trim());
    return Number.isNaN(at) ? undefined : at;
  }
  return undefined;
}
