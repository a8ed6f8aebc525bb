/**
 * xAPI 1.0.3 shape rules for a statement, by Learning Locker's validator (the rules an LRS
 * applies), so the relay refuses at the edge what an LRS would refuse later, when nobody is
 * left to tell. Only the path and rule name are reported, never the offending value.
 */
import validatorModule from '@learninglocker/xapi-validation';

interface Warning {
  path: (string | number)[];
  typeName?: string;
  message: string;
}

// The package is CommonJS with its function as `default`.
const validate = ((validatorModule as unknown as { default?: unknown }).default ?? validatorModule) as (statement: unknown) => Warning[];

export function firstXapiProblem(statement: unknown): { where: string; rule: string } | undefined {
  const warning = validate(statement)[0];
  if (!warning) return undefined;
  // Paths start at "statement"; the relay numbers statements itself.
  const where = warning.path.slice(1).join('.') || 'statement';
  return { where, rule: warning.typeName ?? warning.message };
}
