/**
 * Entry point of the SCORM 1.2 lesson script (bundled into each package as tandem/scorm12.js):
 * read the lesson data from the page, find the LMS, start the player with the SCORM 1.2 tracker.
 */
import { LESSON_DATA_FORMAT, type LessonData } from '../contract/lessonData.js';
import { LESSON_ELEMENT_ID } from '../contract/pageElements.js';
import { startLessonPlayer } from '../player/lessonPlayer.js';
import { findScorm12Api } from './findApi.js';
import { Scorm12Tracker } from './scorm12Tracker.js';

function boot(): void {
  const script = document.getElementById(LESSON_ELEMENT_ID);
  const lesson = script ? (JSON.parse(script.textContent ?? '') as LessonData) : undefined;
  if (!lesson || lesson.format !== LESSON_DATA_FORMAT) {
    console.error('Tandem: this page has no lesson data for this player version.');
    return;
  }
  startLessonPlayer(document, lesson, new Scorm12Tracker(findScorm12Api(window), lesson));
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', boot);
else boot();
