/**
 * Ids of the JSON data blocks the build writes into a lesson page and the player reads back.
 * Shared by the theme renderer (Node) and the runtime (browser), so neither spells them alone.
 */

/** `<script type="application/json" id=…>` holding the LessonData. */
export const LESSON_ELEMENT_ID = 'tandem-lesson';

/** `<script type="application/json" id=…>` holding the XapiPlan (Tin Can and cmi5 packages only). */
export const PLAN_ELEMENT_ID = 'tandem-xapi';
