/**
 * A unit's preview page: plays the lesson in its frame (SCORM 1.2 with the embedded LMS, or Tin
 * Can / cmi5 with a launch from the preview's LRS), shows each CMI call or statement with its
 * checks, and reloads the lesson when a new build of the unit is done.
 */
import type { BuildEvent, PreviewConfig, StatementEvent } from './previewConfig.js';
import { showDiagnostics, showStatus } from './buildStatus.js';
import { ScormLms, type LessonMode } from './scormSession.js';

export function startUnitPage(config: PreviewConfig): { ready(): void; onBuild(e: BuildEvent): void; onStatement(e: StatementEvent): void } {
  const unitId = config.unitId!;
  const adapter = config.adapter ?? 'scorm12';
  const frame = document.getElementById('lesson') as HTMLIFrameElement;
  const log = document.querySelector<HTMLOListElement>('[data-log]')!;
  const status = document.querySelector('[data-build-status]');
  const problems = document.querySelector<HTMLElement>('[data-diagnostics]');
  const modeSelect = document.querySelector<HTMLSelectElement>('[data-launch-mode]')!;
  const violationCount = document.querySelector('[data-violation-count]')!;
  const entryCount = document.querySelector('[data-entry-count]')!;
  let shown = config.generation ?? 0;
  let latest = shown;
  let started = false;
  const statements: StatementEvent[] = [];

  const lms = adapter === 'scorm12' ? new ScormLms(unitId, () => renderCalls()) : undefined;
  const mode = () => modeSelect.value as LessonMode;

  const load = async (resume: boolean, label: string) => {
    document.documentElement.setAttribute('data-preview-generation', String(latest));
    shown = latest;
    if (lms) {
      lms.start(resume, mode(), label);
      frame.src = `/play/${encodeURIComponent(unitId)}/scorm12/units/${encodeURIComponent(unitId)}/index.html?build=${latest}`;
      return;
    }
    if (!resume) statements.splice(0);
    statements.push({ type: 'statement', unitId, statement: { separator: label }, problems: [] });
    renderStatements();
    const answer = await fetch('/_preview/launch', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ unit: unitId, adapter, mode: mode() }) });
    const { url } = (await answer.json()) as { url: string };
    frame.src = url;
  };

  document.querySelector('[data-action="reset"]')?.addEventListener('click', () => {
    lms?.forget();
    if (lms) lms.sessions.splice(0);
    void load(false, 'reset: a new learner');
  });
  document.querySelector('[data-action="resume"]')?.addEventListener('click', () => void load(true, 'resumed'));
  modeSelect.addEventListener('change', () => void load(true, `relaunched in ${mode()} mode`));

  function renderCalls(): void {
    if (!lms) return;
    const items: HTMLElement[] = [];
    let violations = 0;
    let entries = 0;
    for (const session of lms.sessions) {
      items.push(separator(session.label));
      const byCall = lms.violations(session);
      const whole = byCall.get(-1);
      if (whole) {
        violations += whole.length;
        items.push(entry('session', whole, 'whole session'));
      }
      session.calls.forEach((c, i) => {
        entries++;
        const why = byCall.get(i);
        if (why) violations += why.length;
        const args = c.args.map((a) => JSON.stringify(a)).join(', ');
        items.push(entry(`${c.name}(${args}) → ${JSON.stringify(c.result)}`, why, c.name));
      });
    }
    log.replaceChildren(...items);
    violationCount.textContent = String(violations);
    entryCount.textContent = String(entries);
    const used = lms.suspendDataLength();
    const meter = document.querySelector<HTMLMeterElement>('[data-suspend-budget]');
    if (meter) meter.value = Math.min(used, lms.limit);
    const text = document.querySelector('[data-suspend-text]');
    if (text) {
      text.textContent = `${used} / ${lms.limit} characters (${Math.round((used / lms.limit) * 100)}%)`;
      text.classList.toggle('over', used > lms.limit);
    }
  }

  function renderStatements(): void {
    const items: HTMLElement[] = [];
    let violations = 0;
    let entries = 0;
    for (const e of statements) {
      if ('separator' in e.statement) {
        items.push(separator(String(e.statement.separator)));
        continue;
      }
      entries++;
      violations += e.problems.length;
      const s = e.statement as { verb?: { id?: string }; object?: { id?: string } };
      const li = entry(`${String(s.verb?.id ?? '?').split('/').pop()} ${s.object?.id ?? ''}`, e.problems.length ? e.problems : undefined, 'statement');
      const details = document.createElement('details');
      const summary = document.createElement('summary');
      summary.textContent = 'statement';
      const pre = document.createElement('pre');
      pre.textContent = JSON.stringify(e.statement, null, 2);
      details.append(summary, pre);
      li.append(details);
      items.push(li);
    }
    log.replaceChildren(...items);
    violationCount.textContent = String(violations);
    entryCount.textContent = String(entries);
  }

  return {
    /** The event stream is open: start the lesson (a launch's first statements go out on that stream). */
    ready() {
      if (config.playable && !started) void load(true, 'started');
      started = true;
    },
    onBuild(event) {
      if (event.unitId !== unitId) return;
      showStatus(status, event);
      showDiagnostics(problems, event);
      if (event.status === 'done' && event.generation > shown) {
        started = true;
        latest = event.generation;
        void load(true, `reloaded: build ${event.generation}`);
      }
    },
    onStatement(event) {
      if (event.unitId !== unitId || lms) return;
      statements.push(event);
      renderStatements();
    },
  };
}

function separator(label: string): HTMLElement {
  const li = document.createElement('li');
  li.className = 'separator';
  li.textContent = `— ${label} —`;
  return li;
}

function entry(text: string, why: string[] | undefined, kind: string): HTMLElement {
  const li = document.createElement('li');
  li.setAttribute('data-kind', kind);
  li.textContent = text;
  if (why) {
    li.className = 'violation';
    for (const w of why) {
      const reason = document.createElement('span');
      reason.className = 'why';
      reason.textContent = w;
      li.append(reason);
    }
  }
  return li;
}
