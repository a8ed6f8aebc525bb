/**
 * Issue 10, "files from outside the course end up in packages": links leading out of the course,
 * devices and pipes are refused with a diagnostic, never read, never packaged and never shown in
 * a code frame; a value flagged as a credential is never shown in a code frame either.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import AdmZip from 'adm-zip';
import { afterAll, describe, expect, it } from 'vitest';
import { build } from '../src/compile/build.js';
import { MemorySink } from '../src/compile/sink/memorySink.js';
import { check } from '../src/course/check.js';
import { readRegularFile } from '../src/course/load/courseFiles.js';
import { runTandem } from './support/cli.js';

const temp = mkdtempSync(path.join(os.tmpdir(), 'tandem-filesafety-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

const SECRET = 'AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI-not-for-packages';
/** A file outside any course, standing in for ~/.ssh/id_rsa or /proc/self/environ. */
const secretFile = path.join(temp, 'secret.env');
writeFileSync(secretFile, `${SECRET}\n`);

let copies = 0;
function course(): string {
  const dir = path.join(temp, `course-${++copies}`);
  cpSync('fixtures/sample-course', dir, { recursive: true });
  return dir;
}

/** Every byte the build produced, unzipped, as one string to search. */
function everything(sink: MemorySink): string {
  return [...sink.files].map(([name, bytes]) => (name.endsWith('.zip') ? new AdmZip(Buffer.from(bytes)).getEntries().map((e) => e.getData().toString('latin1')).join('\n') : Buffer.from(bytes).toString('latin1'))).join('\n');
}

describe('theme files', () => {
  it('a course theme file that links out of the course is refused, not packaged (FILE_OUTSIDE_COURSE)', async () => {
    const dir = course();
    mkdirSync(path.join(dir, 'themes', 'default'), { recursive: true });
    symlinkSync(secretFile, path.join(dir, 'themes', 'default', 'lesson.css'));
    const sink = new MemorySink();
    const result = await build({ courseDir: dir, targets: ['xapi', 'scorm12', 'job-aid-html'], sink });
    expect(result.diagnostics.filter((d) => d.severity === 'error').map((d) => [d.code, d.file])).toEqual([['FILE_OUTSIDE_COURSE', path.join(dir, 'themes', 'default', 'lesson.css')]]);
    expect(everything(sink)).not.toContain(SECRET);
    expect(sink.files.size).toBe(0);
    // `tandem check`, which CI runs before a build, says so too, and never shows the file.
    const cli = await runTandem(['check', dir]);
    expect(cli.code).toBe(1);
    expect(cli.stdout).toContain('themes/default/lesson.css is a link to');
    expect(cli.stdout).not.toContain(SECRET);
  });

  it('a theme folder that links out of the course is refused', async () => {
    const dir = course();
    const outside = path.join(temp, 'outside-theme');
    mkdirSync(outside, { recursive: true });
    writeFileSync(path.join(outside, 'job-aid.css'), `/* ${SECRET} */`);
    writeFileSync(path.join(dir, 'tandem.config.yaml'), readFileSync(path.join(dir, 'tandem.config.yaml'), 'utf8').replace(/^theme: .*$/m, 'theme: acme'));
    mkdirSync(path.join(dir, 'themes'));
    symlinkSync(outside, path.join(dir, 'themes', 'acme'));
    const sink = new MemorySink();
    const result = await build({ courseDir: dir, targets: ['job-aid-html'], sink });
    expect(result.diagnostics.filter((d) => d.severity === 'error').map((d) => d.code)).toEqual(['FILE_OUTSIDE_COURSE']);
    expect(everything(sink)).not.toContain(SECRET);
  });

  it('a theme file that is a named pipe is refused at once instead of hanging the build (FILE_NOT_REGULAR)', async () => {
    const dir = course();
    mkdirSync(path.join(dir, 'themes', 'default'), { recursive: true });
    execFileSync('mkfifo', [path.join(dir, 'themes', 'default', 'job-aid.css')]);
    const result = await build({ courseDir: dir, targets: ['job-aid-html'], sink: new MemorySink() });
    expect(result.diagnostics.filter((d) => d.severity === 'error').map((d) => d.code)).toEqual(['FILE_NOT_REGULAR']);
    expect(result.diagnostics[0]!.message).toContain('named pipe');
  }, 10_000);

  it('a theme file that links to a device (/dev/zero) is refused', async () => {
    const dir = course();
    mkdirSync(path.join(dir, 'themes', 'default'), { recursive: true });
    symlinkSync('/dev/zero', path.join(dir, 'themes', 'default', 'lesson.hbs'));
    const result = await build({ courseDir: dir, targets: ['xapi'], sink: new MemorySink() });
    expect(result.diagnostics.filter((d) => d.severity === 'error').map((d) => d.code)).toEqual(['FILE_OUTSIDE_COURSE']);
  }, 10_000);

  it('a theme file linked to another file inside the course is used', async () => {
    const dir = course();
    mkdirSync(path.join(dir, 'themes', 'default'), { recursive: true });
    writeFileSync(path.join(dir, 'brand.css'), 'body { color: rebeccapurple }');
    symlinkSync(path.join(dir, 'brand.css'), path.join(dir, 'themes', 'default', 'job-aid.css'));
    const sink = new MemorySink();
    const result = await build({ courseDir: dir, targets: ['job-aid-html'], sink });
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(everything(sink)).toContain('rebeccapurple');
  });
});

