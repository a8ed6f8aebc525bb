import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // The lesson player script is pre-bundled by `npm run build`; tests bundle the current source first.
    globalSetup: ['test/setup/bundleRuntime.ts'],
    // Browser tests launch Chromium; two test files at a time suits the 2-core CI machine.
    maxWorkers: 2,
    minWorkers: 1,
    testTimeout: 30_000,
    hookTimeout: 60_000,
    reporters: ['default'],
  },
});
