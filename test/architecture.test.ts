/**
 * The area map (.dependency-cruiser.cjs) holds: the real tree has no violation, and every rule
 * catches the import it exists to stop — shown on a small tree with one violation per rule, so a
 * rule that silently stopped matching (a renamed folder, a typo in a pattern) fails here.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const DEPCRUISE = path.resolve('node_modules/.bin/depcruise');
const temp = mkdtempSync(path.join(os.tmpdir(), 'tandem-architecture-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

interface Violation {
  rule: { name: string };
  from: string;
  to: string;
}

function cruise(cwd: string): Violation[] {
  const run = spawnSync(DEPCRUISE, ['src', '--config', path.resolve('.dependency-cruiser.cjs'), '--output-type', 'json'], { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  expect(run.stdout, run.stderr).not.toBe('');
  return (JSON.parse(run.stdout) as { summary: { violations: Violation[] } }).summary.violations;
}

/** file → its source; each import names what it breaks. */
const TREE: Record<string, string> = {
  'src/course/loadThing.ts': "import { b } from '../compile/build.js'; export const a = b;",
  'src/compile/build.ts': 'export const b = 1;',
  'src/compile/index.ts': "export { b } from './build.js';",
  'src/cli/usesEntry.ts': "import { b } from '../compile/index.js'; export const ok = b;",
  'src/cli/reachesIn.ts': "import { b } from '../compile/build.js'; export const bad = b;",
  'src/runtime/player/usesCourse.ts': "import { a } from '../../course/loadThing.js'; export const p = a;",
  'src/runtime/player/usesFs.ts': "import { readFileSync } from 'node:fs'; export const q = readFileSync;",
  'src/compile/usesPlayer.ts': "import { p } from '../runtime/player/usesCourse.js'; export const c = p;",
  'src/compile/usesContract.ts': "import { k } from '../runtime/contract/constants.js'; export const d = k;",
  'src/runtime/contract/constants.ts': "import { q } from '../player/usesFs.js'; export const k = q;",
  'src/xapi/one.ts': "import { two } from './two.js'; export const one = () => two;",
  'src/xapi/two.ts': "import { one } from './one.js'; export const two = () => one;",
  'src/compile/usesTest.ts': "import { t } from '../../test/helper.js'; export const u = t;",
  'test/helper.ts': 'export const t = 1;',
};

describe('the dependency rules', () => {
  it('the real tree breaks none', () => {
    expect(cruise(process.cwd()).map((v) => `${v.rule.name}: ${v.from} → ${v.to}`)).toEqual([]);
  });

  it('each rule catches its violation, and allowed imports pass', () => {
    for (const [file, source] of Object.entries(TREE)) {
      mkdirSync(path.dirname(path.join(temp, file)), { recursive: true });
      writeFileSync(path.join(temp, file), source + '\n');
    }
    copyFileSync('tsconfig.json', path.join(temp, 'tsconfig.json'));
    const found = cruise(temp)
      .map((v) => `${v.rule.name}: ${v.from} → ${v.to}`)
      .sort();
    expect(found).toEqual(
      [
        'foundations-import-no-area: src/course/loadThing.ts → src/compile/build.ts',
        'areas-meet-at-entries: src/cli/reachesIn.ts → src/compile/build.ts',
        'runtime-stays-in-the-page: src/runtime/player/usesCourse.ts → src/course/loadThing.ts',
        'runtime-uses-no-node-builtins: src/runtime/player/usesFs.ts → fs',
        'node-code-uses-only-the-runtime-contract: src/compile/usesPlayer.ts → src/runtime/player/usesCourse.ts',
        'contract-is-self-contained: src/runtime/contract/constants.ts → src/runtime/player/usesFs.ts',
        // A cycle is reported once, from where the cruise first meets it.
        'no-cycles: src/xapi/one.ts → src/xapi/two.ts',
        'tests-and-scripts-are-not-imported: src/compile/usesTest.ts → test/helper.ts',
      ].sort(),
    );
  });
});
