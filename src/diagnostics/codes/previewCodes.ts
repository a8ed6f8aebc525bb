/** Codes of `tandem preview`: reasons it does not start, and what its page says when a build cannot run. */
import { entry } from '../catalogueEntry.js';

export const PREVIEW_CODES = {
  // --- tandem preview: the local preview server ----------------------------------------------
  PREVIEW_PASSWORD_REQUIRED: entry<{ host: string }>({
    severity: 'error',
    summary: '`tandem preview --host` names an address other machines can reach, and no password is set.',
    message: (p) => `The preview would listen on ${p.host}, where other machines can reach it, without a password.`,
    hint: () => 'Set TANDEM_PREVIEW_PASSWORD (12 or more characters) in the environment, or leave out --host to preview on 127.0.0.1 only.',
  }),
  PREVIEW_PASSWORD_TOO_SHORT: entry<{ length: number }>({
    severity: 'error',
    summary: 'TANDEM_PREVIEW_PASSWORD is shorter than 12 characters.',
    message: (p) => `TANDEM_PREVIEW_PASSWORD has ${p.length} characters; the preview needs at least 12.`,
    hint: () => 'Choose a longer password; people on the network type it once per browser session.',
  }),
  PREVIEW_UNIT_NOT_FOUND: entry<{ unit: string; known: string }>({
    severity: 'error',
    summary: '`tandem preview --unit` (or a preview address) names a unit the course does not have.',
    message: (p) => `The course has no unit '${p.unit}'.`,
    hint: (p) => `Units in this course: ${p.known}.`,
  }),
  PREVIEW_LISTEN_FAILED: entry<{ address: string; reason: string }>({
    severity: 'error',
    summary: '`tandem preview` could not listen on its address (port in use, no such address).',
    message: (p) => `The preview could not listen on ${p.address} (${p.reason}).`,
    hint: () => "Choose another port with --port (0 picks a free one), or check the address given to --host.",
  }),
  PREVIEW_BUILD_FAILED: entry<{ unit: string; reason: string }>({
    severity: 'error',
    summary: 'The preview could not build a unit for a reason outside the course (a broken install, a bug).',
    message: (p) => `The preview could not build unit '${p.unit}': ${p.reason}`,
    hint: () => "Run 'tandem build' on the course to see whether it fails the same way; if it does not, report it with this message.",
  }),
};
