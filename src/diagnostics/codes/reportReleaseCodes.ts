/** Codes of `tandem report --release`: the release manifests that say which unit version was live when. */
import { entry } from '../catalogueEntry.js';

export const REPORT_RELEASE_CODES = {
  REPORT_RELEASE_NOT_FOUND: entry<{ path: string }>({
    severity: 'error',
    summary: 'A --release manifest or folder of `tandem report` does not exist.',
    message: (p) => `No release manifest or folder at ${p.path}.`,
    hint: () => 'Pass the manifest.json a `tandem build` wrote (or the build output folder holding it), or a folder of archived manifests, one per release.',
  }),
  REPORT_RELEASE_UNREADABLE: entry<{ reason: string }>({
    severity: 'warning',
    summary: 'A release manifest could not be read; the report left it out of "which version was live when".',
    message: (p) => `This release manifest was left out: ${p.reason}.`,
    hint: () => 'Use the manifest.json exactly as `tandem build` wrote it (format 1, with sourceDateEpoch and units); a manifest edited by hand or cut short cannot date its release.',
  }),
} as const;
