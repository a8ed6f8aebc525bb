/**
 * The embedded SCORM 1.2 LMS: scorm-again's Scorm12API as `window.API` for the lesson frame, every
 * call logged and checked live with the strict rules (runtime/contract/scorm12Rules), the learner's
 * data kept in sessionStorage so a reload after a save resumes where the author was.
 */
import { checkScorm12Calls, type Scorm12Call } from '../contract/scorm12Rules.js';
import { SUSPEND_DATA_LIMIT } from '../contract/scorm12Limits.js';

type Cmi = { core?: Record<string, unknown>; suspend_data?: string } & Record<string, unknown>;
interface ScormAgainApi extends Record<string, unknown> {
  loadFromJSON(json: object, prefix?: string): void;
  renderCMIToJSONObject(): Cmi;
}
declare global {
  interface Window {
    Scorm12API?: new (settings: Record<string, unknown>) => ScormAgainApi;
    API?: unknown;
  }
}

const METHODS = ['LMSInitialize', 'LMSFinish', 'LMSGetValue', 'LMSSetValue', 'LMSCommit', 'LMSGetLastError', 'LMSGetErrorString', 'LMSGetDiagnostic'];

export type LessonMode = 'normal' | 'review' | 'browse';

export interface Session {
  calls: Scorm12Call[];
  ended: boolean;
  label: string;
}

export class ScormLms {
  readonly sessions: Session[] = [];
  private readonly key: string;

  constructor(
    unitId: string,
    private readonly onChange: () => void,
  ) {
    this.key = `tandem.preview.cmi:${unitId}`;
  }

  /** A new LMS session; `resume` starts from the learner's saved data, else from nothing. */
  start(resume: boolean, mode: LessonMode, label: string): void {
    const Api = window.Scorm12API;
    if (!Api) throw new Error('scorm-again did not load.');
    const api = new Api({ autocommit: false, logLevel: 5 });
    const saved = resume ? this.saved() : undefined;
    const credit = mode === 'normal' ? 'credit' : 'no-credit';
    if (saved) {
      const { session_time: _t, exit: _e, ...core } = (saved.core ?? {}) as Record<string, unknown>;
      api.loadFromJSON({ ...saved, core: { ...core, entry: saved.core?.exit === 'suspend' ? 'resume' : '', lesson_mode: mode, credit } });
    } else {
      if (!resume) this.forget();
      api.loadFromJSON({ core: { entry: 'ab-initio', credit, lesson_mode: mode, student_id: 'preview-learner', student_name: 'Learner, Preview' } });
    }
    const session: Session = { calls: [], ended: false, label };
    this.sessions.push(session);
    for (const name of METHODS) {
      const original = (api[name] as (...args: unknown[]) => unknown).bind(api);
      api[name] = (...args: unknown[]) => {
        const result = String(original(...args));
        session.calls.push({ name, args: args.map(String), result });
        if (name === 'LMSFinish') session.ended = true;
        if ((name === 'LMSCommit' || name === 'LMSFinish') && result === 'true') this.save(api.renderCMIToJSONObject());
        this.onChange();
        return result;
      };
    }
    window.API = api;
    this.onChange();
  }

  /** Violations of a session, by call index (-1 for whole-session rules). */
  violations(session: Session): Map<number, string[]> {
    const byCall = new Map<number, string[]>();
    for (const v of checkScorm12Calls(session.calls, { ended: session.ended })) {
      const at = v.call ?? -1;
      byCall.set(at, [...(byCall.get(at) ?? []), v.message]);
    }
    return byCall;
  }

  /** The length of the latest suspend_data written, against the 4,096-character limit. */
  suspendDataLength(): number {
    for (const session of [...this.sessions].reverse()) {
      for (let i = session.calls.length - 1; i >= 0; i--) {
        const c = session.calls[i]!;
        if (c.name === 'LMSSetValue' && c.args[0] === 'cmi.suspend_data') return (c.args[1] ?? '').length;
      }
    }
    return String(this.saved()?.suspend_data ?? '').length;
  }

  readonly limit = SUSPEND_DATA_LIMIT;

  forget(): void {
    try {
      sessionStorage.removeItem(this.key);
    } catch {
      // Storage refused: nothing was kept either.
    }
  }

  private saved(): Cmi | undefined {
    try {
      const text = sessionStorage.getItem(this.key);
      return text ? (JSON.parse(text) as Cmi) : undefined;
    } catch {
      return undefined;
    }
  }

  private save(cmi: Cmi): void {
    try {
      sessionStorage.setItem(this.key, JSON.stringify(cmi));
    } catch {
      // Storage refused (private mode quota): resume starts from nothing.
    }
  }
}
