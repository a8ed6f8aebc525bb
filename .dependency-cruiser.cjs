/**
 * The map of src/ as rules, checked by `npm run lint` in CI (see src/README.md for the map itself).
 *
 * - Foundations (course, diagnostics, xapi, browserPool, release, system) are what every area stands on;
 *   they import no feature area.
 * - Feature areas (compile, cli, init and the areas to come: serve, report, reinforce, intake,
 *   preview) import each other only through the other area's entry module, `src/<area>/index.ts`.
 * - The browser runtime imports nothing outside src/runtime and no Node built-in; Node code
 *   imports from the runtime only its contract/ (constants, types and the progress codec that
 *   both the build and the page must agree on).
 * - No import cycles, anywhere.
 */
const FOUNDATIONS = '(course|diagnostics|xapi|browserPool|release|system)';
const AREAS = '(compile|cli|init|serve|report|reinforce|intake|preview|review|status|deliver)';

module.exports = {
  forbidden: [
    {
      name: 'no-cycles',
      severity: 'error',
      comment: 'An import cycle makes load order matter and areas inseparable.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'foundations-import-no-area',
      severity: 'error',
      comment: 'Foundations are shared by every area; if one needs an area, the code belongs in that area.',
      from: { path: `^src/${FOUNDATIONS}/` },
      to: { path: `^src/${AREAS}/` },
    },
    {
      name: 'areas-meet-at-entries',
      severity: 'error',
      comment: "An area may use another area only through its entry module src/<area>/index.ts, never its files.",
      from: { path: `^src/${AREAS}/` },
      to: { path: `^src/${AREAS}/`, pathNot: ['^src/$1/', `^src/${AREAS}/index\\.ts$`] },
    },
    {
      name: 'runtime-stays-in-the-page',
      severity: 'error',
      comment: 'The runtime is bundled into lesson packages: it may import only itself (and npm packages esbuild can bundle).',
      from: { path: '^src/runtime/' },
      to: { path: '^src/', pathNot: '^src/runtime/' },
    },
    {
      name: 'runtime-uses-no-node-builtins',
      severity: 'error',
      from: { path: '^src/runtime/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'node-code-uses-only-the-runtime-contract',
      severity: 'error',
      comment: 'Build and server code share constants and types with the page through src/runtime/contract only.',
      from: { path: '^src/', pathNot: '^src/runtime/' },
      to: { path: '^src/runtime/', pathNot: '^src/runtime/contract/' },
    },
    {
      name: 'contract-is-self-contained',
      severity: 'error',
      from: { path: '^src/runtime/contract/' },
      to: { path: '^src/runtime/', pathNot: '^src/runtime/contract/' },
    },
    {
      name: 'tests-and-scripts-are-not-imported',
      severity: 'error',
      from: { path: '^src/' },
      to: { path: '^(test|scripts|fixtures)/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
    exclude: { path: '^(dist|node_modules)/' },
  },
};
