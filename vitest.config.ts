import { defineConfig } from 'vitest/config';

/**
 * Two projects: `unit` (Node only, fast feedback: `npx vitest --project unit`) and `e2e` (files
 * that drive a real Chromium, an LMS runtime or a child process). `npm test` runs both.
 */
const E2E = [
  'test/**/*.e2e.test.ts',
  'test/scorm12/scorm12Lms.test.ts',
  'test/scorm12/scorm12Accessibility.test.ts',
  'test/scorm12/unsafeLessonHtml.test.ts',
  'test/jobAid/**/*.test.ts',
  'test/browser/**/*.test.ts',
  'test/reproducible.test.ts',
  'test/process/**/*.test.ts',
  'test/install.test.ts',
];

const shared = {
  // Browser tests launch Chromium; two test files at a time suits the 2-core CI machine.
  maxWorkers: 2,
  minWorkers: 1,
  testTimeout: 30_000,
  hookTimeout: 60_000,
};

export default defineConfig({
  test: {
    // Tandem is built from the current source first (dist/, the player bundles); the sample course is built once
    // per run into out/test-sample for the tests that only read its artifacts.
    globalSetup: ['test/setup/buildTandem.ts', 'test/setup/sampleRelease.ts'],
    ...shared,
    reporters: ['default'],
    // The projects do not extend the root config: the global setup runs once, at the root, and
    // what it provides reaches every project.
    projects: [
      { test: { ...shared, name: 'unit', include: ['test/**/*.test.ts'], exclude: E2E } },
      { test: { ...shared, name: 'e2e', include: E2E } },
    ],
  },
});
