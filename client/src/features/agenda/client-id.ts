/**
 * A random identifier made by the device for a ballot or an entry (URL-safe, 22 characters), so that
 * a message sent again after a lost answer is counted once. `crypto.getRandomValues` works on plain
 * http too (a server on a local network), unlike `crypto.randomUUID`.
 */
export function clientId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
}
