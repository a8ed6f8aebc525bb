/**
 * The answer page of nanolearning nudges: `GET <answer path>?u&q&c&o&v&src[&n&l&t]`, opened by one
 * click on an answer in Slack, Teams or an email. Link scanners and chat unfurlers fetch links
 * too, so the GET records nothing: it answers a page whose script posts the answer at once (a
 * button does it without script), and the POST records one xAPI `answered` statement in the
 * journal, grouped under the unit's reinforcement activity with the objective in
 * `contextActivities.parent`, before it answers. The statement id derives from the nudge, so a
 * second click (or a reload, or a restart) records nothing more. The page shows whether the
 * answer was right, the feedback, the job-aid step the question protects and the online job aid.
 */
import { randomBytes } from 'node:crypto';
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import { escapeHtml } from '../../course/html/escapeHtml.js';
import { installedFontStack } from '../../course/html/installedFontStack.js';
import type { Course, Unit } from '../../course/index.js';
import type { Brand } from '../../course/model/brand.js';
import { nudgeQuestions, type NudgeQuestion } from '../../course/reinforcement/nudgeQuestions.js';
import { ACTIVITY_TYPES, nudgeAnswerStatementId, nudgeExtensionIris, nudgeQuestionIri, objectiveIri, reinforcementIri, unitIri } from '../../xapi/index.js';
import type { Journal } from '../journal/journal.js';
import { readJournalLines } from '../journal/journal.js';
import { actorOf, verifyAnswerToken } from '../nudges/answerLink.js';

export interface NudgeAnswerOptions {
  /** `/nudges/answer` under the path of `reinforcement.answer_url`. */
  path: string;
  course: Course;
  journal: Journal;
  /** TANDEM_SERVE_SECRET; without it personal links cannot be checked and nothing is recorded. */
  secret?: string;
  log: (line: Record<string, unknown>) => void;
}

const CHANNELS = new Set(['slack', 'teams', 'email', 'qr']);

interface Answer {
  unit: Unit;
  question: NudgeQuestion;
  choiceId: string;
  channel: string;
  personal?: { nudgeId: string; learner: string; series: string; sequence: number };
}

export const nudgeAnswerPlugin: FastifyPluginAsync<NudgeAnswerOptions> = async (app, options) => {
  const { course, journal } = options;
  const questions = new Map(course.units.map((u) => [u.id, { unit: u, questions: nudgeQuestions(u).questions }]));
  // The answers already recorded, by statement id → chosen answer: from the journal, so a restart forgets none.
  const recorded = new Map<string, string>();
  const series = nudgeExtensionIris(course.config.baseIri).series;
  for (const line of await readJournalLines(journal.dir)) {
    if (!line.includes(series)) continue;
    try {
      const s = JSON.parse(line) as { id?: string; result?: { response?: string } };
      if (s.id) recorded.set(s.id, s.result?.response ?? '');
    } catch {
      // A line that is not JSON was never an answer.
    }
  }

  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_request, body, done) => done(null, body));

  const parse = (query: Record<string, string | undefined>): Answer | undefined => {
    const entry = questions.get(query.u ?? '');
    const question = entry?.questions.find((q) => q.id === query.q);
    if (!entry || !question || !question.choices.some((c) => c.id === query.c)) return undefined;
    const channel = CHANNELS.has(query.src ?? '') ? query.src! : 'unknown';
    const answer: Answer = { unit: entry.unit, question, choiceId: query.c!, channel };
    const { n, l, t } = query;
    if (!n || !l || !t || !options.secret) return answer;
    if (!verifyAnswerToken(options.secret, { unitId: entry.unit.id, questionId: question.id, nudgeId: n, learner: l }, t)) return answer;
    const match = /^(.+)\.(\d+)$/.exec(n);
    if (!match || !actorOf(l)) return answer;
    return { ...answer, personal: { nudgeId: n, learner: l, series: match[1]!, sequence: Number(match[2]) } };
  };

  const send = (reply: FastifyReply, status: number, title: string, body: string, nonce?: string) => {
    reply
      .code(status)
      .header('Cache-Control', 'no-store')
      .header('Content-Security-Policy', `default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'${nonce ? `; script-src 'nonce-${nonce}'` : ''}`)
      .type('text/html; charset=utf-8')
      .send(page(course.config.language, course.config.brand, title, body));
  };

  app.get(options.path, async (request, reply) => {
    const answer = parse(request.query as Record<string, string | undefined>);
    if (!answer) return send(reply, 404, 'This answer link is not valid', '<p>This answer link does not match a question of this course. It may be from an older version of the course.</p>');
    if (!answer.personal) return send(reply, 200, 'Quick check', feedback(course, answer, 'This link is not tied to you, so your answer was not recorded.'));
    // Posting from the page keeps link scanners (which fetch but do not run scripts) from answering for the learner.
    const nonce = randomBytes(16).toString('base64');
    const form = `<form method="post"><p>Recording your answer…</p><button type="submit">Record my answer</button></form><script nonce="${nonce}">document.forms[0].submit();</script>`;
    return send(reply, 200, 'Quick check', form, nonce);
  });

  app.post(options.path, async (request, reply) => {
    const answer = parse(request.query as Record<string, string | undefined>);
    if (!answer) return send(reply, 404, 'This answer link is not valid', '<p>This answer link does not match a question of this course.</p>');
    if (!answer.personal) return send(reply, 200, 'Quick check', feedback(course, answer, 'This link is not tied to you, so your answer was not recorded.'));
    const id = nudgeAnswerStatementId(answer.personal.nudgeId);
    const earlier = recorded.get(id);
    if (earlier !== undefined) {
      const first = answer.question.choices.some((c) => c.id === earlier) ? { ...answer, choiceId: earlier } : answer;
      return send(reply, 200, 'Quick check', feedback(course, first, 'You have already answered this question; your first answer counts.'));
    }
    recorded.set(id, answer.choiceId);
    const result = await journal.append([JSON.stringify(answerStatement(course, answer, id))]);
    if (!result.ok) {
      recorded.delete(id);
      options.log({ event: 'nudge-answer-not-recorded', reason: result.reason });
      reply.header('Retry-After', '30');
      return send(reply, 503, 'Try again in a minute', '<p>Your answer could not be recorded just now. Please click the answer again in a minute.</p>');
    }
    return send(reply, 200, 'Quick check', feedback(course, answer, 'Your answer was recorded.'));
  });
};

