/**
 * Tap to enlarge: every image in the lesson's text and questions becomes a button that opens it
 * full size in the page's `<dialog data-lightbox>`. A modal <dialog> keeps keyboard focus inside
 * it and closes on Escape; the close button, a tap on the backdrop or Escape return focus to the
 * button that opened it (WCAG 2.4.3), which Chromium's own dialog focus restoring does not
 * guarantee inside every LMS frame. Images inside links stay links.
 */
import type { Translate } from './playerText.js';

export function enableLightbox(doc: Document, t: Translate): void {
  const dialog = doc.querySelector<HTMLDialogElement>('dialog[data-lightbox]');
  const large = dialog?.querySelector<HTMLImageElement>('[data-lightbox-image]');
  const close = dialog?.querySelector<HTMLButtonElement>('[data-lightbox-close]');
  if (!dialog || !large || !close || typeof dialog.showModal !== 'function') return;
  let opener: HTMLElement | undefined;

  for (const image of doc.querySelectorAll<HTMLImageElement>('.prose img, img.question-image')) {
    if (image.closest('a, button, summary')) continue;
    const button = doc.createElement('button');
    button.type = 'button';
    button.className = 'zoom';
    // data-* never survives the author-HTML allow-list, so this marks the player's own button.
    button.dataset.zoom = '';
    button.setAttribute('aria-label', t('enlargeImage', { alt: image.alt }));
    image.replaceWith(button);
    button.append(image);
    button.addEventListener('click', () => {
      opener = button;
      large.src = image.currentSrc || image.src;
      large.alt = image.alt;
      dialog.showModal();
      close.focus();
    });
  }
  close.addEventListener('click', () => dialog.close());
  // A tap outside the picture (on the backdrop, which belongs to the dialog) closes it.
  dialog.addEventListener('click', (event) => {
    if (event.target === dialog) dialog.close();
  });
  dialog.addEventListener('close', () => {
    large.removeAttribute('src');
    opener?.focus();
    opener = undefined;
  });
}
