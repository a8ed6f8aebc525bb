/**
 * A fast reader for approvals files exactly as `tandem approve` writes them. A release check reads
 * one per unit, and the yaml package's full parser costs about as much as hashing the unit itself;
 * this reads the fixed shape line by line instead. Anything else (a hand edit, a quoted or
 * non-string value, a trailing comment) returns undefined and the file goes through the full
 * YAML parser, so the result never differs from what YAML says.
 */
import type { Location } from '../../diagnostics/diagnostic.js';
import type { YamlPath } from '../../course/load/yamlSource.js';

/** A plain scalar that YAML 1.2 (core schema) reads as this very string. */
const SAFE = /^[A-Za-z0-9_][A-Za-z0-9 _.,'()&@+/-]*$/;
const NOT_A_STRING = /^(true|false|null|~|[-+]?(\.inf|\.nan)|[-+]?\d[\d_]*(\.\d*)?([eE][-+]?\d+)?|0x[0-9a-fA-F]+|0o[0-7]+)$/i;
const LINE = /^( *)([A-Za-z_][A-Za-z0-9_ -]*):(?: (.*))?$/;

export interface CanonicalSource {
  data: unknown;
  locate(path: YamlPath, options?: { key?: boolean }): Location;
}

export function readCanonicalApprovals(text: string, file: string, unitId: string): CanonicalSource | undefined {
  const data: Record<string, unknown> = {};
  const roleLines = new Map<string, number>();
  // The mapping open at each indent (0: top, 2: approvals, 4: a role, 6: parts).
  const open: (Record<string, unknown> | undefined)[] = [data];
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.startsWith('#')) continue;
    const m = LINE.exec(line);
    if (!m) return undefined;
    const depth = m[1]!.length;
    if (depth % 2 || depth > 6) return undefined;
    const parent = open[depth / 2];
    const key = m[2]!;
    if (!parent || key !== key.trim() || key in parent) return undefined;
    open.length = depth / 2 + 1;
    const value = m[3];
    if (value === undefined) {
      const child: Record<string, unknown> = {};
      parent[key] = child;
      open.push(child);
      if (depth === 2) roleLines.set(key, i + 1);
    } else {
      if (!SAFE.test(value) || NOT_A_STRING.test(value) || value !== value.trimEnd() || value.includes(' #')) return undefined;
      parent[key] = value;
    }
  }
  return {
    data,
    locate: (path) => {
      const line = path[0] === 'approvals' && typeof path[1] === 'string' ? roleLines.get(path[1]) : undefined;
      return line ? { file, line, column: 3, unitId } : { file, line: 1, column: 1, unitId };
    },
  };
}
