/** Who made an artifact, for `<meta name="generator">`, PDF Creator/Producer and package metadata. */
import { readFileSync } from 'node:fs';

export const TANDEM_VERSION: string = (
  JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }
).version;

/** `Tandem 0.1.0`. */
export const GENERATOR = `Tandem ${TANDEM_VERSION}`;
