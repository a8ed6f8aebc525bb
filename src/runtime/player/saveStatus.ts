/**
 * What the learner reads about saving. The tracker reports whether its last saves reached the LMS
 * (SCORM: LMSSetValue/LMSCommit accepted; xAPI: the LRS confirmed every statement); a learner
 * must never read "Your progress is saved" when it is not. While the lesson runs, a failure shows
 * in the notice under the title; at the end, the message says what became of the progress.
 */
import type { PlayerStringKey } from '../contract/playerStrings.js';
import { english, type Translate } from './playerText.js';
import type { SaveStatus, Tracker } from './tracker.js';

const NOTICE: Partial<Record<SaveStatus, PlayerStringKey>> = {
  pending: 'noticePending',
  failed: 'noticeFailed',
};

/**
 * Follows the tracker's save status; returns the end screen's message for the current status
 * (`message` words it: see endedMessage.ts), and keeps a shown end screen up to date.
 */
export function followSaveStatus(doc: Document, tracker: Tracker, message: (status: SaveStatus) => string, t: Translate = english): () => string {
  let status: SaveStatus = 'saved';
  const notice = doc.querySelector<HTMLElement>('[data-tracking-notice]');
  /** The notice a save problem replaced, put back once saving works again. */
  let replaced: { text: string; hidden: boolean } | undefined;
  const endedMessage = (): string => message(status);
  tracker.onSaveStatus?.((next) => {
    status = next;
    const key = NOTICE[next];
    const text = key && t(key);
    if (notice && text) {
      replaced ??= { text: notice.textContent ?? '', hidden: notice.hidden };
      notice.textContent = text;
      notice.hidden = false;
    } else if (notice && replaced && next === 'saved') {
      notice.textContent = replaced.text;
      notice.hidden = replaced.hidden;
      replaced = undefined;
    }
    const ended = doc.querySelector<HTMLElement>('[data-ended]');
    const shown = doc.querySelector<HTMLElement>('[data-ended-message]');
    if (ended && !ended.hidden && shown) shown.textContent = endedMessage();
  });
  return endedMessage;
}
