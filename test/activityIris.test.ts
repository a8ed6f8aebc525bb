/** The objective IRI is the join key between lesson results and job-aid opens: its shape is API. */
import { describe, expect, it } from 'vitest';
import { ACTIVITY_TYPES, extensionIri, jobAidIri, lessonIri, objectiveIri, unitIri } from '../src/xapi/activityIris.js';

describe('activity IRIs', () => {
  const base = 'https://learn.acme.example/xapi';

  it('derives the objective IRI from base_iri and the objective id', () => {
    expect(objectiveIri(base, 'OBJ-SUP-REFUND-500')).toBe('https://learn.acme.example/xapi/objectives/OBJ-SUP-REFUND-500');
  });

  it('ignores a trailing slash on base_iri, so configs written either way give the same IRIs', () => {
    expect(objectiveIri(`${base}/`, 'OBJ-1')).toBe(objectiveIri(base, 'OBJ-1'));
    expect(jobAidIri(`${base}//`, 'u')).toBe(jobAidIri(base, 'u'));
  });

  it('nests the lesson and job aid under their unit', () => {
    expect(unitIri(base, 'refund-approval')).toBe(`${base}/units/refund-approval`);
    expect(lessonIri(base, 'refund-approval')).toBe(`${base}/units/refund-approval/lesson`);
    expect(jobAidIri(base, 'refund-approval')).toBe(`${base}/units/refund-approval/job-aid`);
    expect(extensionIri(base, 'printed-version')).toBe(`${base}/extensions/printed-version`);
  });

  it("uses ADL's objective activity type", () => {
    expect(ACTIVITY_TYPES.objective).toBe('http://adlnet.gov/expapi/activities/objective');
  });
});
