/**
 * A few lines of source around a position, with a caret under the offending column, like
 * compilers print. Pure: the caller supplies the text.
 */
/** U+21E5 RIGHTWARDS ARROW TO BAR, the usual "tab" key symbol. */
export const TAB_MARK = '\u21e5';

export function codeFrame(source: string, line: number, column: number, endColumn?: number, context = 2): string {
  const lines = source.replace(/\r?\n$/, '').split(/\r?\n/);
  if (line < 1 || line > lines.length) return '';
  const first = Math.max(1, line - context);
  const last = Math.min(lines.length, line + context);
  const width = String(last).length;
  const out: string[] = [];
  for (let n = first; n <= last; n++) {
    // A tab is shown as one visible character, so a tab in the indentation (invalid YAML) can be seen and the caret still lines up.
    const text = (lines[n - 1] ?? '').replace(/\t/g, TAB_MARK);
    const shown = text.length > 160 ? text.slice(0, 157) + '...' : text;
    const marker = n === line ? '>' : ' ';
    out.push(`${marker} ${String(n).padStart(width)} | ${shown}`);
    if (n === line) {
      const start = Math.min(Math.max(1, column), shown.length + 1);
      const span = endColumn && endColumn > column ? Math.min(endColumn - column, 80) : 1;
      out.push(`  ${' '.repeat(width)} | ${' '.repeat(start - 1)}${'^'.repeat(span)}`);
    }
  }
  return out.join('\n');
}
