/**
 * Entry point of the `tandem preview` page script (bundled to dist/bundles/preview.js, served at
 * /_preview/preview.js): follows the server's event stream and drives the index, unit and job-aid
 * pages. Never part of a lesson package.
 */
import { showDiagnostics, showStatus } from './buildStatus.js';
import { readConfig, type PreviewEvent } from './previewConfig.js';
import { checkQrCode } from './qrSelfTest.js';
import { startUnitPage } from './unitPage.js';

function boot(): void {
  const config = readConfig(document);
  const events = new EventSource('/_preview/events');
  if (config.page === 'index') {
    events.onmessage = (message) => {
      const event = JSON.parse(String(message.data)) as PreviewEvent;
      if (event.type === 'build') showStatus(document.querySelector(`[data-build-status="${CSS.escape(event.unitId)}"]`), event);
    };
  } else if (config.page === 'unit') {
    const page = startUnitPage(config);
    events.onopen = () => page.ready();
    // A stream that cannot open (a proxy that buffers it) must not keep the lesson from playing.
    setTimeout(() => page.ready(), 3000);
    events.onmessage = (message) => {
      const event = JSON.parse(String(message.data)) as PreviewEvent;
      if (event.type === 'build') page.onBuild(event);
      else if (event.type === 'statement') page.onStatement(event);
    };
  } else if (config.page === 'job-aid') {
    const frame = document.getElementById('job-aid') as HTMLIFrameElement;
    const result = document.querySelector<HTMLElement>('[data-qr-check]')!;
    let shown = -1;
    const check = async () => {
      const { ok, text } = await checkQrCode(frame.contentDocument!, config.expectedQr);
      result.textContent = text;
      result.setAttribute('data-state', ok ? 'ok' : 'bad');
    };
    frame.addEventListener('load', () => void check());
    events.onmessage = (message) => {
      const event = JSON.parse(String(message.data)) as PreviewEvent;
      if (event.type !== 'build' || event.unitId !== config.unitId) return;
      showStatus(document.querySelector('[data-build-status]'), event);
      showDiagnostics(null, event);
      if (event.status === 'done' && shown >= 0 && event.generation > shown) {
        frame.src = `/job-aid/${encodeURIComponent(config.unitId!)}.html?build=${event.generation}`;
        for (const paper of document.querySelectorAll<HTMLIFrameElement>('iframe[data-paper]')) paper.src = paper.src.replace(/(\?.*)?$/, `?build=${event.generation}`);
      }
      if (event.status !== 'building') shown = event.generation;
    };
  }
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', boot);
else boot();
