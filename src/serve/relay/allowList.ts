/* eslint-disable @typescript-eslint/no-explicit-any -- statements here are network JSON the xAPI validator has already accepted; the checks read fields defensively */
/**
 * What the relay forwards: only statements a page of the served release could have made. Built
 * from the release manifest (its units and objectives) and the course's `base_iri`, with the same
 * IRI derivations the compiler uses (src/xapi), so a statement passes exactly when it names one of
 * this release's job aids, lessons (or their questions and screens) with a verb Tandem emits, and
 * carries its unit's objective in `context.contextActivities.parent`.
 */
import type { ReleaseManifest } from '../../release/releaseManifest.js';
import { courseIri, jobAidIri, lessonIri, objectiveIri, pathIri, unitIri } from '../../xapi/activityIris.js';
import { TANDEM_VERB_IRIS } from '../../xapi/tandemVerbs.js';

export interface AllowedActivity {
  unitId: string;
  objectiveId: string;
  objectiveIri: string;
}

export type AllowListVerdict =
  | { ok: true; activity: AllowedActivity }
  | { ok: false; code: 'RELAY_VERB_NOT_ALLOWED'; verb: string }
  | { ok: false; code: 'RELAY_ACTIVITY_NOT_ALLOWED'; activity: string }
  | { ok: false; code: 'RELAY_OBJECTIVE_MISSING'; objective: string }
  | { ok: false; code: 'RELAY_ACTOR_NOT_ALLOWED'; reason: string };

/** An account name as Tandem pages make it: a UUID, or the relay's own hex hash. */
const ACCOUNT_NAME = /^[A-Za-z0-9._:-]{1,128}$/;

export class AllowList {
  private readonly objects = new Map<string, AllowedActivity>();
  /** `…/units/<id>/lesson/`: questions and screens of a lesson live under it. */
  private readonly lessonPrefixes: [string, AllowedActivity][] = [];
  private readonly parents = new Set<string>();

  constructor(
    baseIri: string,
    manifest: Pick<ReleaseManifest, 'course' | 'units' | 'paths'>,
    /** Origins an actor's account.homePage may have (the job-aid origin, lesson origins, the identity home page). */
    private readonly homePageOrigins: ReadonlySet<string>,
  ) {
    for (const unit of manifest.units) {
      const activity: AllowedActivity = { unitId: unit.id, objectiveId: unit.objectiveId, objectiveIri: objectiveIri(baseIri, unit.objectiveId) };
      for (const iri of [jobAidIri(baseIri, unit.id), lessonIri(baseIri, unit.id), unitIri(baseIri, unit.id)]) this.objects.set(iri, activity);
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
    if (!actorReplaced) {
      const reason = this.actorProblem(statement.actor);
      if (reason) return { ok: false, code: 'RELAY_ACTOR_NOT_ALLOWED', reason };
    }
    return { ok: true, activity };
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