function answerStatement(course: Course, answer: Answer, id: string): Record<string, unknown> {
  const { baseIri, language } = course.config;
  const { unit, question, personal } = answer;
  const ext = nudgeExtensionIris(baseIri);
  const correct = question.choices.find((c) => c.correct)!;
  return {
    id,
    actor: actorOf(personal!.learner),
    verb: { id: 'http://adlnet.gov/expapi/verbs/answered', display: { 'en-US': 'answered' } },
    object: {
      objectType: 'Activity',
      id: nudgeQuestionIri(baseIri, unit.id, question.id),
      definition: {
        type: 'http://adlnet.gov/expapi/activities/cmi.interaction',
        name: { [language]: plain(question.prompt).slice(0, 200) },
        interactionType: 'choice',
        correctResponsesPattern: [correct.id],
        choices: question.choices.map((c) => ({ id: c.id, description: { [language]: plain(c.text) } })),
      },
    },
    result: { success: answer.choiceId === correct.id, response: answer.choiceId },
    context: {
      contextActivities: {
        parent: [{ objectType: 'Activity', id: objectiveIri(baseIri, unit.contract.objective.id), definition: { type: ACTIVITY_TYPES.objective } }],
        grouping: [{ objectType: 'Activity', id: reinforcementIri(baseIri, unit.id) }, { objectType: 'Activity', id: unitIri(baseIri, unit.id) }],
      },
      extensions: { [ext.series]: personal!.series, [ext.sequence]: personal!.sequence, [ext.channel]: answer.channel },
    },
    timestamp: new Date().toISOString(),
  };
}

/** Markdown as plain text: the page shows words, never author markup. */
const plain = (markdown: string) => markdown.replace(/<[^>]*>/g, '').replace(/[*_`]+/g, '').replace(/\[([^\]]*)\]\([^)]*\)/g, '$1').trim();

function feedback(course: Course, answer: Answer, note: string): string {
  const { question, unit } = answer;
  const choice = question.choices.find((c) => c.id === answer.choiceId)!;
  const right = choice.correct;
  const text = choice.feedback ?? (right ? question.feedback.correct : question.feedback.incorrect);
  const step = question.step;
  const online = course.config.jobAidUrl
    ? `${course.config.jobAidUrl}/${unit.id}.html?o=${encodeURIComponent(unit.contract.objective.id)}&v=${encodeURIComponent(unit.contract.version)}&src=${encodeURIComponent(answer.channel === 'unknown' ? 'email' : answer.channel)}`
    : undefined;
  return [
    `<p class="verdict ${right ? 'right' : 'wrong'}">${right ? 'Correct.' : 'Not quite.'}</p>`,
    `<p class="question">${escapeHtml(plain(question.prompt))}</p>`,
    `<p>Your answer: <strong>${escapeHtml(plain(choice.text))}</strong></p>`,
    `<p class="feedback">${escapeHtml(plain(text))}</p>`,
    `<div class="step"><strong>${step.number ? `Job-aid step ${step.number}` : 'The step it protects'}:</strong> ${escapeHtml(plain(step.text))}</div>`,
    online ? `<p><a href="${escapeHtml(online)}">Open the job aid</a></p>` : '',
    `<p class="note">${escapeHtml(note)}</p>`,
    `<p class="footer">Objective ${escapeHtml(unit.contract.objective.id)} · version ${escapeHtml(unit.contract.version)}</p>`,
  ].join('\n');
}

/**
 * The brand's tokens for the answer page (the names lessons and job aids use): its primary colour
 * (`#rrggbb`, checked with the config) and the font as an email names it; the course's font files
 * are not served here.
 */
function brandTokens(brand: Brand): string {
  return `:root{--tandem-primary:${brand.primary};--tandem-font:${installedFontStack(brand)};}`;
}

function page(language: string, brand: Brand, title: string, body: string): string {
  return `<!DOCTYPE html>
<html lang="${escapeHtml(language)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>
${brandTokens(brand)}
body { margin: 0; padding: 24px; font-family: var(--tandem-font); color: #1d2330; background: #f4f5f7; }
main { max-width: 560px; margin: 0 auto; padding: 24px; background: #fff; border-radius: 8px; }
.verdict { font-size: 24px; font-weight: 700; margin: 0 0 12px; }
.right { color: #1b6b3a; } .wrong { color: #a3251b; }
.step { padding: 10px 12px; background: #eef1f5; border-left: 4px solid var(--tandem-primary); }
a { color: var(--tandem-primary); }
.note, .footer { font-size: 14px; color: #5b6475; }
</style>
</head>
<body>
<main>
<h1>${escapeHtml(title)}</h1>
${body}
</main>
</body>
</html>
`;
}
