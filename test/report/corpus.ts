/**
 * The hand-computed corpus of test/report/kpi.test.ts: statements shaped like the sample course's
 * real ones (statementFactory's context: objective parent, grouping, extensions), about the
 * refund-approval unit, with the traps the definitions must survive: duplicates, a voiding
 * statement after its target and one before, a learner with two attempts, a completion that lands
 * in the next window, a learner outside the period, junk and foreign lines. The expected numbers
 * are worked out by hand in kpi.test.ts.
 */
const BASE = 'https://learn.acme.example/xapi';
const UNIT = `${BASE}/units/refund-approval`;
const OBJECTIVE = { objectType: 'Activity', id: `${BASE}/objectives/OBJ-SUP-REFUND-500`, definition: { type: 'http://adlnet.gov/expapi/activities/objective' } };
const LESSON = { objectType: 'Activity', id: `${UNIT}/lesson` };
const VERB = (name: string) => ({ id: `http://adlnet.gov/expapi/verbs/${name}`, display: { 'en-US': name } });

export const ACTORS = {
  ana: { objectType: 'Agent', mbox: 'mailto:ana@acme.example' },
  ben: { objectType: 'Agent', account: { homePage: 'https://lms.acme.example', name: 'b-42' } },
  cy: { objectType: 'Agent', mbox_sha1sum: 'ab12cd34ef56ab12cd34ef56ab12cd34ef56ab12' },
  dee: { objectType: 'Agent', openid: 'https://id.acme.example/dee' },
  eve: { objectType: 'Agent', mbox: 'mailto:eve@acme.example' },
  fay: { objectType: 'Agent', mbox: 'mailto:fay@acme.example' },
} as const;

let counter = 0;
/** A fresh statement id (a UUID, as xAPI requires). */
export function nextId(): string {
  counter++;
  return `00000000-0000-4000-8000-${counter.toString(16).padStart(12, '0')}`;
}

function context(parents: object[]) {
  return {
    revision: '1.2.0',
    platform: 'Tandem',
    language: 'en',
    contextActivities: { parent: [OBJECTIVE, ...parents], grouping: [{ objectType: 'Activity', id: UNIT }] },
    extensions: { [`${BASE}/extensions/objective-id`]: 'OBJ-SUP-REFUND-500', [`${BASE}/extensions/unit-version`]: '1.2.0' },
  };
}

type Actor = (typeof ACTORS)[keyof typeof ACTORS];

export function lesson(actor: Actor, verb: string, timestamp: string, result?: object, id = nextId()) {
  return { id, timestamp, actor, verb: VERB(verb), object: LESSON, context: context([]), ...(result ? { result } : {}) };
}

export function answer(actor: Actor, question: string, timestamp: string, response: string, success?: boolean, id = nextId()) {
  const result = success === undefined ? { response } : { response, success };
  return { id, timestamp, actor, verb: VERB('answered'), object: { objectType: 'Activity', id: `${UNIT}/lesson/questions/${question}` }, context: context([LESSON]), result };
}

export function screen(actor: Actor, number: number, timestamp: string) {
  return { id: nextId(), timestamp, actor, verb: VERB('experienced'), object: { objectType: 'Activity', id: `${UNIT}/lesson/screens/${number}` }, context: context([LESSON]) };
}

export function view(device: string, timestamp: string, printed?: string, id = nextId()) {
  return {
    id,
    timestamp,
    actor: { objectType: 'Agent', account: { homePage: 'https://aids.acme.example', name: device } },
    verb: { id: 'http://id.tincanapi.com/verb/viewed', display: { 'en-US': 'viewed' } },
    object: { objectType: 'Activity', id: `${UNIT}/job-aid` },
    context: {
      revision: '1.2.0',
      platform: 'Tandem job aid',
      language: 'en',
      contextActivities: { parent: [OBJECTIVE] },
      ...(printed ? { extensions: { [`${BASE}/extensions/printed-version`]: printed } } : {}),
    },
  };
}

/** A job-aid view as the online copy records it when its address carries src=`channel` (no tag: undefined). */
export function taggedView(device: string, timestamp: string, channel: string | undefined, printed?: string) {
  const s = view(device, timestamp, printed);
  if (!channel) return s;
  return { ...s, context: { ...s.context, extensions: { ...(s.context.extensions ?? {}), [`${BASE}/extensions/channel`]: channel } } };
}

/**
 * Job-aid views of every channel (test/report/jobAidChannels.test.ts works out the numbers), in
 * 2026-11-05..20: qr twice (one a stale printed copy), slack, teams, email sent twice under one id,
 * an unknown tag (fax), no tag from a printed copy, and a slack view voided after it arrived.
 * → 7 views: email 1, qr 2, slack 1, teams 1, unknown 2; 3 printed scans, 1 stale.
 */
export function channelViewStatements(): object[] {
  const email = taggedView('d5', '2026-11-10T09:00:00.000Z', 'email');
  const voided = taggedView('d8', '2026-11-12T09:00:00.000Z', 'slack');
  return [
    taggedView('d1', '2026-11-05T09:00:00.000Z', 'qr', '1.2.0'),
    taggedView('d2', '2026-11-06T09:00:00.000Z', 'qr', '1.1.0'),
    taggedView('d3', '2026-11-07T09:00:00.000Z', 'slack'),
    taggedView('d4', '2026-11-08T09:00:00.000Z', 'teams'),
    email,
    email,
    taggedView('d6', '2026-11-11T09:00:00.000Z', 'fax'),
    taggedView('d7', '2026-11-20T09:00:00.000Z', undefined, '1.2.0'),
    voided,
    voiding(voided.id, '2026-11-13T00:00:00.000Z'),
  ];
}

