/**
 * Runs a JSON Schema over YAML data and turns each schema error into a positioned diagnostic
 * with words an author understands (FIELD_MISSING, FIELD_TYPE, FIELD_VALUE, FIELD_UNKNOWN).
 */
import type { ErrorObject } from 'ajv';
import { diagnose, type Diagnostic } from '../../diagnostics/diagnostic.js';
import type { YamlPath, YamlSource } from '../load/yamlSource.js';
import { closestName } from './closestName.js';
import { schemaValidator, type SchemaName } from './schemas.js';

export interface SchemaCheckOptions {
  /** Fields another check reports on in its own words (e.g. `objective` given as a list). */
  skip?: (field: YamlPath) => boolean;
  /** Filled with the top-level field of every error ('' for the document itself), skipped ones included. */
  invalidFields?: Set<string>;
}

export function validateSchema(source: YamlSource, schema: SchemaName, options: SchemaCheckOptions = {}): Diagnostic[] {
  const validate = schemaValidator(schema);
  if (validate(source.data)) return [];
  const diagnostics: Diagnostic[] = [];
  const seen = new Set<string>();
  const errors = validate.errors ?? [];
  const misspelt = misspeltRequired(errors);
  for (const error of errors) {
    const path = pointerToPath(error.instancePath);
    // An unknown top-level field leaves the known ones intact.
    if (!(error.keyword === 'additionalProperties' && path.length === 0)) options.invalidFields?.add(String(fieldPath(error, path)[0] ?? ''));
    if (options.skip?.(fieldPath(error, path))) continue;
    // One typo is one problem: `ower:` is reported as FIELD_UNKNOWN ("did you mean `owner`?"), not also as `owner` missing.
    if (error.keyword === 'required' && misspelt.has(`${error.instancePath}/${(error.params as { missingProperty: string }).missingProperty}`)) continue;
    const diagnostic = toDiagnostic(error, path, source);
    // ajv reports e.g. both `type` and `enum` for one value; one message per field is enough.
    const key = `${diagnostic.line}:${diagnostic.column}:${diagnostic.code}`;
    if (seen.has(key)) continue;
    seen.add(key);
    diagnostics.push(diagnostic);
  }
  return diagnostics;
}

function toDiagnostic(error: ErrorObject, path: YamlPath, source: YamlSource): Diagnostic {
  const field = path.join('.') || '(top level)';
  const schema = error.parentSchema as { 'x-expected'?: string; description?: string } | undefined;
  switch (error.keyword) {
    case 'required': {
      const missing = (error.params as { missingProperty: string }).missingProperty;
      return diagnose('FIELD_MISSING', { field: [...path, missing].join('.'), parent: path.join('.') }, source.locate(path, { key: true }));
    }
    case 'additionalProperties': {
      const name = (error.params as { additionalProperty: string }).additionalProperty;
      const known = Object.keys((error.parentSchema as { properties?: object } | undefined)?.properties ?? {});
      return diagnose(
        'FIELD_UNKNOWN',
        { field: [...path, name].join('.'), suggestion: closestName(name, known) ?? '' },
        source.locate([...path, name], { key: true }),
      );
    }
    case 'type': {
      const written = source.written(path);
      return diagnose(
        'FIELD_TYPE',
        {
          field,
          expected: describeType(error.params as { type: string | string[] }),
          actual: describeValue(error.data, written),
          example: textExample(path, written, error),
        },
        source.locate(path),
      );
    }
    case 'enum': {
      const allowed = (error.params as { allowedValues: unknown[] }).allowedValues.map(String);
      return diagnose(
        'FIELD_VALUE',
        { field, problem: `is "${String(error.data)}", which is not one of its values`, expected: `one of: ${allowed.join(', ')}` },
        source.locate(path),
      );
    }
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
      return diagnose(
        'FIELD_VALUE',
        { field, problem: `is ${String(error.data)}, out of range`, expected: rangeOf(schema as Record<string, number>) },
        source.locate(path),
      );
    case 'minLength':
      return diagnose('FIELD_VALUE', { field, problem: 'is empty', expected: schema?.description ?? 'a non-empty value' }, source.locate(path));
    case 'minItems':
      return diagnose('FIELD_VALUE', { field, problem: 'is an empty list', expected: 'at least one entry' }, source.locate(path));
    default:
      return diagnose(
        'FIELD_VALUE',
        {
          field,
          problem: typeof error.data === 'string' ? `is "${truncate(error.data)}", which is not allowed` : `is not allowed (${error.message ?? error.keyword})`,
          expected: schema?.['x-expected'] ?? schema?.description ?? 'a value allowed by the schema',
        },
        source.locate(path),
      );
  }
}

