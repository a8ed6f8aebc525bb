#!/usr/bin/env node
/**
 * Bundles the browser runtime (src/runtime) into one small script per tracking adapter, at
 * dist/bundles/<name>.js, and copies the online job-aid script to dist/bundles/job-aid.js. Run by `npm run build` (so the published package ships the scripts and
 * `tandem build` needs no bundler) and by the tests' global setup (so tests always package the
 * current runtime). Minified, ES2017 (the browsers corporate LMSs still run), ASCII only (LMS
 * servers that send the wrong charset cannot garble it).
 */
import { copyFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Adapter name → entry point. An xAPI or cmi5 adapter adds a line here. */
export const RUNTIME_ENTRIES = {
  scorm12: 'src/runtime/scorm12/main.ts',
  // SCORM 1.2 with scorm12.report_xapi: a separate bundle, so plain SCORM packages stay byte for byte as they are.
  'scorm12-xapi': 'src/runtime/scorm12/scorm12XapiMain.ts',
  xapi: 'src/runtime/statements/tincanMain.ts',
  cmi5: 'src/runtime/statements/cmi5Main.ts',
  // Not a lesson adapter: the page script of `tandem preview` (never put in a package).
  preview: 'src/runtime/preview/main.ts',
};

export async function bundleRuntime(outDir = path.join(root, 'dist', 'bundles')) {
  await mkdir(outDir, { recursive: true });
  for (const [name, entry] of Object.entries(RUNTIME_ENTRIES)) {
    await build({
      absWorkingDir: root,
      entryPoints: [entry],
      outfile: path.join(outDir, `${name}.js`),
      bundle: true,
      minify: true,
      format: 'iife',
      target: ['es2017'],
      charset: 'ascii',
      legalComments: 'none',
      sourcemap: false,
      logLevel: 'warning',
    });
  }
  // The online job-aid script is ES5 already and inlined into job aids as it is: copied, not
  // bundled, so its bytes (and the CSP hash that allows it) change only when its source does.
  await copyFile(path.join(root, 'src/runtime/jobAid/onlineCopy.js'), path.join(outDir, 'job-aid.js'));
  return outDir;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const outDir = await bundleRuntime();
  console.log(`bundled the lesson runtime into ${path.relative(process.cwd(), outDir) || '.'}`);
}
