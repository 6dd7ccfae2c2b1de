import QRCode from 'qrcode';

/** An SVG QR code of `text` as a data URL for an <img>: drawn in the page, no network involved. */
export async function qrCodeDataUrl(text: string): Promise<string> {
  const svg = await QRCode.toString(text, { type: 'svg', errorCorrectionLevel: 'M', margin: 2, color: { dark: '#000000', light: '#ffffff' } });
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
}

/** The address a participant opens to join the workshop with `code`, on this server. */
export function joinUrlOf(code: string): string {
  return `${location.origin}/j/${encodeURIComponent(code)}`;
}
