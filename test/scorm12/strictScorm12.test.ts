/** The strict-rule checker used on every e2e session catches each violation it claims to. */
import { describe, expect, it } from 'vitest';
import { checkScorm12Calls } from '../../src/runtime/contract/scorm12Rules.js';
import { scorm12Violations } from './support/strictScorm12.js';
import type { ApiCall } from './support/testLms.js';

const call = (name: string, ...args: string[]): ApiCall => ({ name, args, result: 'true' });
/** LMSSetValue followed by LMSGetLastError, as the tracker does. */
const set = (element: string, value: string): ApiCall[] => [call('LMSSetValue', element, value), { name: 'LMSGetLastError', args: [], result: '0' }];
const interaction = (n: number, overrides: Record<string, string> = {}): ApiCall[] =>
  Object.entries({
    id: 'q1',
    'objectives.0.id': 'OBJ-1',
    time: '10:11:12',
    type: 'choice',
    'correct_responses.0.pattern': 'a,b',
    student_response: 'a,b',
    result: 'correct',
    latency: '0000:00:04.50',
    ...overrides,
  }).flatMap(([field, value]) => set(`cmi.interactions.${n}.${field}`, value));

const good: ApiCall[] = [
  call('LMSInitialize', ''),
  ...set('cmi.core.lesson_status', 'incomplete'),
  call('LMSCommit', ''),
  ...interaction(0),
  ...set('cmi.suspend_data', 'x'.repeat(4096)),
  call('LMSCommit', ''),
  ...set('cmi.core.score.raw', '66.67'),
  ...set('cmi.core.score.min', '0'),
  ...set('cmi.core.score.max', '100'),
  ...set('cmi.core.lesson_status', 'failed'),
  call('LMSCommit', ''),
  ...set('cmi.core.exit', ''),
  ...set('cmi.core.session_time', '0000:03:12.40'),
  call('LMSFinish', ''),
];

function without(log: ApiCall[], element: string): ApiCall[] {
  const i = log.findIndex((c) => c.args[0] === element);
  return [...log.slice(0, i), ...log.slice(i + 2)];
}

describe('scorm12Violations', () => {
  it('accepts a session that follows every rule', () => {
    expect(scorm12Violations(good)).toEqual([]);
  });

  it.each<[string, ApiCall[], RegExp]>([
    ['suspend_data over 4,096', good.map((c) => (c.args[0] === 'cmi.suspend_data' ? call('LMSSetValue', 'cmi.suspend_data', 'x'.repeat(4097)) : c)), /suspend_data is 4097/],
    ['a call after LMSFinish', [...good, ...set('cmi.core.exit', '')], /comes after LMSFinish/],
    ['LMSFinish twice', [...good, call('LMSFinish', '')], /LMSFinish is called 2 times/],
    ['LMSInitialize twice', [good[0]!, ...good], /LMSInitialize is not called exactly once/],
    ['status without a score first', without(good, 'cmi.core.score.raw'), /without setting the score first/],
    ['a score with 3 decimals', good.map((c) => (c.args[0] === 'cmi.core.score.raw' ? call('LMSSetValue', 'cmi.core.score.raw', '66.667') : c)), /not 0–100/],
    ['session_time as ISO 8601', good.map((c) => (c.args[0] === 'cmi.core.session_time' ? call('LMSSetValue', 'cmi.core.session_time', 'PT3M12S') : c)), /not HHHH:MM:SS/],
    ['no LMSGetLastError after a write', good.filter((c, i) => !(c.name === 'LMSGetLastError' && good[i - 1]?.args[0] === 'cmi.core.exit')), /not followed by LMSGetLastError/],
    ['an interaction without a result', without(good, 'cmi.interactions.0.result'), /interaction 0 has no result/],
    ['a 2004-style choice response', good.map((c) => (c.args[0] === 'cmi.interactions.0.student_response' ? call('LMSSetValue', c.args[0], 'a[,]b') : c)), /student_response "a\[,\]b"/],
    ['an interaction not committed', good.filter((c, i) => !(c.name === 'LMSCommit' && i > 3 && i < 25)), /interaction 0 is not committed/],
    ['a status never committed', good.filter((c, i) => !(c.name === 'LMSCommit' && i > 25)), /lesson_status "failed" is not committed/],
  ])('catches %s', (_name, log, expected) => {
    expect(scorm12Violations(log).join('\n')).toMatch(expected);
  });
});

describe('checkScorm12Calls on a session still running (tandem preview)', () => {
  const running = good.slice(0, good.findIndex((c) => c.args[0] === 'cmi.core.score.raw'));

  it('waits for the calls that settle end-of-session rules', () => {
    expect(checkScorm12Calls(running, { ended: false })).toEqual([]);
    expect(checkScorm12Calls(running, { ended: true }).map((v) => v.message).join('\n')).toMatch(/LMSFinish is called 0 times/);
  });

  it('points at the call that broke a rule', () => {
    const log = [...running, ...set('cmi.suspend_data', 'x'.repeat(4097))];
    expect(checkScorm12Calls(log, { ended: false })).toEqual([{ call: running.length, message: 'suspend_data is 4097 characters (at most 4096)' }]);
  });
});
