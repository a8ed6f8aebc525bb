/**
 * What the end screen tells the learner: what became of their progress, then what to do next.
 *
 * Progress: "saved" only when the tracker says every save reached the LMS or LRS (see
 * saveStatus.ts); a learner must never read "Your progress is saved" when it is not.
 *
 * Next: inside an LMS's frame, the LMS's own navigation takes them on (closing the tab would close
 * the LMS as well); in a window of its own (a popup the LMS opened, or a lesson opened directly),
 * closing the window is the way out. SCORM 1.2 has no standard way for a SCO to ask the LMS to
 * navigate: the lesson ends the session (cmi.core.exit, LMSFinish) and the LMS decides what comes
 * next, e.g. Moodle's "Auto-continue".
 */
import type { PlayerStringKey } from '../contract/playerStrings.js';
import { english, type Translate } from './playerText.js';
import type { SaveStatus } from './tracker.js';

export interface EndedPlace {
  /** This session's progress is recorded at all (there is an LMS or LRS). */
  recordsProgress: boolean;
  /** The lesson is shown in another page's frame (an LMS player), not in a window of its own. */
  framed: boolean;
  /** What the tracker last said about saving; saved when it says nothing. */
  status?: SaveStatus;
}

const PROGRESS: Record<SaveStatus, PlayerStringKey> = {
  saved: 'endedSaved',
  saving: 'endedSaving',
  pending: 'endedPending',
  failed: 'endedFailed',
};

export function endedMessage({ recordsProgress, framed, status = 'saved' }: EndedPlace, t: Translate = english): string {
  const progress = t(recordsProgress ? PROGRESS[status] : 'endedNotRecorded');
  const next = t(framed ? 'endedNextFramed' : 'endedNextWindow');
  return `${progress} ${next}`;
}
