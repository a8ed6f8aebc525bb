/**
 * Preload for a test (node --import): replaces dist/cli/run.js with a runCli whose promise never
 * settles, as a browser that vanished used to leave `tandem build`, so the test can check what the
 * process exits with when the event loop simply runs dry.
 */
import { register } from 'node:module';

const hooks = `
export async function load(url, context, nextLoad) {
  if (url.endsWith('/dist/cli/run.js')) {
    return { format: 'module', shortCircuit: true, source: 'export function runCli() { return new Promise(() => {}); }' };
  }
  return nextLoad(url, context);
}`;
register(`data:text/javascript,${encodeURIComponent(hooks)}`);
