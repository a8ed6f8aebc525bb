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
