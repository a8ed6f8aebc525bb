/**
 * What the end screen tells the learner to do next. Inside an LMS's frame, the LMS's own
 * navigation takes them on (closing the tab would close the LMS as well); in a window of its own
 * (a popup the LMS opened, or a lesson opened directly), closing the window is the way out.
 *
 * SCORM 1.2 has no standard way for a SCO to ask the LMS to navigate: the lesson ends the session
 * (cmi.core.exit, LMSFinish) and the LMS decides what comes next, e.g. Moodle's "Auto-continue".
 */
export interface EndedPlace {
  /** This session's progress was recorded. */
  recordsProgress: boolean;
  /** The lesson is shown in another page's frame (an LMS player), not in a window of its own. */
  framed: boolean;
}

export function endedMessage({ recordsProgress, framed }: EndedPlace): string {
  const progress = recordsProgress ? 'Your progress is saved.' : 'Your progress was not recorded.';
  const next = framed ? "To go on, use your learning platform's navigation, such as its Exit or Next button." : 'You can close this window.';
  return `${progress} ${next}`;
}
