/** The visible build status (building, done, error) and the problems box with `tandem check`'s text. */
import type { BuildEvent } from './previewConfig.js';

export function showStatus(output: Element | null, event: BuildEvent): void {
  if (!output) return;
  output.setAttribute('data-state', event.status);
  const errors = event.diagnostics.filter((d) => d.severity === 'error').length;
  output.textContent =
    event.status === 'building' ? 'building…' : event.status === 'done' ? `built${event.ms !== undefined ? ` in ${event.ms} ms` : ''}` : `error: ${errors} problem(s)`;
}

export function showDiagnostics(box: HTMLElement | null, event: BuildEvent): void {
  if (!box || event.status === 'building') return;
  box.replaceChildren();
  const shown = event.diagnostics.filter((d) => d.severity !== 'info');
  box.hidden = shown.length === 0;
  for (const d of shown) {
    const item = document.createElement('div');
    item.className = `problem ${d.severity}`;
    item.setAttribute('data-code', d.code);
    if (d.where) {
      const link = document.createElement('a');
      link.textContent = d.where;
      if (d.link) link.href = d.link;
      item.append(link);
    }
    const text = document.createElement('pre');
    text.className = 'diagnostic';
    text.textContent = d.text;
    item.append(text);
    box.append(item);
  }
}
