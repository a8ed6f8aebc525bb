/**
 * Verb IRIs that more than one area must agree on: the job aid's `viewed` (written by the job-aid
 * page, counted by reports) and ADL's `voided` (xAPI 1.0.3 Data §2.4.8: a voiding statement's
 * object is a StatementRef to the statement it cancels). The lessons' own ADL verbs are
 * `http://adlnet.gov/expapi/verbs/<name>` for the names in runtime/contract/xapiPlan.
 */

/** xAPI registry verb: "the actor has viewed the object". */
export const VIEWED_VERB = { id: 'http://id.tincanapi.com/verb/viewed', display: { 'en-US': 'viewed' } } as const;

/** xAPI 1.0.3 Data §2.4.8: the one verb that voids another statement. */
export const VOIDED_VERB_ID = 'http://adlnet.gov/expapi/verbs/voided';

/** The IRI of an ADL verb by name, e.g. `passed` → `http://adlnet.gov/expapi/verbs/passed`. */
export function adlVerbIri(name: string): string {
  return `http://adlnet.gov/expapi/verbs/${name}`;
}
