/**
 * The shared statement builder, in Node: every kind of statement a lesson makes, for every unit of
 * the sample course, under a Tin Can launch and under a cmi5 context template, passes Learning
 * Locker's validator and carries the objective, unit, course and extensions. IRIs are stable across
 * rebuilds; interaction definitions and responses use xAPI's formats.
 */
import xapiPackage from '@xapi/xapi';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Course } from '../../src/course/model/course.js';
import { loadCourse } from '../../src/course/loadCourse.js';
import { interactionResponse } from '../../src/runtime/statements/interactionResponse.js';
import { StatementFactory } from '../../src/runtime/statements/statementFactory.js';
import { isoDuration, newUuid } from '../../src/runtime/statements/statementIds.js';
import { buildLessonData } from '../../src/compile/lesson/buildLessonData.js';
import { lessonStatementPlan } from '../../src/compile/lesson/lessonStatementPlan.js';
import { lessonProblems, xapiProblems } from '../support/xapiChecks.js';

const XAPI = xapiPackage.default;
let course: Course;
const actor = { objectType: 'Agent' as const, name: 'Ann Example', account: { homePage: 'https://lms.example.com', name: 'ann' } };
const registration = '8f2a0c6e-1b7d-4e3f-9a5b-2c4d6e8f0a1b';

beforeAll(async () => {
  const loaded = await loadCourse('fixtures/sample-course');
  course = loaded.course!;
});

describe('lesson statements', () => {
  it('pass the xAPI validator and carry objective, unit, course and extensions, for every unit (Tin Can and cmi5 contexts)', () => {
    for (const unit of course.units) {
      const plan = lessonStatementPlan(course, unit, { buildId: 'abc123def4567890' });
      const lesson = buildLessonData(unit, course);
      const template = {
        contextActivities: {
          parent: [{ objectType: 'Activity' as const, id: 'https://lms.example.com/courses/7' }],
          grouping: [{ objectType: 'Activity' as const, id: plan.lesson.id }],
        },
        extensions: { 'https://w3id.org/xapi/cmi5/context/extensions/sessionid': 'session-1' },
      };
      for (const launch of [
        { actor, registration, lessonId: plan.lesson.id },
        { actor, registration, lessonId: 'https://lms.example.com/au/42', template },
      ]) {
        const factory = new StatementFactory(plan, launch);
        const statements = [
          factory.lesson('initialized'),
          factory.screen(0),
          factory.lesson('progressed', { result: { extensions: { 'https://w3id.org/xapi/cmi5/result/extensions/progress': 40 } } }),
          ...lesson.questions.map((q) => factory.question(q.id, { result: { response: correctResponse(q), success: true, duration: isoDuration(12_340) } })),
          factory.lesson('completed', { result: { completion: true, duration: isoDuration(300_000) } }),
          factory.lesson('passed', { result: { score: { scaled: 1, raw: 3, min: 0, max: 3 }, success: true, duration: 'PT5M' } }),
          factory.lesson('terminated', { result: { duration: 'PT5M1S' } }),
        ];
        for (const s of statements) {
          expect(xapiProblems(s), JSON.stringify(s)).toEqual([]);
          expect(
            lessonProblems(s, {
              baseIri: course.config.baseIri,
              objectiveId: unit.contract.objective.id,
              unitId: unit.id,
              courseId: course.config.id,
              unitVersion: unit.contract.version,
              registration,
              templateParents: launch.template ? ['https://lms.example.com/courses/7'] : [],
            }),
          ).toEqual([]);
        }
        if (launch.template) {
          // The template's own values win and its entries come first (cmi5 10.2.1).
          expect(statements[0]!.context!.extensions!['https://w3id.org/xapi/cmi5/context/extensions/sessionid']).toBe('session-1');
          expect(statements[0]!.context!.contextActivities!.grouping![0]!.id).toBe(plan.lesson.id);
          expect(statements[0]!.object).toMatchObject({ id: 'https://lms.example.com/au/42' });
        }
      }
    }
  });

  it('names the same activities on every rebuild, and the objective as the job aid does', () => {
    const unit = course.units.find((u) => u.id === 'refund-approval')!;
    const first = lessonStatementPlan(course, unit, { buildId: 'x' });
    const second = lessonStatementPlan(course, unit, { buildId: 'x' });
    expect(second).toEqual(first);
    expect(first.objective.id).toBe('https://learn.acme.example/xapi/objectives/OBJ-SUP-REFUND-500');
    expect(first.lesson.id).toBe('https://learn.acme.example/xapi/units/refund-approval/lesson');
    expect(Object.values(first.questions).map((q) => q.id)).toEqual(unit.lesson!.questions.map((q) => `${first.lesson.id}/questions/${q.id}`));
  });

  it('gives each question type its xAPI interaction type and a correct-response pattern the right answer matches', () => {
    const seen = new Set<string>();
    for (const unit of course.units) {
      const plan = lessonStatementPlan(course, unit, { buildId: 'x' });
      for (const q of buildLessonData(unit, course).questions) {
        const definition = plan.questions[q.id]!.definition;
        seen.add(definition.interactionType);
        const expected = { 'single-choice': 'choice', 'multiple-choice': 'choice' }[q.type as string] ?? q.type;
        expect(definition.interactionType).toBe(expected);
        const pattern = definition.correctResponsesPattern!;
        if (q.type === 'fill-in') expect(pattern.map((p) => p.replace(/^\{case_matters=(true|false)\}/, ''))).toContain(correctResponse(q));
        else if (q.type === 'numeric' && pattern[0]!.includes('[:]')) {
          const [lo, hi] = pattern[0]!.split('[:]').map(Number);
          expect(q.answer).toBeGreaterThanOrEqual(lo!);
          expect(q.answer).toBeLessThanOrEqual(hi!);
        } else expect(pattern).toEqual([correctResponse(q)]);
        if (definition.interactionType === 'choice' || definition.interactionType === 'sequencing') expect(definition.choices!.length).toBeGreaterThan(1);
      }
    }
    expect(seen.size).toBeGreaterThan(1);
  });

  it('writes durations as @xapi/xapi does, and random v4 UUIDs without crypto.randomUUID', () => {
    for (const ms of [0, 10, 999, 61_000, 3_723_450, 90_061_000]) {
      expect(seconds(isoDuration(ms))).toBeCloseTo(seconds(XAPI.calculateISO8601Duration(new Date(0), new Date(ms))), 2);
    }
    const fake = { getRandomValues: (a: Uint8Array) => crypto.getRandomValues(a) } as unknown as Crypto;
    expect(newUuid(fake)).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});

function correctResponse(q: ReturnType<typeof buildLessonData>['questions'][number]): string {
  switch (q.type) {
    case 'single-choice':
    case 'multiple-choice':
      return interactionResponse(q, q.choices.filter((c) => c.correct).map((c) => c.id));
    case 'true-false':
      return interactionResponse(q, q.answer);
    case 'fill-in':
      return interactionResponse(q, q.answers[0]!);
    case 'numeric':
      return interactionResponse(q, q.answer);
    case 'sequencing':
      return interactionResponse(q, q.steps.map((s) => s.id));
  }
}

/** Seconds in an ISO 8601 duration of days, hours, minutes and seconds. */
function seconds(duration: string): number {
  const m = /^P(?:(\d+)D)?T?(?:(\d+)H)?(?:(\d+)M)?(?:([\d.]+)S)?$/.exec(duration)!;
  return Number(m[1] ?? 0) * 86400 + Number(m[2] ?? 0) * 3600 + Number(m[3] ?? 0) * 60 + Number(m[4] ?? 0);
}
