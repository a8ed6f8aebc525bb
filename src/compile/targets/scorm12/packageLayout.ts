/**
 * Where files go inside a SCORM 1.2 package. Unit and path packages share one layout, so a SCO's
 * page is byte-identical in both:
 *
 *   imsmanifest.xml
 *   player/lesson.css, player/scorm12.js      the player, shared by every SCO
 *   units/<unit-id>/…                         a SCO: see compile/lesson/unitLessonFiles
 */
export { FROM_PAGE_TO_ROOT, launchPage, unitDir } from '../../lesson/unitLessonFiles.js';

export const MANIFEST_FILE = 'imsmanifest.xml';
export const PLAYER_DIR = 'player';
export const PLAYER_STYLESHEET = `${PLAYER_DIR}/lesson.css`;
export const PLAYER_SCRIPT = `${PLAYER_DIR}/scorm12.js`;
