/**
 * Issue 11: Tandem installs like a real tool. `npm pack` (which builds) gives a tarball that
 * installs globally (here into a private prefix, the same layout as `npm i -g`), and the installed
 * `tandem` runs from an unrelated folder with its own themes, schemas and templates: --help,
 * init, check, and a job-aid build. Slow (a full build and an install), so it is one test.
 */
import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, expect, it } from 'vitest';

const run = promisify(execFile);
const temps: string[] = [];
afterAll(() => temps.forEach((d) => rmSync(d, { recursive: true, force: true })));
const tempDir = (name: string) => {
  const d = mkdtempSync(path.join(os.tmpdir(), `tandem-install-${name}-`));
  temps.push(d);
  return d;
};

/** Runs the installed command; resolves with the exit code instead of throwing on 1. */
async function tandem(bin: string, args: string[], cwd: string) {
  try {
    const { stdout, stderr } = await run(bin, args, { cwd, env: { ...process.env, NO_COLOR: '1' }, timeout: 120_000 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof e.code === 'number' ? e.code : -1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}

it('npm pack gives a package that installs globally and runs init, check and build from any folder', async () => {
  // Pack a copy of the sources, so the build `npm pack` runs never rewrites dist/ under other tests.
  const stage = tempDir('stage');
  for (const entry of ['package.json', 'package-lock.json', 'tsconfig.json', 'tsconfig.runtime.json', 'README.md', 'scripts', 'src', 'schemas', 'themes', 'templates', 'docs']) {
    cpSync(entry, path.join(stage, entry), { recursive: true });
  }
  symlinkSync(path.resolve('node_modules'), path.join(stage, 'node_modules'), 'dir');
  const tarballs = tempDir('tgz');
  await run('npm', ['pack', '--pack-destination', tarballs, '--silent'], { cwd: stage, timeout: 240_000 });
  const [tgz] = readdirSync(tarballs).filter((f) => f.endsWith('.tgz'));
  expect(tgz).toMatch(/^tandem-\d+\.\d+\.\d+\.tgz$/);

  // Dependencies come from the npm cache (the registry only for what it lacks).
  const prefix = tempDir('prefix');
  await run('npm', ['install', '-g', '--prefix', prefix, path.join(tarballs, tgz!), '--prefer-offline', '--no-audit', '--no-fund'], { timeout: 240_000 });
  const bin = path.join(prefix, 'bin', 'tandem');
  const installed = path.join(prefix, 'lib', 'node_modules', 'tandem');
  expect(existsSync(bin)).toBe(true);

  const work = tempDir('work');
  const help = await tandem(bin, ['--help'], work);
  expect(help.code).toBe(0);
  expect(help.stdout).toMatch(/\binit\b[\s\S]*\bcheck\b|\bcheck\b[\s\S]*\binit\b/);

  expect((await tandem(bin, ['init', 'course'], work)).code).toBe(0);
  const checked = await tandem(bin, ['check', 'course', '--format', 'json'], work);
  expect(checked.code).toBe(0);
  expect(JSON.parse(checked.stdout).errors).toBe(0);

  mkdirSync(path.join(work, 'elsewhere'));
  const built = await tandem(bin, ['build', '../course', '--target', 'job-aid-html', '--out', '../release'], path.join(work, 'elsewhere'));
  expect(built.code, built.stderr).toBe(0);
  const html = readFileSync(path.join(work, 'release/job-aids/first-unit.html'), 'utf8');
  expect(html).toContain('OBJ-SUP-CALLBACK-LOG');
  expect(html).toContain('@font-face'); // the theme and its fonts came from the installed package
  expect(JSON.parse(readFileSync(path.join(work, 'release/manifest.json'), 'utf8')).units).toHaveLength(1);

  // The editor schema association init writes resolves to the installed schemas, and docs/format.md says the same.
  const format = readFileSync(path.join(installed, 'docs/format.md'), 'utf8');
  for (const [file, schema] of [
    ['tandem.config.yaml', 'tandem.config.schema.json'],
    ['units/first-unit/unit.yaml', 'unit.schema.json'],
    ['paths/onboarding.yaml', 'path.schema.json'],
  ] as const) {
    const first = readFileSync(path.join(work, 'course', file), 'utf8').split('\n')[0]!;
    const target = /^# yaml-language-server: \$schema=(\S+)$/.exec(first)?.[1];
    expect(target, file).toBeDefined();
    expect(format).toContain(first);
    const resolved = path.resolve(path.dirname(path.join(work, 'course', file)), target!);
    expect(readFileSync(resolved, 'utf8')).toBe(readFileSync(path.join(installed, 'schemas', schema), 'utf8'));
  }
  const settings = JSON.parse(readFileSync(path.join(work, 'course/.vscode/settings.json'), 'utf8'));
  expect(settings['yaml.schemas']).toEqual({
    './.tandem/schemas/tandem.config.schema.json': 'tandem.config.yaml',
    './.tandem/schemas/unit.schema.json': 'units/*/unit.yaml',
    './.tandem/schemas/path.schema.json': 'paths/*.yaml',
  });
}, 600_000);
