/**
 * The QR code as inline SVG: vector, so it prints sharp at any size and stays a few KB. Error
 * correction M (15%) survives a crease or a coffee ring on a printed card without making the code
 * too dense for a 2 cm square; the 4-module quiet zone is what ISO/IEC 18004 asks for.
 */
import QRCode from 'qrcode';
import { escapeHtml } from './jobAidMarkdown.js';

export async function qrCodeSvg(url: string, label: string): Promise<string> {
  const svg = await QRCode.toString(url, { type: 'svg', errorCorrectionLevel: 'M', margin: 4 });
  return svg.replace('<svg ', `<svg class="qr-code" role="img" aria-label="${escapeHtml(label)}" focusable="false" `).trim();
}
