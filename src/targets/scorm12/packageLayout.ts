/**
 * Where files go inside a SCORM 1.2 package. Unit and path packages share one layout, so a SCO's
 * page is byte-identical in both:
 *
 *   imsmanifest.xml
 *   player/lesson.css, player/scorm12.js      the player, shared by every SCO
 *   units/<unit-id>/index.html                a SCO's launch page
 *   units/<unit-id>/<asset path>              the unit's assets, at their paths in the unit folder
 */
export const MANIFEST_FILE = 'imsmanifest.xml';
export const PLAYER_DIR = 'player';
export const PLAYER_STYLESHEET = `${PLAYER_DIR}/lesson.css`;
export const PLAYER_SCRIPT = `${PLAYER_DIR}/scorm12.js`;

export function unitDir(unitId: string): string {
  return `units/${unitId}`;
}

export function launchPage(unitId: string): string {
  return `${unitDir(unitId)}/index.html`;
}

/** From a SCO's page back to the package root. */
export const FROM_PAGE_TO_ROOT = '../../';
