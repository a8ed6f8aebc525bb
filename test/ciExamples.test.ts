/**
 * Issue 11: the documented ways to run Tandem in CI (the composite GitHub Action and the GitLab
 * CI example) exist, do what docs/ci.md says, and only use options the CLI really has, so they
 * cannot drift from the commands.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { runTandem } from './support/cli.js';

interface Step {
  name?: string;
  uses?: string;
  run?: string;
  with?: Record<string, string>;
}
const action = parse(readFileSync('action.yml', 'utf8')) as { runs: { using: string; steps: Step[] }; inputs: Record<string, { default?: string }> };

/** Every --option in a text must appear in that command's help. */
async function expectKnownOptions(command: string, text: string) {
  const help = (await runTandem(['help', command])).stdout;
  const options = [...text.matchAll(/(?<![\w-])--[a-z][a-z-]*/g)].map((m) => m[0]);
  expect(options.length).toBeGreaterThan(0);
  for (const option of options) expect(help, `${command} ${option}`).toContain(option);
}

describe('GitHub Action (action.yml)', () => {
  it('is a composite action that sets up Node and Chrome, installs the packed Tandem, checks, builds and uploads the release', () => {
    expect(action.runs.using).toBe('composite');
    const steps = action.runs.steps;
    expect(steps.find((s) => s.uses?.startsWith('actions/setup-node@'))).toBeDefined();
    const chrome = steps.find((s) => s.uses?.startsWith('browser-actions/setup-chrome@'));
    expect(chrome).toBeDefined();
    const install = steps.find((s) => s.name === 'Install Tandem')!;
    expect(install.run).toMatch(/npm pack[\s\S]*npm install -g/);
    expect(steps.find((s) => s.name === 'Check the course')!.run).toContain('tandem check "$COURSE" --format github');
    expect(steps.find((s) => s.name === 'Build the release')!.run).toMatch(/args=\(build "\$COURSE" --out "\$OUT"/);
    const upload = steps.find((s) => s.uses?.startsWith('actions/upload-artifact@'))!;
    expect(upload.with?.path).toContain('${{ inputs.out }}');
    expect(action.inputs.out?.default).toBe('release');
  });

  it('passes only options that tandem check and tandem build have', async () => {
    const steps = action.runs.steps;
    await expectKnownOptions('check', steps.find((s) => s.name === 'Check the course')!.run!);
    await expectKnownOptions('build', steps.find((s) => s.name === 'Build the release')!.run!);
  });
});

describe('docs/ci.md', () => {
  it('every tandem command in the GitLab and GitHub examples uses options the command has', async () => {
    const doc = readFileSync('docs/ci.md', 'utf8');
    const calls = [...doc.matchAll(/\btandem (check|build|merge-manifests) ([^\n`]*)/g)];
    expect(new Set(calls.map((c) => c[1]))).toEqual(new Set(['check', 'build', 'merge-manifests']));
    for (const [, command, rest] of calls) {
      if (/--/.test(rest!)) await expectKnownOptions(command!, rest!);
    }
    // The GitLab example is valid YAML that installs Chromium and keeps the release as an artifact.
    const gitlab = parse(/```yaml\n(# \.gitlab-ci\.yml[\s\S]*?)```/.exec(doc)![1]!) as Record<string, { script?: string[]; artifacts?: { paths: string[] } }> & { default: { before_script: string[] } };
    expect(gitlab.default.before_script.join('\n')).toContain('apt-get install -y -qq chromium');
    expect(gitlab.release!.artifacts!.paths).toEqual(['release/']);
  });
});
