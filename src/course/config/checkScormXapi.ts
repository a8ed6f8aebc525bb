/**
 * `scorm12.report_xapi` needs a relay to send to (job_aids.relay_url), and browsers only let a
 * lesson on the LMS's origin post to it when the relay allows that origin (serve.lesson_origins,
 * CORS). Checked after the schema, on settings the schema accepted, and pointed at the setting.
 */
import { diagnose, type Diagnostic } from '../../diagnostics/diagnostic.js';
import type { YamlSource } from '../load/yamlSource.js';

interface RawSettings {
  scorm12?: { report_xapi?: unknown };
  job_aids?: { relay_url?: unknown };
  serve?: { lesson_origins?: unknown };
}

export function checkScormXapi(source: YamlSource, invalid: ReadonlySet<string>): Diagnostic[] {
  const data = source.data as RawSettings;
  if (invalid.has('scorm12') || data.scorm12?.report_xapi !== true) return [];
  const at = source.locate(['scorm12', 'report_xapi']);
  const found: Diagnostic[] = [];
  // An invalid job_aids or serve section has its own diagnostic already.
  if (!invalid.has('job_aids') && !data.job_aids?.relay_url) found.push(diagnose('SCORM_XAPI_RELAY_MISSING', {}, at));
  const origins = data.serve?.lesson_origins;
  if (!invalid.has('serve') && !(Array.isArray(origins) && origins.length)) found.push(diagnose('SCORM_XAPI_NO_LESSON_ORIGINS', {}, at));
  return found;
}