describe('reads are capped', () => {
  it('a theme file larger than Tandem reads is refused (FILE_TOO_LARGE), not packaged', async () => {
    const dir = course();
    mkdirSync(path.join(dir, 'themes', 'default'), { recursive: true });
    writeFileSync(path.join(dir, 'themes', 'default', 'lesson.css'), `/* ${'x'.repeat(5 * 1024 * 1024)} */`);
    const sink = new MemorySink();
    const result = await build({ courseDir: dir, targets: ['xapi'], sink });
    expect(result.diagnostics.filter((d) => d.severity === 'error').map((d) => d.code)).toEqual(['FILE_TOO_LARGE']);
    expect(sink.files.size).toBe(0);
  });

  it('the cap holds even when stat says the file is empty (as /proc files do)', () => {
    const statSays = statSync('/proc/self/status').size;
    expect(statSays).toBe(0);
    expect(readRegularFile('/proc/self/status', 64)).toMatchObject({ ok: false, problem: { kind: 'too-large', limit: 64 } });
    const whole = readRegularFile('/proc/self/status', 1024 * 1024);
    expect(whole.ok && whole.bytes.toString('utf8')).toMatch(/^Name:/);
  });

  it('a small file does not hold a 64 KiB buffer (a 1,000-unit course reads thousands of them: issue 16)', () => {
    const file = path.join(temp, 'small.md');
    writeFileSync(file, '# One screen\n\nA few words.\n');
    const read = readRegularFile(file, 1024 * 1024);
    expect(read.ok && read.bytes.toString('utf8')).toBe('# One screen\n\nA few words.\n');
    // Node's shared pool for small buffers is 8 KiB: more means a buffer of its own was allocated for this file.
    expect(read.ok && read.bytes.buffer.byteLength).toBeLessThanOrEqual(8 * 1024);
  });

  it('a file larger than the small-buffer pool is read whole', () => {
    const file = path.join(temp, 'exact.txt');
    writeFileSync(file, 'x'.repeat(100_000));
    const read = readRegularFile(file, 1024 * 1024);
    expect(read.ok && read.bytes.length).toBe(100_000);
  });
});

describe('tandem.config.yaml', () => {
  it('a config that links out of the course is refused, and its contents are never printed', async () => {
    const dir = course();
    const outsideConfig = path.join(temp, 'outside-config.yaml');
    writeFileSync(outsideConfig, readFileSync(path.join(dir, 'tandem.config.yaml'), 'utf8').replace(/^title: .*$/m, `title: "${SECRET}"`) + 'bogus_field: 1\n');
    unlinkSync(path.join(dir, 'tandem.config.yaml'));
    symlinkSync(outsideConfig, path.join(dir, 'tandem.config.yaml'));
    const sink = new MemorySink();
    const result = await build({ courseDir: dir, targets: ['xapi'], sink });
    expect(result.diagnostics.map((d) => d.code)).toEqual(['FILE_OUTSIDE_COURSE']);
    expect(sink.files.size).toBe(0);
    const cli = await runTandem(['check', dir]);
    expect(cli.code).toBe(1);
    expect(cli.stdout).toContain('FILE_OUTSIDE_COURSE');
    expect(cli.stdout + cli.stderr).not.toContain(SECRET);
  });

  it('a code frame never shows a value that CONFIG_CREDENTIAL flagged', async () => {
    const dir = course();
    const configFile = path.join(dir, 'tandem.config.yaml');
    writeFileSync(configFile, readFileSync(configFile, 'utf8') + 'job_aids:\n  relay_url: https://relay.acme.example/statements?token=s3cr3t-value\n');
    for (const format of ['human', 'json', 'github']) {
      const cli = await runTandem(['check', dir, '--format', format]);
      expect(cli.stdout).toContain('CONFIG_CREDENTIAL');
      expect(cli.stdout + cli.stderr).not.toContain('s3cr3t-value');
    }
    const human = await runTandem(['check', dir]);
    // The frame still points at the line, with the value masked.
    expect(human.stdout).toMatch(/> +\d+ \| {3}relay_url: \*{20,}/);
  });
});

