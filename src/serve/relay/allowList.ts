/* eslint-disable @typescript-eslint/no-explicit-any -- statements here are network JSON the xAPI validator has already accepted; the checks read fields defensively */
/**
 * What the relay forwards: only statements a page of the served release could have made. Built
 * from the release manifest (its units and objectives) and the course's `base_iri`, with the same
 * IRI derivations the compiler uses (src/xapi), so a statement passes exactly when it names one of
 * this release's job aids, lessons (or their questions and screens) with a verb Tandem emits, and
 * carries its unit's objective in `context.contextActivities.parent`.
 *
 * Actors: a page's anonymous account (homePage on an allowed origin, an opaque name), or, from the
 * lessons of SCORM packages built with `scorm12.report_xapi`, the LMS learner: an account with the
 * course's lms-learners homePage exactly and the LMS's `cmi.core.student_id` as its name. That one
 * is accepted only for lesson statements and only when the release reports xAPI from SCORM; the
 * verdict says so, and the relay hashes the name before anything is stored. With the setting off,
 * the same actor is refused rather than taken as an anonymous one, so a raw LMS id never lands in
 * the journal.
 */
import type { ReleaseManifest } from '../../release/releaseManifest.js';
import { courseIri, jobAidIri, lessonIri, lmsLearnerHomePage, objectiveIri, pathIri, unitIri } from '../../xapi/activityIris.js';
import { TANDEM_VERB_IRIS } from '../../xapi/tandemVerbs.js';

export interface AllowedActivity {
  unitId: string;
  objectiveId: string;
  objectiveIri: string;
  /** The lesson (or a question or screen of it), the job aid, or the unit. */
  kind: 'lesson' | 'jobAid' | 'unit';
}

export type AllowListVerdict =
  | { ok: true; activity: AllowedActivity; lmsLearner?: { homePage: string; name: string } }
  | { ok: false; code: 'RELAY_VERB_NOT_ALLOWED'; verb: string }
  | { ok: false; code: 'RELAY_ACTIVITY_NOT_ALLOWED'; activity: string }
  | { ok: false; code: 'RELAY_OBJECTIVE_MISSING'; objective: string }
  | { ok: false; code: 'RELAY_ACTOR_NOT_ALLOWED'; reason: string };

/** An account name as Tandem pages make it: a UUID, or the relay's own hex hash. */
const ACCOUNT_NAME = /^[A-Za-z0-9._:-]{1,128}$/;
/** SCORM 1.2 RTE 3.4.2: cmi.core.student_id is a CMIIdentifier, at most 255 printable characters, no white space. */
const LMS_LEARNER_ID = /^[\p{L}\p{M}\p{N}\p{P}\p{S}]{1,255}$/u;

export class AllowList {
  private readonly objects = new Map<string, AllowedActivity>();
  /** `…/units/<id>/lesson/`: questions and screens of a lesson live under it. */
  private readonly lessonPrefixes: [string, AllowedActivity][] = [];
  private readonly parents = new Set<string>();
  /** The account homePage of SCORM packages' LMS learners (see lmsLearnerHomePage). */
  private readonly lmsLearnerHomePage: string;

  constructor(
    baseIri: string,
    manifest: Pick<ReleaseManifest, 'course' | 'units' | 'paths'>,
    /** Origins an actor's account.homePage may have (the job-aid origin, lesson origins, the identity home page). */
    private readonly homePageOrigins: ReadonlySet<string>,
    /** The release's SCORM packages report xAPI (scorm12.report_xapi): their LMS learners are accepted, to be hashed. */
    private readonly lmsLearners = false,
  ) {
    this.lmsLearnerHomePage = lmsLearnerHomePage(baseIri, manifest.course.id);
    for (const unit of manifest.units) {
      const of = (kind: AllowedActivity['kind']): AllowedActivity => ({ unitId: unit.id, objectiveId: unit.objectiveId, objectiveIri: objectiveIri(baseIri, unit.objectiveId), kind });
      const activity = of('lesson');
      this.objects.set(jobAidIri(baseIri, unit.id), of('jobAid'));
      this.objects.set(lessonIri(baseIri, unit.id), activity);
      this.objects.set(unitIri(baseIri, unit.id), of('unit'));
      this.lessonPrefixes.push([`${lessonIri(baseIri, unit.id)}/`, activity]);
      this.parents.add(activity.objectiveIri);
      this.parents.add(unitIri(baseIri, unit.id));
      this.parents.add(lessonIri(baseIri, unit.id));
    }
    this.parents.add(courseIri(baseIri, manifest.course.id));
    for (const p of manifest.paths) this.parents.add(pathIri(baseIri, p.id));
  }

