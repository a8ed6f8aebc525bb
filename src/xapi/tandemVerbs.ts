/**
 * Every verb IRI a Tandem artifact puts in a statement: the ADL verbs of lesson statements
 * (runtime/statements, built by compile/lesson/lessonStatementPlan) and the registry's `viewed` of
 * an online job aid (compile/jobAid/jobAidStatement). The relay of `tandem serve` accepts these and
 * no others; test/serve/allowList.test.ts keeps this list equal to what the compiler emits.
 */
import { VERB_NAMES } from '../runtime/contract/xapiPlan.js';

/** ADL's verb space, xAPI 1.0.3 §4.1.3 and the ADL vocabulary. */
const ADL = 'http://adlnet.gov/expapi/verbs/';

/** The lesson verbs: the ones the lesson runtime may send (its contract's VERB_NAMES). */
export const LESSON_VERB_IRIS = VERB_NAMES.map((name) => `${ADL}${name}`);

/** The one verb of an online job aid: "the actor has viewed the object". */
export const JOB_AID_VERB_IRI = 'http://id.tincanapi.com/verb/viewed';

export const TANDEM_VERB_IRIS: ReadonlySet<string> = new Set([...LESSON_VERB_IRIS, JOB_AID_VERB_IRI]);
