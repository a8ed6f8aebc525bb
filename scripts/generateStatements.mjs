/**
 * Generates NDJSON statements of the sample course's real shape for `scripts/bench-report.mjs`:
 * each statement is built from the lesson's build-time xAPI plan (the same activities, interaction
 * definitions, verbs and context extensions the runtime's statementFactory sends), with an LRS's
 * `stored`, `authority` and `version`, about 2 KB each. Learners work through whole sessions
 * (initialized, screens, answers, progressed, passed or failed, completed, terminated) and open
 * the job aid; some statements are duplicated and a few voided, as in a real export.
 *
 * Usage: node scripts/generateStatements.mjs <count> <out.ndjson> [ops.csv]   (npm run build first)
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import path from 'node:path';
import { loadCourse } from '../dist/course/index.js';
import { lessonStatementPlan } from '../dist/compile/lesson/lessonStatementPlan.js';

const SAMPLE = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../fixtures/sample-course');

/** A small deterministic PRNG (mulberry32), so every run generates the same corpus. */
function random(seed) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function uuid(next) {
  const hex = [...Array(32)].map(() => Math.floor(next() * 16).toString(16));
  hex[12] = '4';
  hex[16] = '89ab'[Math.floor(next() * 4)];
  const h = hex.join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

export async function generateStatements(count, file, { until = Date.UTC(2026, 10, 28), days = 365 } = {}) {
  const { course } = await loadCourse(SAMPLE);
  const units = course.units.filter((u) => u.lesson);
  const plans = units.map((u) => ({ unit: u, plan: lessonStatementPlan(course, u, { buildId: 'bench0000000000' }) }));
  const next = random(42);
  const out = createWriteStream(file);
  const authority = { objectType: 'Agent', name: 'Acme LRS client', account: { homePage: 'https://lrs.acme.example', name: 'tandem-relay-7f3a' } };
  let written = 0;
  let bytes = 0;
  const write = async (statement) => {
    const line = JSON.stringify(statement) + '\n';
    bytes += line.length;
    written++;
    if (!out.write(line)) await once(out, 'drain');
  };
  let learner = 0;
  while (written < count) {
    learner++;
    const { plan } = plans[learner % plans.length];
    const actor = { objectType: 'Agent', name: `Learner ${learner}`, account: { homePage: 'https://lms.acme.example', name: `u${learner}` } };
    const registration = uuid(next);
    let at = until - Math.floor(next() * days) * 86_400_000 + Math.floor(next() * 8 * 3_600_000);
    const make = (verb, object, result, parents = []) => {
      at += 20_000 + Math.floor(next() * 40_000);
      const timestamp = new Date(at).toISOString();
      return {
        id: uuid(next),
        timestamp,
        stored: new Date(at + 1500).toISOString(),
        version: '1.0.3',
        authority,
        actor,
        verb: plan.verbs[verb],
        object,
        ...(result ? { result } : {}),
        context: {
          registration,
          revision: plan.revision,
          platform: 'Tandem',
          language: plan.language,
          contextActivities: { parent: [plan.objective, ...parents], grouping: plan.grouping, category: [{ objectType: 'Activity', id: 'https://w3id.org/xapi/cmi5/context/categories/moveon' }] },
          extensions: { ...plan.extensions, 'https://w3id.org/xapi/cmi5/context/extensions/sessionid': registration },
        },
      };
    };
    const session = [make('initialized', plan.lesson)];
    const questions = Object.entries(plan.questions);
    let correct = 0;
    plan.screens.forEach((screen, i) => {
      session.push(make('experienced', screen, undefined, [plan.lesson]));
      session.push(make('progressed', plan.lesson, { extensions: { 'https://w3id.org/xapi/cmi5/result/extensions/progress': Math.round(((i + 1) / plan.screens.length) * 100) } }));
      const [id, question] = questions[i] ?? [];
      if (id) {
        const success = next() < 0.75;
        if (success) correct++;
        const response = success ? question.definition.correctResponsesPattern[0] : 'x';
        session.push(make('answered', question, { success, response, duration: 'PT25S' }, [plan.lesson]));
      }
    });
    const dropped = next() < 0.1;
    if (!dropped) {
      const scaled = questions.length ? correct / questions.length : 1;
      session.push(make(scaled >= 0.8 ? 'passed' : 'failed', plan.lesson, { score: { scaled, raw: correct, min: 0, max: questions.length }, success: scaled >= 0.8, duration: 'PT9M30S' }));
      session.push(make('completed', plan.lesson, { completion: true, duration: 'PT9M40S' }));
    }
    session.push(make('terminated', plan.lesson, { duration: 'PT9M50S' }));
    for (const statement of session) {
      if (written >= count) break;
      await write(statement);
      // One statement in 200 arrives twice (a retried POST).
      if (next() < 0.005 && written < count) await write(statement);
    }
  }
  out.end();
  await once(out, 'close');
  return { written, bytes, learners: learner };
}

/** A year of daily ops rows: one per objective and team. */
export async function generateOps(file, { until = Date.UTC(2026, 10, 28), days = 365 } = {}) {
  const { course } = await loadCourse(SAMPLE);
  const next = random(7);
  const rows = ['date,objective_id,team,metric,value,n'];
  for (let d = days - 1; d >= 0; d--) {
    const date = new Date(until - d * 86_400_000).toISOString().slice(0, 10);
    for (const unit of course.units) {
      for (const team of ['north', 'south']) rows.push(`${date},${unit.contract.objective.id},${team},"${unit.contract.metric.name.replace(/"/g, '""')}",${(10 - (days - d) / 60 + next() * 2).toFixed(2)},50`);
    }
  }
  const { writeFile } = await import('node:fs/promises');
  await writeFile(file, rows.join('\n') + '\n');
  return rows.length - 1;
}

if (process.argv[1] && path.resolve(process.argv[1]) === new URL(import.meta.url).pathname) {
  const [count, file, ops] = process.argv.slice(2);
  const result = await generateStatements(Number(count), file);
  console.log(`${result.written} statements, ${(result.bytes / 1e6).toFixed(0)} MB, ${result.learners} learners → ${file}`);
  if (ops) console.log(`${await generateOps(ops)} ops rows → ${ops}`);
}
