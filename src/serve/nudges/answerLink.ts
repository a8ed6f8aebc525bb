/**
 * Personal answer links. A nudge sent to one learner carries, besides the card's `u,q,c,o,v,src`,
 * the nudge id (`n`), the learner (`l`, the actor's IFI) and a token (`t`): an HMAC-SHA256 under
 * the server secret of what the link claims, so nobody can record an answer for someone else by
 * editing a link. Links without them (a card posted to a team channel) show feedback and record
 * nothing.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export interface AnswerClaim {
  unitId: string;
  questionId: string;
  nudgeId: string;
  learner: string;
}

function token(secret: string, claim: AnswerClaim): string {
  return createHmac('sha256', secret).update(`${claim.nudgeId}\n${claim.learner}\n${claim.unitId}\n${claim.questionId}`, 'utf8').digest('base64url').slice(0, 32);
}

/** The query parameters `tandem serve` adds to each answer link of a nudge it sends to one learner. */
export function personalAnswerParams(secret: string, claim: AnswerClaim): { n: string; l: string; t: string } {
  return { n: claim.nudgeId, l: claim.learner, t: token(secret, claim) };
}

export function verifyAnswerToken(secret: string, claim: AnswerClaim, given: string): boolean {
  const expected = Buffer.from(token(secret, claim));
  const actual = Buffer.from(given);
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}

/** The xAPI actor of a learner IFI as schedules write it (see reinforce/readCompletions.ts learnerIfi). */
export function actorOf(learner: string): Record<string, unknown> | undefined {
  if (learner.startsWith('mailto:')) return { objectType: 'Agent', mbox: learner };
  if (learner.startsWith('sha1:')) return { objectType: 'Agent', mbox_sha1sum: learner.slice(5) };
  if (learner.startsWith('account:')) {
    const bar = learner.indexOf('|');
    if (bar < 0) return undefined;
    return { objectType: 'Agent', account: { homePage: learner.slice(8, bar), name: learner.slice(bar + 1) } };
  }
  if (/^https?:\/\//.test(learner)) return { objectType: 'Agent', openid: learner };
  return undefined;
}
