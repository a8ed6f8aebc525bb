/**
 * A channel's limit a card went over, with what the author should shorten and where it is written.
 * Like the suspend_data budget, limits are checked at build time: a card the channel would reject
 * at send time is never written.
 */
export interface CardSource {
  /** What to shorten, in the author's words: "step 3 of the job aid", "choice b of question q2". */
  part: string;
  file: string;
  line: number;
}

export interface BudgetProblem {
  /** What went over: "section text", "header text", "card size". */
  what: string;
  length: number;
  limit: number;
  source: CardSource;
}
