/**
 * Manifest identifiers, derived only from course, unit and path ids. An LMS matches an uploaded
 * new version of a package to the old one, and its learner records to items, by these
 * identifiers (IMS CP 1.1.2; SCORM 1.2 CAM 2.3.3): a rebuild of the same source must give the same
 * ones, and never ones derived from versions, dates or content. The same unit has the same item
 * and resource identifiers in its own package and in every path package.
 *
 * They are xsd:ID values (XML NCName): course, unit and path ids (lowercase letters, digits and
 * "-") always fit after a letter prefix; "_" cannot occur in those ids, so the player's resource
 * never collides with a unit's.
 */
export function manifestIdentifier(courseId: string, subject: { unitId: string } | { pathId: string }): string {
  return 'unitId' in subject ? `tandem.${courseId}.${subject.unitId}` : `tandem.${courseId}.path.${subject.pathId}`;
}

export function organizationIdentifier(courseId: string, subject: { unitId: string } | { pathId: string }): string {
  return 'unitId' in subject ? `org.${courseId}.${subject.unitId}` : `org.${courseId}.path.${subject.pathId}`;
}

export function itemIdentifier(courseId: string, unitId: string): string {
  return `item.${courseId}.${unitId}`;
}

export function resourceIdentifier(courseId: string, unitId: string): string {
  return `res.${courseId}.${unitId}`;
}

export function playerResourceIdentifier(courseId: string): string {
  return `res.${courseId}._player`;
}
