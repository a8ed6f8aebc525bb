/**
 * The one statement builder behind both xAPI targets (Tin Can and cmi5). It combines the build-time
 * plan (activities, verbs, extensions) with what the launch decided (actor, registration, cmi5
 * context template) and what the learner did (result, time). Every statement it makes:
 *
 * - has a UUID `id` and a UTC `timestamp` with milliseconds, assigned here, before the statement is
 *   queued, so a statement re-sent after a failure keeps its id (the LRS stores it once);
 * - carries the unit's objective in `contextActivities.parent`, after any entries of the context
 *   template, and the unit, course (and path) in `grouping`;
 * - carries the raw objective id, unit version and build id as context extensions.
 *
 * cmi5 10.2.1: the AU "MUST use the contextTemplate as a template for the context property in all
 * xAPI statements… MUST NOT overwrite any values provided in the contextTemplate". So template values
 * are copied first and win over ours; list entries are added after the template's.
 *
 * Hand-written rather than built on @xapi/cmi5's statement helpers: those live in a 31 kB (gzip)
 * bundle with axios, and send statements themselves, which would bypass the persistent queue.
 * The shapes are @xapi/xapi's types, so the compiler checks them against the library.
 */
import type { Activity, Agent, Context, Extensions, Result, Statement } from '@xapi/xapi';
import { newUuid, utcTimestamp } from './statementIds.js';
import type { VerbName, XapiPlan } from '../contract/xapiPlan.js';

export interface StatementLaunch {
  actor: Agent;
  /** The launch's registration (Tin Can `registration`, cmi5 `registration`), when given. */
  registration?: string;
  /** cmi5: `contextTemplate` from LMS.LaunchData. */
  template?: Context;
  /** The lesson as launched: Tin Can `activity_id`, cmi5 `activityId` (cmi5 9.4: the object of defined statements). */
  lessonId: string;
}

export interface StatementOptions {
  result?: Result;
  /** Added to `contextActivities.category` after the template's (cmi5 and moveOn categories). */
  category?: Activity[];
  /** Added to the context extensions; the template's values still win. */
  extensions?: Extensions;
  at?: Date;
}

export class StatementFactory {
  constructor(
    readonly plan: XapiPlan,
    readonly launch: StatementLaunch,
  ) {}

  /** A statement about the lesson itself (initialized, progressed, completed, passed…). */
  lesson(verb: VerbName, options: StatementOptions = {}): Statement {
    const object: Activity = { objectType: 'Activity', id: this.launch.lessonId, definition: this.plan.lesson.definition };
    return this.make(verb, object, [], options);
  }

  /** `answered` for one question; the lesson is a second parent, after the objective. */
  question(questionId: string, options: StatementOptions = {}): Statement {
    const object = this.plan.questions[questionId];
    if (!object) throw new Error(`The lesson has no question "${questionId}".`);
    return this.make('answered', object, [this.lessonActivity()], options);
  }

  /** `experienced` for one screen (0-based index). */
  screen(index: number, options: StatementOptions = {}): Statement {
    const object = this.plan.screens[index];
    if (!object) throw new Error(`The lesson has no screen ${index + 1}.`);
    return this.make('experienced', object, [this.lessonActivity()], options);
  }

  private lessonActivity(): Activity {
    return { objectType: 'Activity', id: this.launch.lessonId, definition: this.plan.lesson.definition };
  }

  private make(verb: VerbName, object: Activity, parents: Activity[], options: StatementOptions): Statement {
    const statement: Statement = {
      id: newUuid(),
      timestamp: utcTimestamp(options.at ?? new Date()),
      actor: this.launch.actor,
      verb: this.plan.verbs[verb],
      object,
      context: this.context(parents, options),
    };
    if (options.result) statement.result = options.result;
    return statement;
  }

  private context(parents: Activity[], options: StatementOptions): Context {
    const template = this.launch.template ?? {};
    const fromTemplate = template.contextActivities ?? {};
    const contextActivities: NonNullable<Context['contextActivities']> = {
      ...fromTemplate,
      parent: appendNew(fromTemplate.parent, [this.plan.objective, ...parents]),
      grouping: appendNew(fromTemplate.grouping, this.plan.grouping),
    };
    const category = appendNew(fromTemplate.category, options.category ?? []);
    if (category.length) contextActivities.category = category;
    const context: Context = {
      revision: this.plan.revision,
      platform: 'Tandem',
      language: this.plan.language,
      ...template,
      contextActivities,
      extensions: { ...this.plan.extensions, ...options.extensions, ...template.extensions },
    };
    const registration = template.registration ?? this.launch.registration;
    if (registration) context.registration = registration;
    return context;
  }
}

/** The template's list, then ours without the ids it already has. */
function appendNew(first: Activity[] | undefined, then: Activity[]): Activity[] {
  const list = [...(first ?? [])];
  for (const activity of then) if (!list.some((a) => a.id === activity.id)) list.push(activity);
  return list;
}
