/**
 * A course theme extends the default one: a template or partial overrides its namesake only, a
 * stylesheet adds to the default's, and a theme that does not exist is THEME_NOT_FOUND with the
 * closest name instead of a silent fallback to the default.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import AdmZip from 'adm-zip';
import { describe, expect, it } from 'vitest';
import { build } from '../../src/compile/build.js';
import { MemorySink } from '../../src/compile/sink/memorySink.js';
import { runTandem } from '../support/cli.js';
import { useTempDirs } from '../support/tempDirs.js';

const { courseCopy } = useTempDirs('tandem-theme-');
const DEFAULT_LESSON_CSS = readFileSync('themes/default/lesson.css', 'utf8');
const DEFAULT_JOB_AID_CSS = readFileSync('themes/default/job-aid.css', 'utf8');

/** A sample copy using theme `theme`, with `files` (path in themes/<theme>/ → content) in its own theme folder. */
function courseWithTheme(theme: string, files: Record<string, string> = {}, folder = theme): string {
  const dir = courseCopy();
  const config = path.join(dir, 'tandem.config.yaml');
  writeFileSync(config, readFileSync(config, 'utf8').replace(/^theme: .*$/m, `theme: ${theme}`));
  for (const [name, content] of Object.entries(files)) {
    const file = path.join(dir, 'themes', folder, name);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, content);
  }
  return dir;
}

async function buildInMemory(dir: string) {
  const sink = new MemorySink();
  const result = await build({ courseDir: dir, targets: ['job-aid-html', 'scorm12'], sink, manifest: false });
  const zip = (name: string) => new AdmZip(Buffer.from(sink.files.get(name)!));
  return { result, sink, zip };
}

describe('theme inheritance', () => {
  it('a course stylesheet with one rule is added after the default stylesheet, not instead of it (the player stays styled)', async () => {
    const rule = '.lesson-title { letter-spacing: 0.02em; }';
    const { result, zip } = await buildInMemory(courseWithTheme('acme', { 'lesson.css': rule, 'job-aid.css': 'h1 { text-transform: uppercase; }' }));
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const css = zip('scorm12/refund-approval.zip').getEntry('player/lesson.css')!.getData().toString('utf8');
    expect(css).toContain(DEFAULT_LESSON_CSS);
    expect(css.indexOf(rule)).toBeGreaterThan(css.indexOf(DEFAULT_LESSON_CSS));
    // The brand comes first: tokens and the embedded font, which the theme's rules read.
    expect(css.indexOf('--tandem-primary:#7a1f5c')).toBeLessThan(css.indexOf(DEFAULT_LESSON_CSS));
    expect(css).toMatch(/@font-face\{font-family:'Source Sans 3';/);
  });

  it('overriding one partial replaces that part of the job aid and inherits the template, the other partials and the stylesheet', async () => {
    const steps = '<section class="steps acme-steps" aria-labelledby="{{id}}"><h2 id="{{id}}">{{heading}}</h2><ol>{{#each items}}<li>{{{html}}}</li>{{/each}}</ol></section>\n';
    const { result, sink } = await buildInMemory(courseWithTheme('acme', { 'partials/job-aid-steps.hbs': steps }));
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const html = new TextDecoder().decode(sink.files.get('job-aids/lockout-tagout.html'));
    expect(html).toContain('<section class="steps acme-steps"');
    expect(html).not.toContain('class="step-list"');
    // Everything else is the default theme's: masthead partial, decision table, watch-outs, and its stylesheet.
    expect(html).toContain('<header class="masthead">');
    expect(html).toContain('<section class="decide"');
    expect(html).toContain('The risk this prevents:');
    expect(html).toContain(DEFAULT_JOB_AID_CSS.slice(0, 200));
  });

  it('overriding the lesson template keeps the default stylesheet', async () => {
    const template = readFileSync('themes/default/lesson.hbs', 'utf8').replace('<h1 class="lesson-title">', '<h1 class="lesson-title acme-title">');
    const { result, zip } = await buildInMemory(courseWithTheme('acme', { 'lesson.hbs': template }));
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const pkg = zip('scorm12/refund-approval.zip');
    expect(pkg.getEntry('units/refund-approval/index.html')!.getData().toString('utf8')).toContain('acme-title');
    expect(pkg.getEntry('player/lesson.css')!.getData().toString('utf8')).toContain(DEFAULT_LESSON_CSS);
  });

  it('a theme that does not exist is THEME_NOT_FOUND at `theme:` with the closest name, and nothing is built', async () => {
    const dir = courseWithTheme('acmee', { 'lesson.css': 'body{}' }, 'acme');
    const { result, sink } = await buildInMemory(dir);
    const errors = result.diagnostics.filter((d) => d.severity === 'error');
    expect(errors.map((d) => [d.code, d.file, d.line])).toEqual([['THEME_NOT_FOUND', path.join(dir, 'tandem.config.yaml'), 6]]);
    expect(errors[0]!.hint).toMatch(/^Did you mean "acme"\? Themes available: acme, default\./);
    expect(sink.files.size).toBe(0);

    const typo = await buildInMemory(courseWithTheme('defualt'));
    expect(typo.result.diagnostics.filter((d) => d.severity === 'error').map((d) => [d.code, d.hint.slice(0, 23)])).toEqual([['THEME_NOT_FOUND', 'Did you mean "default"?']]);
  });

  it('`tandem check` reports THEME_NOT_FOUND too, and fails', async () => {
    const cli = await runTandem(['check', courseWithTheme('defualt')]);
    expect(cli.code).toBe(1);
    expect(cli.stdout).toContain('THEME_NOT_FOUND');
    expect(cli.stdout).toContain('There is no theme "defualt"');
  });
});
