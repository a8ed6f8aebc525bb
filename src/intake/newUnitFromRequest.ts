/**
 * `tandem new <unit-id> --from-request <id>`: a unit folder pre-filled from one request — the
 * request (source, impact, frequency, ticket), a draft objective, the risk, the metric with its
 * baseline and the SME — with "Replace with …" placeholders for what the request cannot say (the
 * agreed objective, the target, the other owners, the lesson and job-aid text). `tandem check`
 * reports each placeholder as PLACEHOLDER_LEFT until it is replaced, and a release needs every
 * role's sign-off on the real content anyway.
 */
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { stringify } from 'yaml';
import { loadConfig } from '../course/config/loadConfig.js';
import { readRequests } from './readRequests.js';
import type { TrainingRequest } from './request.js';
import type { Diagnostic } from '../diagnostics/index.js';

const UNIT_ID = /^[a-z0-9][a-z0-9-]{0,63}$/;

export type NewUnitResult =
  | { ok: true; dir: string; files: string[]; request: TrainingRequest; jobAidOnly: boolean }
  | { ok: false; reason: string; diagnostics?: Diagnostic[] };

export async function newUnitFromRequest(courseDir: string, unitId: string, requestId: string, requestsFile: string): Promise<NewUnitResult> {
  if (!UNIT_ID.test(unitId)) return { ok: false, reason: `"${unitId}" is not a valid unit id: use lowercase letters, digits and '-', e.g. refund-approval` };
  const { config, draft } = await loadConfig(courseDir);
  const settings = config ?? draft;
  if (!settings) return { ok: false, reason: `${path.resolve(courseDir)} holds no course (tandem.config.yaml); run it in a course folder or pass --course` };
  const dir = path.join(path.resolve(courseDir), 'units', unitId);
  if (existsSync(dir)) return { ok: false, reason: `units/${unitId} already exists; nothing was changed` };
  const read = readRequests(requestsFile);
  const request = read.requests.find((r) => r.id === requestId);
  if (!request) {
    const invalid = read.diagnostics.filter((d) => d.message.includes(` ${requestId} `));
    return {
      ok: false,
      reason: invalid.length
        ? `request ${requestId} in ${requestsFile} has problems to fix first`
        : `no request ${requestId} in ${requestsFile}${read.requests.length ? ` (requests: ${read.requests.slice(0, 5).map((r) => r.id).join(', ')}${read.requests.length > 5 ? ', …' : ''})` : ''}`,
      diagnostics: invalid,
    };
  }
  const objectiveId = `OBJ-${request.source.toUpperCase()}-${unitId.toUpperCase()}`;
  const schema = existsSync(path.join(courseDir, '.tandem', 'schemas', 'unit.schema.json')) ? '# yaml-language-server: $schema=../../.tandem/schemas/unit.schema.json\n' : '';
  const jobAidOnly = !request.trainingIsFix;
  const contract = {
    id: unitId,
    title: request.title,
    version: '0.1.0',
    language: settings.language,
    request: { source: request.source, impact: request.impact, frequency: request.frequency, ticket: request.id },
    objective: { id: objectiveId, statement: `Replace with what learners will be able to do, observably (draft: ${request.workflow}: ${request.title})` },
    risk: { statement: request.risk, severity: request.severity },
    metric: { name: request.metric, layer: 'execution', baseline: request.baseline, target: 'Replace with the target the analyst agrees' },
    owners: {
      ld_lead: "Replace with the L&D lead's name",
      ops_manager: "Replace with the ops manager's name",
      sme: request.sme,
      analyst: "Replace with the analyst's name",
    },
    lesson: { mastery_score: 80 },
    reinforcement: { after_days: 5, steps: ['Replace with the high-risk step people forget, as the SME words it'] },
  };
  const unitYaml =
    schema +
    `# Scaffolded by \`tandem new\` from request ${request.id} (${path.basename(requestsFile)}), requested by ${request.requester} on ${request.date}.\n` +
    (jobAidOnly ? '# The request says training is not the fix (the gap is tools, process or incentives): the job aid carries this unit; keep the lesson a short briefing.\n' : '') +
    '# Replace every "Replace with …" value; `tandem check` warns (PLACEHOLDER_LEFT) until you do.\n' +
    stringify(contract, { lineWidth: 0 });
  const files = new Map([
    ['unit.yaml', unitYaml],
    ['lesson.md', lessonTemplate(objectiveId, request)],
    ['job-aid.md', jobAidTemplate(objectiveId, request)],
  ]);
  await mkdir(dir, { recursive: true });
  for (const [name, text] of files) await writeFile(path.join(dir, name), text, { flag: 'wx' });
  return { ok: true, dir, files: [...files.keys()].map((f) => `units/${unitId}/${f}`), request, jobAidOnly };
}

function lessonTemplate(objectiveId: string, r: TrainingRequest): string {
  return `---
objective: ${objectiveId}
---

## Why this matters

Replace with the situation learners recognise. The request says: ${oneLine(r.risk)}

Today: ${oneLine(r.metric)} stands at ${oneLine(r.baseline)}.

## The rule

Replace with the rule or procedure for ${oneLine(r.workflow)}, as ${oneLine(r.sme)} describes it.

\`\`\`question
type: true-false
prompt: Replace with a question on the rule, drawn from a real case.
answer: true
feedback:
  correct: Replace with what a right answer confirms.
  incorrect: Replace with what the learner should look at again.
\`\`\`

## Practice

Replace with a realistic case from the job, then a question that needs the rule to answer it.
`;
}

function jobAidTemplate(objectiveId: string, r: TrainingRequest): string {
  return `---
objective: ${objectiveId}
---

# ${oneLine(r.title)}

## When to use

Replace with when people open this card: ${oneLine(r.workflow)}.

## Steps

1. Replace with the first step, as ${oneLine(r.sme)} does it.
2. Replace with the next step.

## Watch-outs

- ${oneLine(r.risk)}

## Escalation

Replace with who to contact, and how, when the steps do not fit the case.
`;
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