  /** Judges a statement that already passed the xAPI 1.0.3 shape rules. */
  check(statement: Record<string, any>, actorReplaced: boolean): AllowListVerdict {
    const verb = String(statement.verb?.id ?? '');
    if (!TANDEM_VERB_IRIS.has(verb)) return { ok: false, code: 'RELAY_VERB_NOT_ALLOWED', verb: clip(verb) };
    const object = statement.object ?? {};
    const objectId = String(object.id ?? '');
    const activity = (object.objectType === undefined || object.objectType === 'Activity') ? this.activityOf(objectId) : undefined;
    if (!activity) return { ok: false, code: 'RELAY_ACTIVITY_NOT_ALLOWED', activity: clip(objectId) };
    const parentIds = asList(statement.context?.contextActivities?.parent).map((p) => String(p?.id ?? ''));
    if (!parentIds.includes(activity.objectiveIri)) return { ok: false, code: 'RELAY_OBJECTIVE_MISSING', objective: activity.objectiveId };
    const strayParent = parentIds.find((id) => !this.parents.has(id));
    if (strayParent !== undefined) return { ok: false, code: 'RELAY_ACTIVITY_NOT_ALLOWED', activity: clip(strayParent) };
    if (actorReplaced) return { ok: true, activity };
    const account = statement.actor?.account;
    if (account && typeof account === 'object' && account.homePage === this.lmsLearnerHomePage) {
      const reason = this.lmsLearnerProblem(statement.actor, activity);
      return reason ? { ok: false, code: 'RELAY_ACTOR_NOT_ALLOWED', reason } : { ok: true, activity, lmsLearner: { homePage: account.homePage, name: account.name } };
    }
    const reason = this.actorProblem(statement.actor);
    if (reason) return { ok: false, code: 'RELAY_ACTOR_NOT_ALLOWED', reason };
    return { ok: true, activity };
  }

  /** Exactly the actor a SCORM package with scorm12.report_xapi makes, on a lesson statement of a release that has them. */
  private lmsLearnerProblem(actor: any, activity: AllowedActivity): string | undefined {
    if (!this.lmsLearners) return "it is an LMS learner of a SCORM package, but this course does not set scorm12.report_xapi (or the release has no SCORM packages)";
    if (activity.kind !== 'lesson') return 'an LMS learner of a SCORM package is taken on lesson statements only';
    if (actor.objectType !== undefined && actor.objectType !== 'Agent') return 'it is not an Agent';
    const extra = Object.keys(actor).filter((k) => k !== 'objectType' && k !== 'account');
    if (extra.length) return `it has ${extra.map((k) => `"${clip(k, 20)}"`).join(', ')}, which identifies a person; only an account is taken`;
    const account = actor.account;
    if (Object.keys(account).some((k) => k !== 'homePage' && k !== 'name')) return 'its account has properties other than homePage and name';
    // The name is never echoed: it is the LMS's id of a person.
    if (typeof account.name !== 'string' || !LMS_LEARNER_ID.test(account.name)) return 'its account.name is not an LMS learner id (cmi.core.student_id: 1 to 255 characters, no white space)';
    return undefined;
  }

  private activityOf(iri: string): AllowedActivity | undefined {
    const exact = this.objects.get(iri);
    if (exact) return exact;
    for (const [prefix, activity] of this.lessonPrefixes) if (iri.startsWith(prefix)) return activity;
    return undefined;
  }

  /** Tandem pages send `{ objectType: 'Agent', account: { homePage, name } }` and nothing that identifies a person. */
  private actorProblem(actor: any): string | undefined {
    if (!actor || typeof actor !== 'object') return 'no actor';
    if (actor.objectType !== undefined && actor.objectType !== 'Agent') return 'it is not an Agent';
    const extra = Object.keys(actor).filter((k) => k !== 'objectType' && k !== 'account');
    if (extra.length) return `it has ${extra.map((k) => `"${clip(k, 20)}"`).join(', ')}, which identifies a person; only an account is taken`;
    const account = actor.account;
    if (!account || typeof account !== 'object') return 'it has no account';
    let origin: string;
    try {
      origin = new URL(String(account.homePage)).origin;
    } catch {
      return 'its account.homePage is not a URL';
    }
    if (!this.homePageOrigins.has(origin)) return 'its account.homePage is not the origin of a served job aid or a configured lesson origin';
    if (typeof account.name !== 'string' || !ACCOUNT_NAME.test(account.name)) return 'its account.name is not an opaque id (letters, digits, . _ : -, at most 128)';
    return undefined;
  }
}

function asList(value: unknown): any[] {
  return Array.isArray(value) ? value : value === undefined ? [] : [value];
}

/** Keeps echoed values short; they come from the request, never from the server. */
function clip(text: string, max = 200): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}
