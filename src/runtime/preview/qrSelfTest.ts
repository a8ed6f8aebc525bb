/**
 * The job aid's QR code decoded in the page, as a phone would read it: the code's SVG drawn onto a
 * canvas with a quiet zone and read back with jsQR. The decoded address must be the job aid's
 * online address; anything else (or nothing readable) is shown as a failure.
 */
import jsQRModule from 'jsqr';

type Decode = (data: Uint8ClampedArray, width: number, height: number) => { data: string } | null;
// jsqr is CommonJS: a bundler hands over the function, Node's resolution (the tests' type-check) a namespace.
const jsQR = ((jsQRModule as unknown as { default?: Decode }).default ?? jsQRModule) as unknown as Decode;

export async function checkQrCode(doc: Document, expected: string | null | undefined): Promise<{ ok: boolean; text: string }> {
  const svg = doc.querySelector('.qr svg') ?? doc.querySelector('figure svg');
  if (!expected) return { ok: !svg, text: svg ? 'The job aid has a QR code, but the course sets no job_aid_url for it to open.' : 'No QR code: the course sets no job_aid_url.' };
  if (!svg) return { ok: false, text: `No QR code found; it should open ${expected}.` };
  const size = 600;
  const clone = svg.cloneNode(true) as SVGElement;
  clone.setAttribute('width', String(size));
  clone.setAttribute('height', String(size));
  if (!clone.getAttribute('xmlns')) clone.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  const url = URL.createObjectURL(new Blob([new XMLSerializer().serializeToString(clone)], { type: 'image/svg+xml' }));
  try {
    const image = new Image();
    await new Promise<void>((resolve, reject) => {
      image.onload = () => resolve();
      image.onerror = () => reject(new Error('the QR code image did not load'));
      image.src = url;
    });
    const margin = 60;
    const canvas = document.createElement('canvas');
    canvas.width = canvas.height = size + 2 * margin;
    const ctx = canvas.getContext('2d')!;
    ctx.fillStyle = '#fff';
    ctx.fillRect(0, 0, canvas.width, canvas.height);
    ctx.drawImage(image, margin, margin, size, size);
    const pixels = ctx.getImageData(0, 0, canvas.width, canvas.height);
    const code = jsQR(pixels.data, pixels.width, pixels.height);
    if (!code) return { ok: false, text: `The QR code cannot be read; it should open ${expected}.` };
    return code.data === expected ? { ok: true, text: `QR code decoded: ${code.data}` } : { ok: false, text: `The QR code opens ${code.data}, not ${expected}.` };
  } catch (error) {
    return { ok: false, text: `The QR code could not be checked: ${(error as Error).message}.` };
  } finally {
    URL.revokeObjectURL(url);
  }
}
