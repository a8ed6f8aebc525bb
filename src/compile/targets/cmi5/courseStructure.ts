/**
 * cmi5.xml, the course structure (cmi5 13.1), valid against CourseStructure.xsd: the course, its
 * objectives declared once, and one AU per unit in path order, each referencing its objective.
 *
 * - AU ids are the lessons' publisher ids (the lesson IRI): an LMS puts them in every statement's
 *   context template grouping, next to the objective Tandem adds.
 * - `moveOn`: a scored lesson is done when completed and passed, an unscored one when completed.
 * - `masteryScore` is the unit's 0–100 mastery score as 0–1 with at most 4 decimals (13.1.4).
 * - `launchMethod` AnyWindow: the lesson works in a frame as well as in its own window.
 */
import { buildXml } from '../../package/xmlBuilder.js';

export const CMI5_NAMESPACE = 'https://w3id.org/xapi/profiles/cmi5/v1/CourseStructure.xsd';

export interface CourseStructureAu {
  /** Publisher id: the lesson IRI. */
  id: string;
  title: string;
  description: string;
  objectiveIri: string;
  objectiveTitle: string;
  objectiveDescription: string;
  /** 0–100; undefined for a completion-only lesson. */
  masteryScore?: number;
  /** Launch page, relative to cmi5.xml. */
  url: string;
}

export interface CourseStructureInput {
  id: string;
  title: string;
  description: string;
  language: string;
  aus: CourseStructureAu[];
}


export function buildCourseStructure(input: CourseStructureInput): string {
  const text = (value: string) => ({ langstring: { '@_lang': input.language, '#text': value } });
  const objectives = new Map<string, CourseStructureAu>();
  for (const au of input.aus) if (!objectives.has(au.objectiveIri)) objectives.set(au.objectiveIri, au);
  const courseStructure = {
    '@_xmlns': CMI5_NAMESPACE,
    course: { '@_id': input.id, title: text(input.title), description: text(input.description) },
    objectives: {
      objective: [...objectives.values()].map((au) => ({ '@_id': au.objectiveIri, title: text(au.objectiveTitle), description: text(au.objectiveDescription) })),
    },
    au: input.aus.map((au) => ({
      '@_id': au.id,
      '@_moveOn': au.masteryScore === undefined ? 'Completed' : 'CompletedAndPassed',
      ...(au.masteryScore === undefined ? {} : { '@_masteryScore': cmi5MasteryScore(au.masteryScore) }),
      '@_launchMethod': 'AnyWindow',
      title: text(au.title),
      description: text(au.description),
      objectives: { objective: { '@_idref': au.objectiveIri } },
      url: au.url,
    })),
  };
  return buildXml('cmi5.xml', { courseStructure });
}

/** 80 → "0.8", 66.666 → "0.6667": cmi5 13.1.4 allows 0–1 with at most 4 decimals. */
export function cmi5MasteryScore(percent: number): string {
  return String(Math.round(Math.min(Math.max(percent, 0), 100) * 100) / 10_000);
}
