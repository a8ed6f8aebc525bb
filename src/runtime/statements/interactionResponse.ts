/**
 * A learner's answer as an xAPI `result.response` (xAPI 1.0.3 Data §2.4.4.1.2, "Response
 * Patterns"): choice and step ids joined with `[,]`, true-false as `true`/`false`, numbers as
 * JavaScript prints them, fill-in text as typed. The correct-response patterns of the same
 * questions are built at build time in the same syntax (src/xapi/interactionDefinition).
 */
import type { LearnerResponse, QuestionData } from '../contract/lessonData.js';

export function interactionResponse(question: QuestionData, response: LearnerResponse): string {
  switch (question.type) {
    case 'single-choice':
    case 'multiple-choice':
    case 'sequencing':
      return (response as string[]).join('[,]');
    case 'true-false':
      return response ? 'true' : 'false';
    case 'numeric':
      return String(response);
    case 'fill-in':
      return String(response);
  }
}
