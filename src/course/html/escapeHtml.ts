/**
 * Text put into HTML (element content or a double-quoted attribute): `&`, `<`, `>` and `"` as
 * named entities. The one escaper of the pages Tandem writes outside the compiler (report, status,
 * backlog, review packet, nudge answer page).
 */
export function escapeHtml(value: unknown): string {
  return String(value).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
