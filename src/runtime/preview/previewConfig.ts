/** What the preview server tells its page, in the `#preview-config` JSON block, and what it streams. */
export interface PreviewConfig {
  page: 'index' | 'unit' | 'job-aid' | 'message';
  unitId?: string;
  adapter?: 'scorm12' | 'xapi' | 'cmi5';
  masteryScore?: number;
  /** The build the unit page opened on, and whether it can play (its first build may have failed). */
  generation?: number;
  playable?: boolean;
  expectedQr?: string | null;
}

export interface PageDiagnostic {
  code: string;
  severity: string;
  where?: string;
  link?: string;
  text: string;
}

export interface BuildEvent {
  type: 'build';
  unitId: string;
  status: 'building' | 'done' | 'error';
  generation: number;
  ms?: number;
  diagnostics: PageDiagnostic[];
}

export interface StatementEvent {
  type: 'statement';
  unitId: string;
  statement: Record<string, unknown>;
  problems: string[];
}

export type PreviewEvent = BuildEvent | StatementEvent | { type: 'warning'; message: string };

export function readConfig(doc: Document): PreviewConfig {
  return JSON.parse(doc.getElementById('preview-config')?.textContent ?? '{"page":"message"}') as PreviewConfig;
}
