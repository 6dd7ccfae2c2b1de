import type { IncomingMessage } from 'node:http';

/** The `token` query parameter of an upgrade request (what the provider's `params: { token }` sends). */
export function tokenFromRequest(req: IncomingMessage): string | null {
  const token = new URL(req.url ?? '/', 'http://localhost').searchParams.get('token');
  return token === null || token === '' ? null : token;
}
