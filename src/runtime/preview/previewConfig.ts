/** The page's side of the preview: its `#preview-config` block (the types are the server's, runtime/contract). */
import type { PreviewConfig } from '../contract/previewMessages.js';

export type { BuildEvent, PageDiagnostic, PreviewConfig, PreviewEvent, StatementEvent } from '../contract/previewMessages.js';

export function readConfig(doc: Document): PreviewConfig {
  return JSON.parse(doc.getElementById('preview-config')?.textContent ?? '{"page":"message"}') as PreviewConfig;
}
