/**
 * `tandem init`: copies the starter course (templates/starter) into a new folder, with the course
 * id and title filled in. Refuses to overwrite an existing course.
 */
import { existsSync } from 'node:fs';
import { copyFile, cp, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CONFIG_FILE } from '../course/config/loadConfig.js';

const STARTER = fileURLToPath(new URL('../../templates/starter/', import.meta.url));
const SCHEMAS = fileURLToPath(new URL('../../schemas/', import.meta.url));
/** The GitHub issue form `tandem intake` reads back (README, "Intake"); kept out of starter/ so npm packs it. */
const ISSUE_FORM = fileURLToPath(new URL('../../templates/issue-form/training-request.yml', import.meta.url));
export const ISSUE_FORM_PATH = '.github/ISSUE_TEMPLATE/training-request.yml';

/**
 * Editor validation and autocomplete. The course gets its own copy of the schemas, so the
 * association works wherever Tandem is installed (globally, npx, a project's node_modules) and
 * offline. The starter's files name them in a `# yaml-language-server: $schema=` first line, and
 * .vscode/settings.json maps new units and paths too. docs/format.md describes the same layout.
 */
export const COURSE_SCHEMA_DIR = '.tandem/schemas';
const COURSE_SCHEMAS: Record<string, string> = {
  'tandem.config.schema.json': 'tandem.config.yaml',
  'unit.schema.json': 'units/*/unit.yaml',
  'path.schema.json': 'paths/*.yaml',
};

export type ScaffoldResult = { ok: true; files: string[] } | { ok: false; reason: string };

export async function scaffoldCourse(dir: string, options: { id?: string; title?: string } = {}): Promise<ScaffoldResult> {
  const target = path.resolve(dir);
  if (existsSync(path.join(target, CONFIG_FILE))) return { ok: false, reason: `${target} already holds a course (${CONFIG_FILE}); nothing was changed` };
  if (existsSync(path.join(target, 'units'))) return { ok: false, reason: `${target} already has a units/ folder; nothing was changed` };
  const id = options.id ?? courseIdFrom(path.basename(target));
  if (!/^[a-z0-9][a-z0-9-]{0,63}$/.test(id)) return { ok: false, reason: `"${id}" is not a valid course id: use lowercase letters, digits and '-' (pass --id)` };
  const title = options.title ?? 'My first Tandem course';

  await mkdir(target, { recursive: true });
  await cp(STARTER, target, { recursive: true, errorOnExist: true, force: false });
  const configFile = path.join(target, CONFIG_FILE);
  const config = await readFile(configFile, 'utf8');
  // JSON.stringify gives a valid YAML double-quoted string for any title.
  await writeFile(configFile, config.replaceAll('__COURSE_ID__', id).replace('__COURSE_TITLE__', JSON.stringify(title)));
  await mkdir(path.join(target, COURSE_SCHEMA_DIR), { recursive: true });
  for (const name of Object.keys(COURSE_SCHEMAS)) await copyFile(path.join(SCHEMAS, name), path.join(target, COURSE_SCHEMA_DIR, name));
  const form = path.join(target, ISSUE_FORM_PATH);
  if (!existsSync(form)) {
    await mkdir(path.dirname(form), { recursive: true });
    await copyFile(ISSUE_FORM, form);
  }
  const settings = path.join(target, '.vscode', 'settings.json');
  if (!existsSync(settings)) {
    const mapping = Object.fromEntries(Object.entries(COURSE_SCHEMAS).map(([name, glob]) => [`./${COURSE_SCHEMA_DIR}/${name}`, glob]));
    await mkdir(path.dirname(settings), { recursive: true });
    await writeFile(settings, JSON.stringify({ 'yaml.schemas': mapping }, null, 2) + '\n');
  }
  return { ok: true, files: await listRelative(target) };
}

function courseIdFrom(name: string): string {
  const id = name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 64);
  return id || 'my-course';
}

async function listRelative(root: string, prefix = ''): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(path.join(root, prefix), { withFileTypes: true })) {
    const rel = prefix ? `${prefix}/${e.name}` : e.name;
    if (e.isDirectory()) out.push(...(await listRelative(root, rel)));
    else out.push(rel);
  }
  return out.sort();
}
