/**
 * A training request as intake reads it, from a CSV row or a GitHub issue form, and the one
 * validation both go through, so a request means the same whichever way it arrived.
 */
import { diagnose, type Diagnostic, type Location } from '../diagnostics/index.js';

export const REQUEST_FIELDS = [
  'id',
  'title',
  'source',
  'workflow',
  'impact',
  'frequency',
  'risk',
  'severity',
  'metric',
  'baseline',
  'requester',
  'sme',
  'date',
  'training_is_fix',
] as const;
export type RequestField = (typeof REQUEST_FIELDS)[number];

const SOURCES = ['ops', 'support', 'sales', 'compliance'] as const;
const SEVERITIES = ['low', 'medium', 'high'] as const;
export type RequestSeverity = (typeof SEVERITIES)[number];

/** A request that passed validation. */
export interface TrainingRequest {
  id: string;
  title: string;
  source: (typeof SOURCES)[number];
  workflow: string;
  impact: number;
  frequency: number;
  risk: string;
  severity: RequestSeverity;
  metric: string;
  baseline: string;
  requester: string;
  sme: string;
  /** YYYY-MM-DD. */
  date: string;
  /** `training_is_fix: no`: people know how, the gap is tools, process or incentives, so a job aid alone. */
  trainingIsFix: boolean;
  /** Where the request is written. */
  at: Location;
}

/** One field as written, with where: what validation reads. */
export interface RawField {
  text: string;
  at: Location;
}
export type RawRequest = { at: Location; fields: Partial<Record<RequestField, RawField>> };

const ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

/** Validates one request; every problem is reported (not only the first), and any error leaves no request. */
export function validateRequest(raw: RawRequest): { request?: TrainingRequest; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const field = (name: RequestField) => raw.fields[name] ?? { text: '', at: raw.at };
  const id = field('id');
  const request = id.text || `at line ${raw.at.line ?? 1}`;
  const required = (name: RequestField): string => {
    const f = field(name);
    if (f.text) return f.text;
    if (name === 'metric') diagnostics.push(diagnose('INTAKE_METRIC_MISSING', { request }, f.at));
    else if (name === 'baseline') diagnostics.push(diagnose('INTAKE_BASELINE_MISSING', { request }, f.at));
    else if (name === 'sme') diagnostics.push(diagnose('INTAKE_SME_MISSING', { request }, f.at));
    else if (name === 'risk') diagnostics.push(diagnose('INTAKE_RISK_MISSING', { request }, f.at));
    else diagnostics.push(diagnose('INTAKE_FIELD_MISSING', { field: name, request }, f.at));
    return '';
  };
  const idText = required('id');
  if (idText && !ID.test(idText)) diagnostics.push(diagnose('INTAKE_VALUE_INVALID', { field: 'id', value: idText, expected: "letters, digits, '.', '_' and '-' (e.g. REQ-014), at most 64", request }, id.at));
  const [title, workflow, risk, metric, baseline, requester, sme] = (['title', 'workflow', 'risk', 'metric', 'baseline', 'requester', 'sme'] as const).map(required);
  const sourceText = required('source').toLowerCase();
  if (sourceText && !(SOURCES as readonly string[]).includes(sourceText)) diagnostics.push(diagnose('INTAKE_SOURCE_UNKNOWN', { value: field('source').text, request }, field('source').at));
  const impact = score('impact', required('impact'));
  const frequency = score('frequency', required('frequency'));
  const severityText = required('severity').toLowerCase();
  if (severityText && !(SEVERITIES as readonly string[]).includes(severityText))
    diagnostics.push(diagnose('INTAKE_VALUE_INVALID', { field: 'severity', value: field('severity').text, expected: 'low, medium or high', request }, field('severity').at));
  const date = required('date');
  if (date && !isDay(date)) diagnostics.push(diagnose('INTAKE_DATE_INVALID', { value: date, request }, field('date').at));
  const fixText = required('training_is_fix').toLowerCase();
  if (fixText && fixText !== 'yes' && fixText !== 'no')
    diagnostics.push(diagnose('INTAKE_VALUE_INVALID', { field: 'training_is_fix', value: field('training_is_fix').text, expected: 'yes or no', request }, field('training_is_fix').at));

  function score(name: 'impact' | 'frequency', text: string): number {
    if (!text) return 0;
    const n = Number(text);
    if (!/^\d+$/.test(text) || n < 1 || n > 5) diagnostics.push(diagnose('INTAKE_VALUE_OUT_OF_RANGE', { field: name, value: text, request }, field(name).at));
    return n;
  }

  if (diagnostics.length) return { diagnostics };
  return {
    diagnostics,
    request: {
      id: idText,
      title: title!,
      source: sourceText as TrainingRequest['source'],
      workflow: workflow!,
      impact,
      frequency,
      risk: risk!,
      severity: severityText as RequestSeverity,
      metric: metric!,
      baseline: baseline!,
      requester: requester!,
      sme: sme!,
      date,
      trainingIsFix: fixText === 'yes',
      at: raw.at,
    },
  };
}

/** A real calendar day written YYYY-MM-DD (2026-02-30 is not one). */
export function isDay(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const d = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === text;
}
