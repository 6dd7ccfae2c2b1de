import type { NextFunction, Request, Response } from 'express';
import { sendError } from './http-errors';

/**
 * Per-address fixed-window limit for unauthenticated routes (join, code lookup), so that join codes
 * cannot be enumerated. A whole room behind one venue router shares an address: keep the limit generous.
 */
export function perAddressLimit(perMinute: number) {
  const windows = new Map<string, { start: number; count: number }>();
  return (req: Request, res: Response, next: NextFunction) => {
    const now = Date.now();
    const key = req.ip ?? 'unknown';
    let w = windows.get(key);
    if (!w || now - w.start >= 60_000) {
      if (windows.size > 50_000) windows.clear();
      w = { start: now, count: 0 };
      windows.set(key, w);
    }
    if (++w.count > perMinute) return sendError(res, 'rate_limited', 'Trop de tentatives, réessayez dans une minute.');
    next();
  };
}
