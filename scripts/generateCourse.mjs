/**
 * Generates a course of N units for benchmarks, by cycling through the sample course's units and
 * giving each copy its own id and objective. Used by bench-check and the build benchmarks.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const SAMPLE = fileURLToPath(new URL('../fixtures/sample-course/', import.meta.url));

export function generateCourse(unitCount, dir = mkdtempSync(path.join(os.tmpdir(), `tandem-bench-${unitCount}-`))) {
  const templates = readdirSync(path.join(SAMPLE, 'units')).sort();
  mkdirSync(path.join(dir, 'units'), { recursive: true });
  mkdirSync(path.join(dir, 'paths'), { recursive: true });
  // The config's own files (brand logo, themes) come along; units, paths, approvals and requests are generated or left out.
  for (const entry of readdirSync(SAMPLE, { withFileTypes: true }))
    if (entry.isDirectory() && !['units', 'paths', 'approvals'].includes(entry.name)) cpSync(path.join(SAMPLE, entry.name), path.join(dir, entry.name), { recursive: true });
  writeFileSync(path.join(dir, 'tandem.config.yaml'), readFileSync(path.join(SAMPLE, 'tandem.config.yaml'), 'utf8').replace(/^id: .*$/m, `id: bench-${unitCount}`));
  const ids = [];
  for (let i = 0; i < unitCount; i++) {
    const template = templates[i % templates.length];
    const id = `${template}-${String(i).padStart(4, '0')}`;
    const unitDir = path.join(dir, 'units', id);
    cpSync(path.join(SAMPLE, 'units', template), unitDir, { recursive: true });
    const unitYaml = readFileSync(path.join(unitDir, 'unit.yaml'), 'utf8');
    const objective = /^\s+id: (OBJ-[A-Z0-9-]+)/m.exec(unitYaml)[1];
    for (const file of ['unit.yaml', 'lesson.md', 'job-aid.md']) {
      const p = path.join(unitDir, file);
      writeFileSync(p, readFileSync(p, 'utf8').replace(`id: ${template}`, `id: ${id}`).replaceAll(objective, `${objective}-${i}`));
    }
    ids.push(id);
  }
  // Learning paths of 10 units each, as a large catalog would have.
  for (let p = 0; p * 10 < ids.length; p++) {
    const units = ids.slice(p * 10, p * 10 + 10);
    writeFileSync(path.join(dir, 'paths', `path-${p}.yaml`), `id: path-${p}\ntitle: Path ${p}\nunits:\n${units.map((u) => `  - ${u}`).join('\n')}\n`);
  }
  return dir;
}
