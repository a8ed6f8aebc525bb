/**
 * Text put into HTML (element content or a double-quoted attribute): `&`, `<`, `>` and `"` as
 * named entities. The one escaper of the pages Tandem writes outside the lesson and job-aid
 * renderers (report, status, backlog, review packet, nudge answer page, email cards).
 */
const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };

export function escapeHtml(value: unknown): string {
  const text = String(value);
  // Most texts have nothing to escape (a cards build escapes hundreds of thousands): test, then replace.
  return /[&<>"]/.test(text) ? text.replace(/[&<>"]/g, (c) => ENTITIES[c]!) : text;
}
