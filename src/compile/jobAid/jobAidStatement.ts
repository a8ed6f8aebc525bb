/**
 * The one xAPI statement an online job aid records when opened, minus what only the page knows
 * (statement id, timestamp, the anonymous actor, the printed version scanned). The objective sits in
 * `context.contextActivities.parent` with the same IRI lessons use, so an LRS query for one objective
 * returns both lesson results and job-aid opens.
 */
import type { Course } from '../../course/model/course.js';
import type { Unit } from '../../course/model/unit.js';
import { ACTIVITY_TYPES, extensionIri, jobAidIri, objectiveIri } from '../../xapi/activityIris.js';
import { nudgeExtensionIris } from '../../xapi/reinforcementIris.js';
import { VIEWED_VERB } from '../../xapi/verbs.js';

// The verb lives with the xAPI vocabulary, so reports count the very verb the page writes.
export { VIEWED_VERB } from '../../xapi/verbs.js';

export interface StatementTemplate {
  verb: typeof VIEWED_VERB;
  object: { objectType: 'Activity'; id: string; definition: ActivityDefinition };
  context: {
    /** xAPI 1.0.3 §4.1.6: the revision of the activity; the unit's semver. */
    revision: string;
    platform: string;
    language: string;
    contextActivities: { parent: { objectType: 'Activity'; id: string; definition: ActivityDefinition }[] };
  };
}

interface ActivityDefinition {
  type: string;
  name: Record<string, string>;
  description?: Record<string, string>;
}

export function jobAidStatementTemplate(course: Course, unit: Unit, title: string): StatementTemplate {
  const { baseIri } = course.config;
  const language = unit.contract.language;
  const objective = unit.contract.objective;
  return {
    verb: VIEWED_VERB,
    object: {
      objectType: 'Activity',
      id: jobAidIri(baseIri, unit.id),
      definition: {
        type: ACTIVITY_TYPES.jobAid,
        name: { [language]: title },
        description: { [language]: `Job aid for ${objective.id}: ${unit.contract.title}` },
      },
    },
    context: {
      revision: unit.contract.version,
      platform: 'Tandem job aid',
      language,
      contextActivities: {
        parent: [
          {
            objectType: 'Activity',
            id: objectiveIri(baseIri, objective.id),
            definition: { type: ACTIVITY_TYPES.objective, name: { [language]: objective.id }, description: { [language]: objective.statement } },
          },
        ],
      },
    },
  };
}

/** Context extension holding the version printed on the copy whose QR code was scanned. */
export function printedVersionExtension(course: Course): string {
  return extensionIri(course.config.baseIri, 'printed-version');
}

/**
 * Context extension holding the channel the online copy was opened from (`src=slack|teams|email|qr`
 * in its address): the one nudge answers carry, so views and answers count channels alike.
 */
export function channelExtension(course: Course): string {
  return nudgeExtensionIris(course.config.baseIri).channel;
}
