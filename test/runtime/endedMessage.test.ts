import { describe, expect, it } from 'vitest';
import { endedMessage } from '../../src/runtime/player/endedMessage.js';

describe('the end screen', () => {
  it("sends a learner inside an LMS frame to the LMS's navigation, not to closing the window", () => {
    expect(endedMessage({ recordsProgress: true, framed: true })).toBe("Your progress is saved. To go on, use your learning platform's navigation, such as its Exit or Next button.");
    expect(endedMessage({ recordsProgress: false, framed: true })).toBe("Your progress was not recorded. To go on, use your learning platform's navigation, such as its Exit or Next button.");
  });

  it('lets a learner in a window of its own close it', () => {
    expect(endedMessage({ recordsProgress: true, framed: false })).toBe('Your progress is saved. You can close this window.');
    expect(endedMessage({ recordsProgress: false, framed: false })).toBe('Your progress was not recorded. You can close this window.');
  });
});

describe('the end screen follows what the tracker says about saving', () => {
  it('never says "saved" while saves are failing, pending or in flight', () => {
    expect(endedMessage({ recordsProgress: true, framed: true, status: 'failed' })).toBe(
      "Your progress could not be saved. Tell your LMS administrator. To go on, use your learning platform's navigation, such as its Exit or Next button.",
    );
    expect(endedMessage({ recordsProgress: true, framed: false, status: 'pending' })).toMatch(/^Your progress has not reached your LMS yet\. .* You can close this window\.$/);
    expect(endedMessage({ recordsProgress: true, framed: false, status: 'saving' })).toBe('Saving your progress… You can close this window.');
    expect(endedMessage({ recordsProgress: true, framed: false, status: 'saved' })).toBe('Your progress is saved. You can close this window.');
  });
});
