/** Codes of `tandem serve`: relay answers (in the JSON body of a 4xx/5xx) and reasons the server does not start. */
import { entry } from '../catalogueEntry.js';

export const SERVE_CODES = {
  // --- tandem serve: the statement relay and job-aid server ----------------------------------
  // Relay codes are answered in the JSON body of a 4xx/5xx response; SERVE_ codes stop the server
  // from starting (exit 2). Wording never carries a credential, the salt or a server path.
  RELAY_NOT_JSON: entry({
    severity: 'error',
    summary: 'The relay got a body that is not JSON (HTTP 415).',
    message: () => 'The request body is not application/json.',
    hint: () => 'POST one xAPI statement or an array of statements with Content-Type: application/json.',
  }),
  RELAY_MALFORMED: entry<{ problem: string }>({
    severity: 'error',
    summary: 'The relay got JSON that is not a statement or an array of statements (HTTP 400).',
    message: (p) => `The request body is not a statement or a list of statements: ${p.problem}.`,
    hint: () => 'Send one statement object, or a non-empty array of statement objects.',
  }),
  RELAY_BODY_TOO_LARGE: entry<{ limit: number }>({
    severity: 'error',
    summary: 'A relay request body is larger than 64 KB (HTTP 413).',
    message: (p) => `The request body is larger than ${p.limit} bytes.`,
    hint: () => 'Send fewer statements per request.',
  }),
  RELAY_TOO_MANY_STATEMENTS: entry<{ count: number; limit: number }>({
    severity: 'error',
    summary: 'A relay request holds more than 50 statements (HTTP 413).',
    message: (p) => `The request holds ${p.count} statements; the relay takes at most ${p.limit} at once.`,
    hint: (p) => `Split the batch into requests of at most ${p.limit} statements.`,
  }),
  RELAY_STATEMENT_TOO_LARGE: entry<{ index: number; bytes: number; limit: number }>({
    severity: 'error',
    summary: 'A statement sent to the relay is larger than 8 KB (HTTP 413).',
    message: (p) => `Statement ${p.index} is ${p.bytes} bytes; the relay takes at most ${p.limit} bytes per statement.`,
    hint: () => 'Tandem pages never send statements this large; check what added to it.',
  }),
  RELAY_INVALID_STATEMENT: entry<{ index: number; where: string; rule: string }>({
    severity: 'error',
    summary: 'A statement sent to the relay breaks the xAPI 1.0.3 rules (HTTP 400).',
    message: (p) => `Statement ${p.index} is not a valid xAPI 1.0.3 statement: ${p.where} (${p.rule}).`,
    hint: () => 'Send statements as Tandem pages make them; see the xAPI 1.0.3 specification, part 2, section 2.',
  }),
  RELAY_DUPLICATE_ID: entry<{ index: number }>({
    severity: 'error',
    summary: 'A relay request holds two statements with the same id (HTTP 400).',
    message: (p) => `Statement ${p.index} has the same id as an earlier statement of this request.`,
    hint: () => 'Give every statement its own UUID (xAPI 1.0.3 Communication 2.1.2).',
  }),
  RELAY_VERB_NOT_ALLOWED: entry<{ index: number; verb: string }>({
    severity: 'error',
    summary: 'A statement sent to the relay uses a verb Tandem does not emit (HTTP 403).',
    message: (p) => `Statement ${p.index} uses the verb ${p.verb}, which no Tandem page sends.`,
    hint: () => 'The relay forwards only the statements of Tandem job aids and lessons; send others to your LRS directly.',
  }),
  RELAY_ACTIVITY_NOT_ALLOWED: entry<{ index: number; activity: string }>({
    severity: 'error',
    summary: 'A statement sent to the relay is about an activity not in the served release (HTTP 403).',
    message: (p) => `Statement ${p.index} is about ${p.activity}, which is not a unit, lesson or job aid of the served release.`,
    hint: () => 'Rebuild and redeploy the release the page came from, or serve the release that contains this unit.',
  }),
  RELAY_OBJECTIVE_MISSING: entry<{ index: number; objective: string }>({
    severity: 'error',
    summary: "A statement sent to the relay lacks its unit's objective in contextActivities.parent (HTTP 403).",
    message: (p) => `Statement ${p.index} does not name its objective ${p.objective} in context.contextActivities.parent.`,
    hint: () => "Tandem pages put the unit's objective in the parent context; a statement without it cannot be joined by objective.",
  }),
  RELAY_ACTOR_NOT_ALLOWED: entry<{ index: number; reason: string }>({
    severity: 'error',
    summary: 'A statement sent to the relay has an actor other than the anonymous account Tandem pages make (HTTP 403).',
    message: (p) => `Statement ${p.index} has an actor the relay does not take: ${p.reason}.`,
    hint: () => 'The actor must be an Agent with only an account (homePage = a configured page origin, name = an opaque id); the relay never forwards e-mail addresses or names.',
  }),
  RELAY_RATE_LIMITED: entry<{ limit: number; seconds: number }>({
    severity: 'error',
    summary: 'Too many statements for one objective from one address (HTTP 429 with Retry-After).',
    message: (p) => `More than ${p.limit} statements a minute for one objective from this address.`,
    hint: (p) => `Retry after ${p.seconds} s. Operators: raise serve.rate_limit.statements_per_minute if this is real traffic.`,
  }),
  RELAY_JOURNAL_FULL: entry({
    severity: 'error',
    summary: 'The relay journal reached its disk budget; nothing more is accepted (HTTP 503).',
    message: () => 'The relay cannot accept statements: its journal reached its disk budget.',
    hint: () => 'Operators: move forwarded, gzipped journal segments elsewhere or raise serve.journal_budget_mb. Clients: retry later.',
  }),
  RELAY_JOURNAL_FAILED: entry({
    severity: 'error',
    summary: 'The relay could not write its journal (disk full or I/O error); the request was not accepted (HTTP 503).',
    message: () => 'The relay could not write the statements to its journal; none of them were accepted.',
    hint: () => 'Operators: check the disk that holds the journal. Clients: retry later.',
  }),
  SERVE_NOT_FOUND: entry({
    severity: 'error',
    summary: 'Nothing is served at this address (HTTP 404).',
    message: () => 'Nothing is served at this address.',
    hint: () => 'Job aids are served under the path of job_aid_url, the relay at the path of job_aids.relay_url.',
  }),
  SERVE_METHOD_NOT_ALLOWED: entry({
    severity: 'error',
    summary: 'The relay takes POST only; no endpoint reads statements back (HTTP 405).',
    message: () => 'This address takes POST only.',
    hint: () => 'The relay is write-only; query your LRS to read statements.',
  }),
  SERVE_INTERNAL_ERROR: entry({
    severity: 'error',
    summary: 'The server hit a bug while answering; the request was not accepted (HTTP 500).',
    message: () => 'The server could not answer this request.',
    hint: () => 'Retry later; operators find the cause in the server log.',
  }),
  SERVE_RELEASE_NOT_FOUND: entry<{ dir: string }>({
    severity: 'error',
    summary: 'tandem serve was given a release folder without a readable manifest.json.',
    message: (p) => `No readable release manifest.json in ${p.dir}.`,
    hint: () => "Pass the output folder of 'tandem build' with --release.",
  }),
  SERVE_RELEASE_MISMATCH: entry<{ release: string; course: string }>({
    severity: 'error',
    summary: 'The release folder was built from another course than the one given.',
    message: (p) => `The release is of course "${p.release}", the course folder is "${p.course}".`,
    hint: () => 'Serve a release built from this course folder.',
  }),
  SERVE_SETTING_INVALID: entry<{ setting: string; problem: string }>({
    severity: 'error',
    summary: 'A tandem serve setting (option, environment variable or serve: config) is unusable.',
    message: (p) => `${p.setting}: ${p.problem}.`,
    hint: () => "See 'tandem help serve' and the serve section of the README.",
  }),
  SERVE_SECRETS_IN_COURSE: entry<{ setting: string }>({
    severity: 'error',
    summary: 'The serve environment file lies inside the course or release folder.',
    message: (p) => `${p.setting} points into the course or release folder, which is shared and packaged.`,
    hint: () => 'Keep LRS credentials and the server secret outside the course, e.g. in /etc/tandem/serve.env (mode 600).',
  }),
  SERVE_SECRET_MISSING: entry({
    severity: 'error',
    summary: 'serve.identity_header is set but no server secret (TANDEM_SERVE_SECRET, 16+ characters) is.',
    message: () => 'serve.identity_header is set, but TANDEM_SERVE_SECRET is missing or shorter than 16 characters.',
    hint: () => 'Set TANDEM_SERVE_SECRET (e.g. `openssl rand -hex 32`) in the environment or the serve.environment_file; keep it stable, or the hashed accounts change.',
  }),
  SERVE_JOURNAL_LOCKED: entry<{ pid: number }>({
    severity: 'error',
    summary: 'Another tandem serve process is using the journal folder.',
    message: (p) => `The journal folder is in use by process ${p.pid}.`,
    hint: () => 'Stop the other server, or give this one its own --journal folder.',
  }),
  SERVE_LISTEN_FAILED: entry<{ address: string; reason: string }>({
    severity: 'error',
    summary: 'tandem serve could not listen on the given host and port.',
    message: (p) => `Cannot listen on ${p.address}: ${p.reason}.`,
    hint: () => 'Pick a free port with --port, or stop what is using it.',
  }),

} as const;
