/**
 * The SCORM 1.2 tracker against scripted LMS behaviour that scorm-again does not show: an LMS
 * that refuses to initialize, one without objectives or interactions, and saved progress that is
 * too long to send. The end-to-end tests cover a complete, well-behaved LMS.
 */
import { describe, expect, it } from 'vitest';
import type { LessonData } from '../../src/runtime/contract/lessonData.js';
import type { Scorm12Api } from '../../src/runtime/scorm12/findApi.js';
import { Scorm12Tracker } from '../../src/runtime/scorm12/scorm12Tracker.js';

const lesson: LessonData = {
  format: 1,
  courseId: 'c',
  unitId: 'u',
  unitVersion: '1.0.0',
  title: 'T',
  objectiveId: 'OBJ-1',
  masteryScore: 80,
  fingerprint: 'abcd1234',
  screens: [{ title: 'One', questionIds: ['q1'] }],
  questions: [{ id: 'q1', type: 'true-false', prompt: 'p', feedback: { correct: 'y', incorrect: 'n' }, answer: true }],
};

/** A scripted LMS: `values` answer LMSGetValue; elements in `missing` answer error 401. */
function fakeLms(options: { initialize?: string; values?: Record<string, string>; missing?: RegExp } = {}) {
  const calls: string[] = [];
  let error = '0';
  const values: Record<string, string> = { 'cmi.core.lesson_status': 'not attempted', 'cmi.core.entry': 'ab-initio', 'cmi.core.credit': 'credit', 'cmi.core.lesson_mode': 'normal', ...options.values };
  const api: Scorm12Api = {
    LMSInitialize: () => (calls.push('LMSInitialize'), options.initialize ?? 'true'),
    LMSFinish: () => (calls.push('LMSFinish'), 'true'),
    LMSCommit: () => (calls.push('LMSCommit'), (error = '0'), 'true'),
    LMSGetValue: (e) => {
      calls.push(`get ${e}`);
      if (options.missing?.test(e)) return (error = '401'), '';
      error = '0';
      return values[e] ?? '';
    },
    LMSSetValue: (e, v) => {
      calls.push(`set ${e}=${v}`);
      if (options.missing?.test(e)) return (error = '401'), 'false';
      error = '0';
      values[e] = v;
      return 'true';
    },
    LMSGetLastError: () => error,
    LMSGetErrorString: () => 'Not implemented',
    LMSGetDiagnostic: () => '',
  };
  return { api, calls, values };
}

const quiet = { warn: () => undefined, info: () => undefined };
const progress = { location: '1', state: '1abcd1234~0~0~1~0~t' };

describe('the SCORM 1.2 tracker', () => {
  it('records nothing, and never calls again, when LMSInitialize fails', () => {
    const lms = fakeLms({ initialize: 'false' });
    const warnings: string[] = [];
    const tracker = new Scorm12Tracker(lms.api, lesson, { warn: (m: string) => warnings.push(m), info: () => undefined });
    expect(tracker.start()).toMatchObject({ connected: false, recordsProgress: false });
    tracker.recordAnswer({ question: lesson.questions[0]!, response: true, correct: true, latencyMs: 1000, answeredAt: new Date() }, progress);
    tracker.finish(progress, true);
    expect(lms.calls).toEqual(['LMSInitialize']);
    expect(warnings[0]).toMatch(/LMSInitialize failed/);
  });

  it('skips objectives and interactions an LMS does not implement, and still records status and score', () => {
    const lms = fakeLms({ missing: /^cmi\.(objectives|interactions)\./ });
    const tracker = new Scorm12Tracker(lms.api, lesson, quiet);
    tracker.start();
    tracker.recordAnswer({ question: lesson.questions[0]!, response: true, correct: true, latencyMs: 1000, answeredAt: new Date() }, progress);
    tracker.recordResult({ scorePercent: 100, passed: true }, progress);
    tracker.finish(progress, true);
    expect(lms.calls.filter((c) => c.startsWith('set cmi.objectives') || c.startsWith('set cmi.interactions'))).toEqual([]);
    expect(lms.values).toMatchObject({ 'cmi.core.lesson_status': 'passed', 'cmi.core.score.raw': '100', 'cmi.core.exit': '' });
    expect(lms.calls.at(-1)).toBe('LMSFinish');
  });

  it('carries on when the LMS API throws, and still finishes', () => {
    const lms = fakeLms();
    const warnings: string[] = [];
    lms.api.LMSSetValue = () => {
      throw new Error('Permission denied to access object');
    };
    const tracker = new Scorm12Tracker(lms.api, lesson, { warn: (m: string) => warnings.push(m), info: () => undefined });
    tracker.start();
    expect(() => tracker.recordResult({ scorePercent: 100, passed: true }, progress)).not.toThrow();
    expect(() => tracker.finish(progress, true)).not.toThrow();
    expect(lms.calls.at(-1)).toBe('LMSFinish');
    expect(warnings.some((w) => /LMSSetValue threw \(Permission denied/.test(w))).toBe(true);
  });

  it('never sends saved progress over 4,096 characters', () => {
    const lms = fakeLms();
    const warnings: string[] = [];
    const tracker = new Scorm12Tracker(lms.api, lesson, { warn: (m: string) => warnings.push(m), info: () => undefined });
    tracker.start();
    tracker.saveProgress({ location: '1', state: 'x'.repeat(4097) });
    expect(lms.calls.some((c) => c.startsWith('set cmi.suspend_data'))).toBe(false);
    expect(warnings[0]).toMatch(/4097 characters/);
  });

  it('finishes once: a second finish (exit button, then pagehide) sends nothing', () => {
    const lms = fakeLms();
    const tracker = new Scorm12Tracker(lms.api, lesson, quiet, (() => { let t = 0; return () => (t += 61_500); })());
    tracker.start();
    tracker.finish(progress, false);
    const count = lms.calls.length;
    tracker.finish(progress, false);
    tracker.saveProgress({ location: '2', state: progress.state });
    expect(lms.calls.length).toBe(count);
    expect(lms.values['cmi.core.exit']).toBe('suspend');
    expect(lms.values['cmi.core.session_time']).toBe('0000:01:01.50');
  });
});

describe('the SCORM 1.2 tracker in Moodle browse and review launches', () => {
  it('marks a browse launch of a lesson not yet attempted as browsed, and commits it', () => {
    const lms = fakeLms({ values: { 'cmi.core.lesson_mode': 'browse', 'cmi.core.credit': 'no-credit' } });
    const tracker = new Scorm12Tracker(lms.api, lesson, quiet);
    expect(tracker.start()).toMatchObject({ mode: 'browse', recordsProgress: false });
    expect(lms.calls.slice(lms.calls.indexOf('set cmi.core.lesson_status=browsed'))[1]).toBe('LMSCommit');
    tracker.finish(progress, false);
    expect(lms.values['cmi.core.lesson_status']).toBe('browsed');
  });

  it('sends no session time in review', () => {
    const lms = fakeLms({ values: { 'cmi.core.lesson_mode': 'review', 'cmi.core.lesson_status': 'passed', 'cmi.core.entry': '' } });
    const tracker = new Scorm12Tracker(lms.api, lesson, quiet);
    tracker.start();
    tracker.finish(progress, true);
    expect(lms.calls.filter((c) => c.startsWith('set '))).toEqual([]);
    expect(lms.calls.at(-1)).toBe('LMSFinish');
  });
});