describe('unit files and assets', () => {
  it('an asset that links out of the unit is refused where it is referenced (FILE_OUTSIDE_COURSE), and not packaged', async () => {
    const dir = course();
    const asset = path.join(dir, 'units', 'refund-approval', 'assets', 'approval-matrix.svg');
    unlinkSync(asset);
    symlinkSync(secretFile, asset);
    const sink = new MemorySink();
    const result = await build({ courseDir: dir, targets: ['xapi'], sink });
    const refused = result.diagnostics.filter((d) => d.severity === 'error');
    expect(refused.map((d) => [d.code, path.relative(dir, d.file!), d.line])).toEqual([
      ['FILE_OUTSIDE_COURSE', 'units/refund-approval/lesson.md', 17],
      ['FILE_OUTSIDE_COURSE', 'units/refund-approval/job-aid.md', 24],
      // The path holding the unit says why it was not built.
      ['PATH_NOT_BUILT', 'paths/support-onboarding.yaml', 1],
    ]);
    expect(refused[0]!.message).toContain('outside the unit folder');
    expect(result.skippedUnits).toEqual(['refund-approval']);
    expect(everything(sink)).not.toContain(SECRET);
  });

  it('an asset linked to another file inside the unit is packaged', async () => {
    const dir = course();
    const assets = path.join(dir, 'units', 'refund-approval', 'assets');
    execFileSync('mv', [path.join(assets, 'approval-matrix.svg'), path.join(assets, 'matrix-v2.svg')]);
    symlinkSync('matrix-v2.svg', path.join(assets, 'approval-matrix.svg'));
    const sink = new MemorySink();
    const result = await build({ courseDir: dir, targets: ['xapi'], sink });
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const zip = new AdmZip(Buffer.from(sink.files.get('xapi/refund-approval.zip')!));
    expect(zip.getEntry('units/refund-approval/assets/approval-matrix.svg')?.getData().toString('utf8')).toContain('<svg');
  });

  it('a lesson.md that is a named pipe is reported as FILE_NOT_REGULAR, not as a missing lesson', async () => {
    const dir = course();
    const lesson = path.join(dir, 'units', 'discount-approval', 'lesson.md');
    unlinkSync(lesson);
    execFileSync('mkfifo', [lesson]);
    const checked = await check(dir);
    expect(checked.diagnostics.filter((d) => d.severity === 'error').map((d) => [d.code, d.file])).toEqual([['FILE_NOT_REGULAR', lesson]]);
  }, 10_000);

  it('a unit folder that is a link gets a clear UNIT_FOLDER_LINK instead of being skipped in silence', async () => {
    const dir = course();
    const moved = path.join(temp, `shared-unit-${copies}`);
    execFileSync('mv', [path.join(dir, 'units', 'discount-approval'), moved]);
    symlinkSync(moved, path.join(dir, 'units', 'discount-approval'));
    const cli = await runTandem(['check', dir]);
    expect(cli.code).toBe(1);
    expect(cli.stdout).toContain('UNIT_FOLDER_LINK');
    expect(cli.stdout).toContain('units/discount-approval is a link to');
  });

  it('a units/ folder that links out of the course is refused, its units not read', async () => {
    const dir = course();
    const outsideUnits = path.join(temp, `outside-units-${copies}`);
    execFileSync('mv', [path.join(dir, 'units'), outsideUnits]);
    symlinkSync(outsideUnits, path.join(dir, 'units'));
    const sink = new MemorySink();
    const result = await build({ courseDir: dir, targets: ['xapi'], sink });
    const errors = result.diagnostics.filter((d) => d.severity === 'error');
    expect(errors[0]).toMatchObject({ code: 'FILE_OUTSIDE_COURSE', file: path.join(dir, 'units') });
    // No unit was read: the paths name units that are now unknown.
    expect(new Set(errors.slice(1).map((d) => d.code))).toEqual(new Set(['PATH_UNKNOWN_UNIT']));
    expect([...sink.files.keys()].filter((f) => f.endsWith('.zip'))).toEqual([]);
  });

  it('a learning path file that links out of the course is refused', async () => {
    const dir = course();
    const outsidePath = path.join(temp, 'outside-path.yaml');
    writeFileSync(outsidePath, `id: floor-safety\ntitle: "${SECRET}"\nunits: [lockout-tagout]\n`);
    unlinkSync(path.join(dir, 'paths', 'floor-safety.yaml'));
    symlinkSync(outsidePath, path.join(dir, 'paths', 'floor-safety.yaml'));
    const sink = new MemorySink();
    const result = await build({ courseDir: dir, targets: ['scorm12'], sink });
    expect(result.diagnostics.filter((d) => d.severity === 'error').map((d) => d.code)).toEqual(['FILE_OUTSIDE_COURSE']);
    expect(everything(sink)).not.toContain(SECRET);
  });
});