export function voiding(target: string, timestamp: string) {
  return { id: nextId(), timestamp, actor: { mbox: 'mailto:admin@acme.example' }, verb: VERB('voided'), object: { objectType: 'StatementRef', id: target } };
}

/** The corpus, as NDJSON lines in stream order (the comments say what each trap is). */
export function corpusLines(): string[] {
  const benPassed = lesson(ACTORS.ben, 'passed', '2026-11-20T09:00:00.000Z', { score: { scaled: 0.8 }, success: true });
  const eveAnswer = answer(ACTORS.eve, 'matrix-who-approves', '2026-11-21T08:05:00.000Z', 'b', true);
  const evePassed = lesson(ACTORS.eve, 'passed', '2026-11-21T08:10:00.000Z', { score: { scaled: 1 }, success: true });
  const viewX2 = view('device-x', '2026-11-21T12:00:00.000Z');
  const statements: object[] = [
    // Ana: fails, then passes (two attempts), all in the previous window.
    lesson(ACTORS.ana, 'initialized', '2026-11-03T10:00:00.000Z'),
    ...[1, 2, 3, 4, 5].map((n) => screen(ACTORS.ana, n, `2026-11-03T10:0${n}:00.000Z`)),
    answer(ACTORS.ana, 'matrix-who-approves', '2026-11-03T10:04:00.000Z', 'b', true),
    answer(ACTORS.ana, 'evidence-email-photos', '2026-11-03T10:05:00.000Z', 'true', false),
    lesson(ACTORS.ana, 'failed', '2026-11-03T10:10:00.000Z', { score: { scaled: 0.6 }, success: false }),
    answer(ACTORS.ana, 'evidence-email-photos', '2026-11-03T10:20:00.000Z', 'false', true),
    lesson(ACTORS.ana, 'passed', '2026-11-03T10:30:00.000Z', { score: { scaled: 0.9 }, success: true }),
    lesson(ACTORS.ana, 'completed', '2026-11-03T10:30:00.000Z', { completion: true, duration: 'PT10M' }),
    // Cy: stops on screen 2; the answer has no result.success, so the course's answer key scores it.
    lesson(ACTORS.cy, 'initialized', '2026-11-10T09:00:00.000Z'),
    screen(ACTORS.cy, 1, '2026-11-10T09:01:00.000Z'),
    screen(ACTORS.cy, 2, '2026-11-10T09:02:00.000Z'),
    answer(ACTORS.cy, 'matrix-who-approves', '2026-11-10T09:03:00.000Z', 'b'),
    // Dee: launches and passes in the previous window, completes in the current one (late completion).
    lesson(ACTORS.dee, 'initialized', '2026-11-12T15:00:00.000Z'),
    answer(ACTORS.dee, 'matrix-who-approves', '2026-11-12T15:05:00.000Z', 'b', true),
    answer(ACTORS.dee, 'evidence-email-photos', '2026-11-12T15:06:00.000Z', 'false', true),
    lesson(ACTORS.dee, 'passed', '2026-11-13T08:00:00.000Z', { score: { scaled: 1 }, success: true }),
    lesson(ACTORS.dee, 'completed', '2026-11-16T08:00:00.000Z', { completion: true, duration: 'PT15M' }),
    // Ben: current window; his passed statement arrives twice (a retried POST).
    lesson(ACTORS.ben, 'initialized', '2026-11-20T08:30:00.000Z'),
    answer(ACTORS.ben, 'matrix-who-approves', '2026-11-20T08:40:00.000Z', 'a', false),
    answer(ACTORS.ben, 'evidence-email-photos', '2026-11-20T08:41:00.000Z', 'false', true),
    benPassed,
    lesson(ACTORS.ben, 'completed', '2026-11-20T09:00:00.000Z', { completion: true, duration: 'PT20M' }),
    benPassed,
    // Eve: her answer is voided before it arrives, her pass is voided after it was counted.
    voiding(eveAnswer.id, '2026-11-22T00:00:00.000Z'),
    lesson(ACTORS.eve, 'initialized', '2026-11-21T08:00:00.000Z'),
    eveAnswer,
    evePassed,
    voiding(evePassed.id, '2026-11-22T00:00:01.000Z'),
    // Job aid: device X twice (the second view duplicated), device Y scans a stale and a current printed copy.
    view('device-x', '2026-11-20T12:00:00.000Z'),
    viewX2,
    viewX2,
    view('device-y', '2026-11-22T12:00:00.000Z', '1.0.0'),
    view('device-y', '2026-11-23T12:00:00.000Z', '1.2.0'),
    // Fay: before --since, so in no number.
    lesson(ACTORS.fay, 'initialized', '2026-09-20T10:00:00.000Z'),
    // Another course's statement.
    { id: nextId(), timestamp: '2026-11-20T10:00:00.000Z', actor: ACTORS.fay, verb: VERB('completed'), object: { id: 'https://other.example/x' } },
  ];
  const lines = statements.map((s) => JSON.stringify(s));
  lines.splice(5, 0, 'this line is not JSON');
  return lines;
}
