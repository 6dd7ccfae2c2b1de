import type { NextFunction, Request, Response } from 'express';
import type { z } from 'zod';
import { CroiseeError, HTTP_STATUS, type ErrorCode } from '../../../shared/errors';
import { describeZodError } from '../socket/handler';
import type { Logger } from '../logger';

/** Parses a request part against a schema or throws a `bad_request` that names the problem. */
export function parse<S extends z.ZodType>(schema: S, value: unknown): z.infer<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw new CroiseeError('bad_request', describeZodError(result.error));
  return result.data;
}

export function sendError(res: Response, code: string, message: string): void {
  const status = HTTP_STATUS[code as ErrorCode] ?? 400;
  res.status(status).json({ ok: false, error: { code, message } });
}

/** Last express middleware: every error becomes a JSON body `{ ok: false, error: { code, message } }`. */
export function errorMiddleware(logger: Logger) {
  return (error: unknown, _req: Request, res: Response, _next: NextFunction) => {
    if (error instanceof CroiseeError) return sendError(res, error.code, error.message);
    const e = error as { type?: string; status?: number };
    if (e.type === 'entity.too.large') return sendError(res, 'payload_too_large', 'Requête trop volumineuse.');
    if (e.type === 'entity.parse.failed') return sendError(res, 'bad_request', 'Le corps de la requête n’est pas du JSON valide.');
    logger.error('http request failed', { error });
    sendError(res, 'internal', 'Erreur du serveur, réessayez dans un instant.');
  };
}
