/**
 * The strict SCORM 1.2 rules, checked on the log of API calls a session made. Returns the
 * violations in words, so a failing test says what went wrong. Formats from SCORM 1.2 RTE 3.4.2
 * (data types) and 3.4.4 (cmi.interactions).
 */
import type { ApiCall } from './testLms.js';

const TIMESPAN = /^\d{2,4}:\d{2}:\d{2}(\.\d{1,2})?$/;
const TIME = /^([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d{1,2})?$/;
const SCORE = /^(100|\d{1,2})(\.\d{1,2})?$/;
const CHOICE_LIST = /^[0-9a-z](,[0-9a-z])*$/;
const RESPONSE: Record<string, RegExp> = {
  choice: CHOICE_LIST,
  sequencing: CHOICE_LIST,
  'true-false': /^[01tf]$/,
  numeric: /^-?\d+(\.\d+)?$/,
  'fill-in': /^[^\n]{0,255}$/,
};

export function scorm12Violations(calls: readonly ApiCall[]): string[] {
  const problems: string[] = [];
  const fail = (text: string) => problems.push(text);
  const sets = calls.map((c, i) => ({ ...c, i })).filter((c) => c.name === 'LMSSetValue');

  if (calls[0]?.name !== 'LMSInitialize') fail(`the first call is ${calls[0]?.name}, not LMSInitialize`);
  if (calls.filter((c) => c.name === 'LMSInitialize').length !== 1) fail('LMSInitialize is not called exactly once');
  const finishes = calls.filter((c) => c.name === 'LMSFinish').length;
  if (finishes !== 1) fail(`LMSFinish is called ${finishes} times`);
  if (calls.at(-1)?.name !== 'LMSFinish') fail(`${calls.at(-1)?.name}(${calls.at(-1)?.args.join(', ')}) comes after LMSFinish`);

  for (const s of sets) {
    const [element = '', value = ''] = s.args;
    if (calls[s.i + 1]?.name !== 'LMSGetLastError') fail(`LMSSetValue(${element}) is not followed by LMSGetLastError`);
    if (element === 'cmi.suspend_data' && value.length > 4096) fail(`suspend_data is ${value.length} characters`);
    if (element === 'cmi.core.lesson_location' && value.length > 255) fail(`lesson_location is ${value.length} characters`);
    if (/score\.raw$/.test(element) && !(SCORE.test(value) && Number(value) <= 100)) fail(`${element} = "${value}" is not 0–100 with ≤ 2 decimals`);
    if (/score\.min$/.test(element) && value !== '0') fail(`${element} = "${value}"`);
    if (/score\.max$/.test(element) && value !== '100') fail(`${element} = "${value}"`);
    if (element === 'cmi.core.session_time' && !TIMESPAN.test(value)) fail(`session_time "${value}" is not HHHH:MM:SS.SS`);
    if (element === 'cmi.core.exit' && !['', 'suspend'].includes(value)) fail(`exit "${value}"`);
    if (/status$/.test(element) && !['passed', 'failed', 'completed', 'incomplete', 'browsed'].includes(value)) fail(`${element} = "${value}"`);
    if (element === 'cmi.core.lesson_status' && (value === 'passed' || value === 'failed')) {
      const since = lastIndex(calls, (c) => c.name === 'LMSCommit', s.i);
      if (!sets.some((x) => x.i > since && x.i < s.i && x.args[0] === 'cmi.core.score.raw')) fail(`lesson_status "${value}" is set without setting the score first`);
    }
    if (element === 'cmi.core.lesson_status') {
      const after = calls.slice(s.i + 1);
      const commit = after.findIndex((c) => c.name === 'LMSCommit');
      const finish = after.findIndex((c) => c.name === 'LMSFinish');
      if (commit < 0 || (finish >= 0 && commit > finish)) fail(`lesson_status "${value}" is not committed with LMSCommit`);
    }
  }
  if (sets.filter((s) => s.args[0] === 'cmi.core.session_time').length > 1) fail('session_time is set more than once');

  // Interactions: complete rows, id first, formats by type, each committed right after it is written.
  const rows = new Map<string, { first: number; values: Map<string, string> }>();
  for (const s of sets) {
    const m = /^cmi\.interactions\.(\d+)\.(.+)$/.exec(s.args[0] ?? '');
    // A row whose id the LMS refused is abandoned (the SCO must not send the rest of it).
    if (!m || (m[2] === 'id' && s.result !== 'true')) continue;
    const row = rows.get(m[1]!) ?? { first: s.i, values: new Map() };
    if (!rows.has(m[1]!) && m[2] !== 'id') fail(`interaction ${m[1]} starts with ${m[2]}, not id`);
    row.values.set(m[2]!, s.args[1] ?? '');
    rows.set(m[1]!, row);
  }
  for (const [n, { first, values }] of rows) {
    for (const field of ['id', 'objectives.0.id', 'time', 'type', 'correct_responses.0.pattern', 'student_response', 'result', 'latency']) {
      if (!values.has(field)) fail(`interaction ${n} has no ${field}`);
    }
    const type = values.get('type') ?? '';
    if (!RESPONSE[type]) fail(`interaction ${n} has type "${type}"`);
    else {
      if (!RESPONSE[type]!.test(values.get('student_response') ?? '')) fail(`interaction ${n} (${type}) student_response "${values.get('student_response')}"`);
      for (const [field, value] of values) if (field.startsWith('correct_responses.') && !RESPONSE[type]!.test(value)) fail(`interaction ${n} (${type}) ${field} "${value}"`);
    }
    if (!['correct', 'wrong'].includes(values.get('result') ?? '')) fail(`interaction ${n} result "${values.get('result')}"`);
    if (!TIME.test(values.get('time') ?? '')) fail(`interaction ${n} time "${values.get('time')}" is not HH:MM:SS`);
    if (!TIMESPAN.test(values.get('latency') ?? '')) fail(`interaction ${n} latency "${values.get('latency')}" is not HHHH:MM:SS.SS`);
    // Committed right away: after the row (and the bookmark saved with it), the next call is LMSCommit.
    let i = first;
    while (i < calls.length && (calls[i]!.name === 'LMSGetLastError' || isRowOrBookmark(calls[i]!, n))) i++;
    if (calls[i]?.name !== 'LMSCommit') fail(`interaction ${n} is not committed before ${calls[i]?.name ?? 'the end'}(${calls[i]?.args.join(', ') ?? ''})`);
  }
  return problems;
}

function isRowOrBookmark(c: ApiCall, n: string): boolean {
  const element = c.args[0] ?? '';
  return c.name === 'LMSSetValue' && (element.startsWith(`cmi.interactions.${n}.`) || element === 'cmi.suspend_data' || element === 'cmi.core.lesson_location');
}

/** The longest suspend_data a session wrote. */
export function longestSuspendData(calls: readonly ApiCall[]): number {
  return Math.max(0, ...calls.filter((c) => c.name === 'LMSSetValue' && c.args[0] === 'cmi.suspend_data').map((c) => c.args[1]!.length));
}

export function writes(calls: readonly ApiCall[], element: string | RegExp): string[] {
  return calls
    .filter((c) => c.name === 'LMSSetValue' && (typeof element === 'string' ? c.args[0] === element : element.test(c.args[0]!)))
    .map((c) => c.args[1]!);
}

function lastIndex<T>(items: readonly T[], test: (item: T) => boolean, before: number): number {
  for (let i = before - 1; i >= 0; i--) if (test(items[i]!)) return i;
  return -1;
}
