// QR codes drawn at build time, offline: `<!-- qr -->` (the talk's url) or
// `<!-- qr: https://... -->` becomes an SVG. The code itself comes from the `qrcode` package;
// only its drawing is here: one path of dark squares on a white square, with the quiet zone
// the standard asks for, so that a phone reads it on any theme.
import type QRCodeModule from 'qrcode';
import { escapeHtml } from './html.js';

/** The figure's HTML, or undefined when the text is too long for any QR code (QR_MAX_BYTES). */
export type QrFigure = (text: string) => string | undefined;

/** What the largest QR code (version 40) holds as bytes at error correction level M. */
export const QR_MAX_BYTES = 2331;

/** Load the QR encoder (~50 ms of module loading) only for decks that draw a code. */
export async function loadQr(): Promise<QrFigure> {
  const QRCode = (await import('qrcode')).default;
  return (text) => qrFigureWith(QRCode, text);
}

const QUIET = 4;

function qrSvgWith(QRCode: typeof QRCodeModule, text: string): string {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const size = modules.size;
  const full = size + 2 * QUIET;
  let d = '';
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) if (modules.get(y, x)) d += `M${x + QUIET} ${y + QUIET}h1v1h-1z`;
  }
  return `<svg class="qr" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${full} ${full}" role="img" aria-label="QR code: ${escapeHtml(text)}" shape-rendering="crispEdges"><rect width="${full}" height="${full}" fill="#fff"/><path fill="#000" d="${d}"/></svg>`;
}

/** The figure a `qr` comment becomes: the code and, under it, the address it holds. */
function qrFigureWith(QRCode: typeof QRCodeModule, text: string): string | undefined {
  // Digits alone pack tighter than bytes; past what bytes hold, ask the encoder.
  if (new TextEncoder().encode(text).length > QR_MAX_BYTES && !fits(QRCode, text)) return undefined;
  return `<figure class="qr-code">${qrSvgWith(QRCode, text)}<figcaption>${readableAddress(text)}</figcaption></figure>`;
}

function fits(QRCode: typeof QRCodeModule, text: string): boolean {
  try {
    QRCode.create(text, { errorCorrectionLevel: 'M' });
    return true;
  } catch {
    return false;
  }
}

/**
 * The address as a person types it: without "https://" (a browser adds it), wrapping only
 * after a slash, each piece kept whole (a hyphen in a talk's name is not a place to break).
 */
export function readableAddress(text: string): string {
  const pieces = text.replace(/^https:\/\//, '').split(/(?<=[^:/]\/)(?=[^/])/);
  return pieces.map((piece) => `<span>${escapeHtml(piece)}</span>`).join('<wbr>');
}

/** The code alone, as an SVG. */
export async function qrSvg(text: string): Promise<string> {
  return qrSvgWith((await import('qrcode')).default, text);
}