/** `instancePath/name` of each required field whose absence is explained by an unknown field that is a typo of it. */
function misspeltRequired(errors: readonly ErrorObject[]): Set<string> {
  const missing = new Set(
    errors.filter((e) => e.keyword === 'required').map((e) => `${e.instancePath}/${(e.params as { missingProperty: string }).missingProperty}`),
  );
  const explained = new Set<string>();
  for (const error of errors) {
    if (error.keyword !== 'additionalProperties') continue;
    const name = (error.params as { additionalProperty: string }).additionalProperty;
    const known = Object.keys((error.parentSchema as { properties?: object } | undefined)?.properties ?? {});
    const suggestion = closestName(name, known.filter((k) => missing.has(`${error.instancePath}/${k}`)));
    if (suggestion) explained.add(`${error.instancePath}/${suggestion}`);
  }
  return explained;
}

/**
 * A number where text is expected (`version: 1.0`, which YAML reads as the number 1): suggest a
 * value the schema accepts, so following the hint does not lead straight to the next error.
 */
function textExample(path: YamlPath, written: string | undefined, error: ErrorObject): string {
  const expected = (error.params as { type: string | string[] }).type;
  if (!(expected === 'string' || (Array.isArray(expected) && expected.includes('string'))) || written === undefined || typeof error.data !== 'number') return '';
  const pattern = (error.parentSchema as { pattern?: string } | undefined)?.pattern;
  const parts = written.split('.');
  const padded = /^\d+(\.\d+){0,2}$/.test(written) ? [...parts, '0', '0'].slice(0, 3).join('.') : written;
  const candidates = [written, padded];
  const value = pattern ? candidates.find((c) => new RegExp(pattern, 'u').test(c)) : written;
  if (value === undefined) return '';
  const key = String(path[path.length - 1] ?? '');
  // A value YAML would read as a number again needs quotes; 1.0.0 is text already.
  return `${key}: ${/^[-+]?(\d[\d_]*)?(\.\d*)?([eE][-+]?\d+)?$/.test(value) ? JSON.stringify(value) : value}`;
}

/** The path of the field an error is about: for missing and unknown fields, the field itself. */
function fieldPath(error: ErrorObject, path: YamlPath): YamlPath {
  const params = error.params as { missingProperty?: string; additionalProperty?: string };
  const name = params.missingProperty ?? params.additionalProperty;
  return name === undefined ? path : [...path, name];
}

function pointerToPath(pointer: string): YamlPath {
  if (!pointer) return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

function describeType(params: { type: string | string[] }): string {
  const names: Record<string, string> = {
    object: 'a mapping (key: value lines)',
    array: 'a list (lines starting with "- ")',
    string: 'text',
    number: 'a number',
    integer: 'a whole number',
    boolean: 'true or false',
  };
  const types = Array.isArray(params.type) ? params.type : [params.type];
  return types.map((t) => names[t] ?? t).join(' or ');
}

function describeValue(value: unknown, written?: string): string {
  if (value === null || value === undefined) return 'empty';
  // Quote what the author wrote: `1.0` read as a number is 1, and "not number 1" would puzzle them.
  if (typeof value === 'number' && written !== undefined && /^[-+.\d]/.test(written)) return `the number ${written}`;
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return `text "${truncate(value)}"`;
  return `${typeof value} ${String(value)}`;
}

function rangeOf(schema: Record<string, number> | undefined): string {
  const kind = schema?.type === ('integer' as unknown as number) ? 'a whole number' : 'a number';
  if (schema?.minimum !== undefined && schema?.maximum !== undefined) return `${kind} from ${schema.minimum} to ${schema.maximum}`;
  if (schema?.minimum !== undefined) return `${kind} of at least ${schema.minimum}`;
  if (schema?.maximum !== undefined) return `${kind} of at most ${schema.maximum}`;
  return kind;
}

function truncate(s: string): string {
  return s.length > 40 ? s.slice(0, 37) + '...' : s;
}
