/**
 * The heart of the unit contract: exactly one objective, one risk, one metric. Authors who list
 * several (as a YAML list, or under a plural key) get a message about the rule, not a type error.
 */
import { diagnose, type Diagnostic } from '../../diagnostics/diagnostic.js';
import type { YamlSource } from '../load/yamlSource.js';

export const SINGULAR_FIELDS = [
  { field: 'objective', plural: 'objectives', code: 'OBJECTIVE_NOT_SINGLE' },
  { field: 'risk', plural: 'risks', code: 'RISK_NOT_SINGLE' },
  { field: 'metric', plural: 'metrics', code: 'METRIC_NOT_SINGLE' },
] as const;

export function checkSingularity(source: YamlSource): { field: string; diagnostic: Diagnostic }[] {
  const data = source.data;
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return [];
  const record = data as Record<string, unknown>;
  const found: { field: string; diagnostic: Diagnostic }[] = [];
  for (const { field, plural, code } of SINGULAR_FIELDS) {
    const value = record[field];
    const pluralValue = record[plural];
    let count: string | undefined;
    let at = source.locate([field], { key: true });
    if (Array.isArray(value)) count = value.length === 1 ? 'a list of one (write it as a mapping, without "- ")' : `${value.length}`;
    else if (pluralValue !== undefined) {
      const n = Array.isArray(pluralValue) ? pluralValue.length : 1;
      count = value === undefined ? `${n} under \`${plural}\`` : `${n + 1} (\`${field}\` and \`${plural}\`)`;
      at = source.locate([plural], { key: true });
    } else if (value === undefined || value === null) count = 'none';
    if (count) found.push({ field, diagnostic: diagnose(code, { found: count }, at) });
  }
  return found;
}
