/** Stage 3, load (one learning path): paths/<id>.yaml, schema-checked, with positions kept. */
import path from 'node:path';
import { diagnose, hasErrors, type Diagnostic } from '../../diagnostics/diagnostic.js';
import type { LearningPath } from '../model/path.js';
import { validateSchema } from '../validate/validateSchema.js';
import { readTextFile } from './readTextFile.js';
import { parseYamlSource, type YamlSource } from './yamlSource.js';

export interface LoadedPath {
  file: string;
  path?: LearningPath;
  locate: YamlSource['locate'];
  diagnostics: Diagnostic[];
  text?: string;
}

export async function loadPath(file: string, courseRoot: string): Promise<LoadedPath> {
  const fallback = { file, line: 1, column: 1 };
  const read = readTextFile(file, courseRoot);
  if (!read.ok) return { file, locate: () => fallback, diagnostics: [read.diagnostic] };
  const source = parseYamlSource(read.text, { file });
  const diagnostics = [...source.diagnostics];
  if (source.data !== undefined) diagnostics.push(...validateSchema(source, 'path'));
  const loaded: LoadedPath = { file, locate: source.locate, diagnostics, text: read.text };
  if (hasErrors(diagnostics)) return loaded;

  const raw = source.data as { id: string; title: string; units: string[] };
  const name = path.basename(file).replace(/\.ya?ml$/, '');
  if (raw.id !== name) diagnostics.push(diagnose('ID_MISMATCH', { kind: 'path', id: raw.id, name }, source.locate(['id'])));
  loaded.path = { id: raw.id, title: raw.title, file, unitIds: raw.units.map(String) };
  return loaded;
}
