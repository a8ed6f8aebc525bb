/** Who made an artifact, for `<meta name="generator">`, PDF Creator/Producer and package metadata. */
import { toolVersion } from '../../release/toolFingerprint.js';

/** `Tandem 0.1.0`. */
export const GENERATOR = `Tandem ${toolVersion()}`;