describe('asset names that only work on the author’s machine', () => {
  const unitDir = (dir: string) => path.join(dir, 'units', 'refund-approval');
  const edit = (file: string, change: (text: string) => string) => writeFileSync(file, change(readFileSync(file, 'utf8')));
  const errorsOf = async (dir: string) =>
    (await check(dir)).diagnostics.filter((d) => d.severity === 'error').map((d) => ({ code: d.code, at: `${path.relative(dir, d.file!)}:${d.line}`, message: d.message, hint: d.hint }));

  it('Windows paths (backslashes, a drive letter) get ASSET_PATH_NOT_PORTABLE with the portable spelling', async () => {
    const dir = course();
    edit(path.join(unitDir(dir), 'lesson.md'), (t) => t.replace('(assets/approval-matrix.svg)', '(assets\\approval-matrix.svg)'));
    edit(path.join(unitDir(dir), 'job-aid.md'), (t) => t.replace('(assets/approval-matrix.svg)', '(C:\\Users\\dana\\Desktop\\approval-matrix.svg)'));
    const errors = await errorsOf(dir);
    expect(errors.map((e) => [e.code, e.at])).toEqual([
      ['ASSET_PATH_NOT_PORTABLE', 'units/refund-approval/lesson.md:17'],
      ['ASSET_PATH_NOT_PORTABLE', 'units/refund-approval/job-aid.md:24'],
    ]);
    expect(errors[0]!.hint).toContain('"assets/approval-matrix.svg"');
    expect(errors[1]!.hint).toContain("Copy the file into this unit's assets/ folder");
  });

  it('a reference that matches a file only when letter case is ignored says which file it means', async () => {
    const dir = course();
    edit(path.join(unitDir(dir), 'lesson.md'), (t) => t.replace('(assets/approval-matrix.svg)', '(assets/Approval-Matrix.svg)'));
    const errors = await errorsOf(dir);
    expect(errors.map((e) => [e.code, e.at])).toEqual([['ASSET_NAME_MISMATCH', 'units/refund-approval/lesson.md:17']]);
    expect(errors[0]!.message).toContain('"assets/approval-matrix.svg" does: the names differ only in letter case');
  });

  it('a reference that matches a file only after Unicode normalisation (macOS NFD names) says so', async () => {
    const dir = course();
    const nfd = 'assets/caf\u0065\u0301-matrix.svg';
    execFileSync('mv', [path.join(unitDir(dir), 'assets', 'approval-matrix.svg'), path.join(unitDir(dir), nfd)]);
    for (const file of ['lesson.md', 'job-aid.md']) edit(path.join(unitDir(dir), file), (t) => t.replace('(assets/approval-matrix.svg)', '(assets/caf\u00e9-matrix.svg)'));
    const errors = await errorsOf(dir);
    expect(errors.map((e) => e.code)).toEqual(['ASSET_NAME_MISMATCH', 'ASSET_NAME_MISMATCH']);
    expect(errors[0]!.message).toContain('Unicode NFC versus NFD');
  });

  it('two packaged assets whose names differ only in letter case are an error (ASSET_CASE_CLASH)', async () => {
    const dir = course();
    cpSync(path.join(unitDir(dir), 'assets', 'approval-matrix.svg'), path.join(unitDir(dir), 'assets', 'Approval-Matrix.svg'));
    edit(path.join(unitDir(dir), 'job-aid.md'), (t) => t.replace('(assets/approval-matrix.svg)', '(assets/Approval-Matrix.svg)'));
    const errors = await errorsOf(dir);
    expect(errors.map((e) => [e.code, e.at])).toEqual([['ASSET_CASE_CLASH', 'units/refund-approval/job-aid.md:24']]);
  });
});

describe('files named on the command line', () => {
  it('--changed-since and merge-manifests refuse a named pipe at once instead of waiting forever', async () => {
    const fifo = path.join(temp, 'manifest.fifo');
    execFileSync('mkfifo', [fifo]);
    const out = path.join(temp, 'out-fifo');
    const built = await runTandem(['build', 'fixtures/sample-course', '--out', out, '-t', 'xapi', '--changed-since', fifo]);
    expect(built.code).toBe(2);
    expect(built.stderr).toContain('it is a named pipe (FIFO), not a file');
    const merged = await runTandem(['merge-manifests', fifo, '--out', path.join(out, 'm.json')]);
    expect(merged.code).toBe(2);
    expect(merged.stderr).toContain('it is a named pipe (FIFO), not a file');
  }, 10_000);
});
