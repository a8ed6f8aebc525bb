/**
 * The strict SCORM 1.2 rules, checked on the log of API calls a session made: the end-to-end
 * tests assert them on every session, and `tandem preview`'s panel checks them live, call by call.
 * scorm-again, like many LMSs, is lenient (it takes 4,097-character suspend_data and writes after
 * LMSFinish); stricter LMSs reject such values and the learner's data is lost, so the rules here
 * are the strict reading. Formats from SCORM 1.2 RTE 3.4.2 (data types) and 3.4.4 (cmi.interactions).
 */
import { SUSPEND_DATA_LIMIT } from './scorm12Limits.js';

/** One call the SCO made on the LMS's API, with its arguments and what the API answered. */
export interface Scorm12Call {
  name: string;
  args: string[];
  result: string;
}

export interface Scorm12Violation {
  /** The index of the call that broke the rule; absent for a rule about the whole session. */
  call?: number;
  message: string;
}

/** RTE 3.4.2: cmi.core.lesson_location is a CMIString255. */
export const LESSON_LOCATION_LIMIT = 255;

const TIMESPAN = /^\d{2,4}:\d{2}:\d{2}(\.\d{1,2})?$/;
const TIME = /^([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d{1,2})?$/;
const SCORE = /^(100|\d{1,2})(\.\d{1,2})?$/;
/** CMIIdentifier: up to 255 characters, no white space. */
const IDENTIFIER = /^\S{1,255}$/;
const CHOICE_LIST = /^[0-9a-z](,[0-9a-z])*$/;
const RESPONSE: Record<string, RegExp> = {
  choice: CHOICE_LIST,
  sequencing: CHOICE_LIST,
  'true-false': /^[01tf]$/,
  numeric: /^-?\d+(\.\d+)?$/,
  'fill-in': /^[^\n]{0,255}$/,
};
const STATUSES = ['passed', 'failed', 'completed', 'incomplete', 'browsed'];
const ROW_FIELDS = ['id', 'objectives.0.id', 'time', 'type', 'correct_responses.0.pattern', 'student_response', 'result', 'latency'];

/**
 * Every violation in `calls`. With `ended: false` (a session still running, as the preview sees
 * it) the rules that can only be judged at the end (LMSFinish called once, a status committed
 * later, a row completed by the next call) wait for the calls that would settle them.
 */
export function checkScorm12Calls(calls: readonly Scorm12Call[], options: { ended: boolean } = { ended: true }): Scorm12Violation[] {
  const problems: Scorm12Violation[] = [];
  const fail = (message: string, call?: number) => problems.push(call === undefined ? { message } : { call, message });
  const ended = options.ended;
  const sets = calls.map((c, i) => ({ ...c, i })).filter((c) => c.name === 'LMSSetValue');

  if (calls.length && calls[0]!.name !== 'LMSInitialize') fail(`the first call is ${calls[0]!.name}, not LMSInitialize`, 0);
  const initializes = calls.map((c, i) => ({ c, i })).filter(({ c }) => c.name === 'LMSInitialize');
  if (initializes.length > 1) fail('LMSInitialize is not called exactly once', initializes[1]!.i);
  if (ended && initializes.length === 0) fail('LMSInitialize is not called exactly once');
  const finishes = calls.map((c, i) => ({ c, i })).filter(({ c }) => c.name === 'LMSFinish');
  if (ended && finishes.length !== 1) fail(`LMSFinish is called ${finishes.length} times`);
  const finish = finishes[0]?.i;
  if (finish !== undefined && finish < calls.length - 1) {
    const after = calls[finish + 1]!;
    fail(`${after.name}(${after.args.join(', ')}) comes after LMSFinish`, finish + 1);
  }

  for (const s of sets) {
    const [element = '', value = ''] = s.args;
    const at = (message: string) => fail(message, s.i);
    if (s.i + 1 < calls.length || ended) {
      if (calls[s.i + 1]?.name !== 'LMSGetLastError') at(`LMSSetValue(${element}) is not followed by LMSGetLastError`);
    }
    if (element === 'cmi.suspend_data' && value.length > SUSPEND_DATA_LIMIT) at(`suspend_data is ${value.length} characters (at most ${SUSPEND_DATA_LIMIT})`);
    if (element === 'cmi.core.lesson_location' && value.length > LESSON_LOCATION_LIMIT) at(`lesson_location is ${value.length} characters (at most ${LESSON_LOCATION_LIMIT})`);
    if (/score\.raw$/.test(element) && !(SCORE.test(value) && Number(value) <= 100)) at(`${element} = "${value}" is not 0–100 with ≤ 2 decimals`);
    if (/score\.min$/.test(element) && value !== '0') at(`${element} = "${value}"`);
    if (/score\.max$/.test(element) && value !== '100') at(`${element} = "${value}"`);
    if (element === 'cmi.core.session_time' && !TIMESPAN.test(value)) at(`session_time "${value}" is not HHHH:MM:SS.SS`);
    if (element === 'cmi.core.exit' && !['', 'suspend'].includes(value)) at(`exit "${value}"`);
    if (/status$/.test(element) && !STATUSES.includes(value)) at(`${element} = "${value}"`);
    if (element === 'cmi.core.lesson_status' && (value === 'passed' || value === 'failed')) {
      const since = lastIndex(calls, (c) => c.name === 'LMSCommit', s.i);
      if (!sets.some((x) => x.i > since && x.i < s.i && x.args[0] === 'cmi.core.score.raw')) at(`lesson_status "${value}" is set without setting the score first`);
    }
    if (element === 'cmi.core.lesson_status') {
      const after = calls.slice(s.i + 1);
      const commit = after.findIndex((c) => c.name === 'LMSCommit');
      const finished = after.findIndex((c) => c.name === 'LMSFinish');
      if ((commit < 0 && (ended || finished >= 0)) || (finished >= 0 && commit > finished)) at(`lesson_status "${value}" is not committed with LMSCommit`);
    }
  }
  const sessionTimes = sets.filter((s) => s.args[0] === 'cmi.core.session_time');
  if (sessionTimes.length > 1) fail('session_time is set more than once', sessionTimes[1]!.i);

  // Interactions: complete rows, id first, formats by type, each committed right after it is written.
  const rows = new Map<string, { first: number; last: number; values: Map<string, string> }>();
  for (const s of sets) {
    const m = /^cmi\.interactions\.(\d+)\.(.+)$/.exec(s.args[0] ?? '');
    // A row whose id the LMS refused is abandoned (the SCO must not send the rest of it).
    if (!m || (m[2] === 'id' && s.result !== 'true')) continue;
    const row = rows.get(m[1]!) ?? { first: s.i, last: s.i, values: new Map() };
    if (!rows.has(m[1]!) && m[2] !== 'id') fail(`interaction ${m[1]} starts with ${m[2]}, not id`, s.i);
    if ((m[2] === 'id' || m[2] === 'objectives.0.id') && !IDENTIFIER.test(s.args[1] ?? '')) fail(`interaction ${m[1]} ${m[2]} "${s.args[1]}" is not a CMIIdentifier`, s.i);
    row.values.set(m[2]!, s.args[1] ?? '');
    row.last = s.i;
    rows.set(m[1]!, row);
  }
  for (const [n, { first, last, values }] of rows) {
    // The row is written by consecutive calls; still being written when the session is live and it is last.
    let i = first;
    while (i < calls.length && (calls[i]!.name === 'LMSGetLastError' || isRowOrBookmark(calls[i]!, n))) i++;
    const settled = ended || i < calls.length;
    if (!settled) continue;
    for (const field of ROW_FIELDS) if (!values.has(field)) fail(`interaction ${n} has no ${field}`, first);
    const type = values.get('type') ?? '';
    if (!RESPONSE[type]) fail(`interaction ${n} has type "${type}"`, last);
    else {
      if (!RESPONSE[type]!.test(values.get('student_response') ?? '')) fail(`interaction ${n} (${type}) student_response "${values.get('student_response')}"`, last);
      for (const [field, value] of values) if (field.startsWith('correct_responses.') && !RESPONSE[type]!.test(value)) fail(`interaction ${n} (${type}) ${field} "${value}"`, last);
    }
    if (!['correct', 'wrong'].includes(values.get('result') ?? '')) fail(`interaction ${n} result "${values.get('result')}"`, last);
    if (!TIME.test(values.get('time') ?? '')) fail(`interaction ${n} time "${values.get('time')}" is not HH:MM:SS`, last);
    if (!TIMESPAN.test(values.get('latency') ?? '')) fail(`interaction ${n} latency "${values.get('latency')}" is not HHHH:MM:SS.SS`, last);
    // Committed right away: after the row (and the bookmark saved with it), the next call is LMSCommit.
    if (calls[i]?.name !== 'LMSCommit') fail(`interaction ${n} is not committed before ${calls[i]?.name ?? 'the end'}(${calls[i]?.args.join(', ') ?? ''})`, i < calls.length ? i : last);
  }
  return problems;
}

/** The violations of a finished session, in words, so a failing test says what went wrong. */
export function scorm12Violations(calls: readonly Scorm12Call[]): string[] {
  return checkScorm12Calls(calls, { ended: true }).map((v) => v.message);
}

/** The longest suspend_data a session wrote. */
export function longestSuspendData(calls: readonly Scorm12Call[]): number {
  return Math.max(0, ...calls.filter((c) => c.name === 'LMSSetValue' && c.args[0] === 'cmi.suspend_data').map((c) => (c.args[1] ?? '').length));
}

/** The values a session wrote to an element (or to the elements a pattern matches), in order. */
export function writes(calls: readonly Scorm12Call[], element: string | RegExp): string[] {
  return calls
    .filter((c) => c.name === 'LMSSetValue' && (typeof element === 'string' ? c.args[0] === element : element.test(c.args[0] ?? '')))
    .map((c) => c.args[1] ?? '');
}

function isRowOrBookmark(c: Scorm12Call, n: string): boolean {
  const element = c.args[0] ?? '';
  return c.name === 'LMSSetValue' && (element.startsWith(`cmi.interactions.${n}.`) || element === 'cmi.suspend_data' || element === 'cmi.core.lesson_location');
}

function lastIndex<T>(items: readonly T[], test: (item: T) => boolean, before: number): number {
  for (let i = before - 1; i >= 0; i--) if (test(items[i]!)) return i;
  return -1;
}
