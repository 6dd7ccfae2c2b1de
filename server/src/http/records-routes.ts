import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import { CroiseeError } from '../../../shared/errors';
import { idSchema } from '../../../shared/schemas/common';
import {
  compareQuerySchema,
  contributionExportFormatSchema,
  pushRecordSchema,
  recordExportFormatSchema,
  recordVersionSchema,
  setWebhookSchema,
  withdrawRecordSchema,
} from '../../../shared/schemas/records';
import { hashToken, secretsEqual } from '../domain/ids';
import { entryJsonSchema } from '../domain/records/export-json-schema';
import type { ExportedFile } from '../domain/records/record-service';
import type { Services } from '../domain/services';
import type { Logger } from '../logger';
import { parse, sendError } from './http-errors';
import { requireOrganiser } from './organiser-auth';

export interface RecordRouteOptions {
  services: Services;
  logger: Logger;
  organiserTokenHash: () => string;
}

/** `attachment` with an ASCII fallback name and the real one as RFC 5987 `filename*` (accents kept). */
export function contentDisposition(name: string): string {
  const ascii =
    name
      .normalize('NFKD')
      .replace(/\p{M}/gu, '')
      .replace(/[^A-Za-z0-9._-]+/g, '-')
      .replace(/-{2,}/g, '-')
      .replace(/^-|-(?=\.[^.]*$)/g, '') || 'export';
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

function sendFile(res: Response, file: ExportedFile): void {
  res.set({ 'Content-Type': file.mediaType, 'Content-Disposition': contentDisposition(file.name) });
  res.send(file.bytes);
}

const ENTRY_PATHS = ['/api/workshops/:workshopId/records', '/api/workshops/:workshopId/records/*rest'];

/**
 * Routes of working-group records (docs/API.md, "Working-group records"). A workshop's versions are readable with the
 * organiser token or that workshop's facilitator secret; everything else is the organiser's. There is
 * no route to change or delete a version.
 */
export function recordRoutes(options: RecordRouteOptions): Router {
  const records = options.services.records;
  const router = express.Router();
  const organiser = requireOrganiser(options.organiserTokenHash, options.logger);

  /** The organiser, or the facilitator of the workshop in the path (secret as the Bearer token). */
  const workshopReader = async (req: Request, res: Response, next: NextFunction) => {
    const match = /^Bearer\s+(\S+)$/i.exec(req.get('authorization') ?? '');
    if (!match) return sendError(res, 'unauthorized', 'Jeton manquant (en-tête Authorization: Bearer …) : jeton d’organisation ou secret d’animation.');
    const token = match[1]!;
    if (secretsEqual(hashToken(token), options.organiserTokenHash())) {
      res.locals.recordReader = 'organiser';
      return next();
    }
    try {
      await options.services.workshops.authorize(parse(idSchema, req.params.workshopId), token, 'facilitator');
    } catch (error) {
      options.logger.warn('refused record request', { path: req.path });
      if (error instanceof CroiseeError && error.code === 'bad_request') return sendError(res, error.code, error.message);
      return sendError(res, 'forbidden', 'Ce jeton n’ouvre pas le registre de cet atelier.');
    }
    res.locals.recordReader = 'facilitator';
    next();
  };

  router.use(['/api/records', '/api/workshops/:workshopId/records', '/api/groups/:groupId/records', '/api/groups/:groupId/webhook'], (_req, res, next) => {
    res.set('Cache-Control', 'no-store');
    next();
  });

  router.get('/api/records/schema/entry.json', (_req, res) => {
    res.json(entryJsonSchema());
  });

  // A workshop's versions.
  const workshopId = (req: Request) => parse(idSchema, req.params.workshopId);
  const version = (req: Request) => parse(recordVersionSchema, req.params.version);
  router.get('/api/workshops/:workshopId/records', workshopReader, async (req, res) => {
    res.json({ ok: true, versions: await records.versions(workshopId(req)) });
  });
  router.post('/api/workshops/:workshopId/records', workshopReader, async (req, res) => {
    const id = workshopId(req);
    const input = parse(pushRecordSchema, req.body ?? {});
    const { entry, created } = await records.push(id, res.locals.recordReader === 'organiser' ? 'organiser' : 'facilitator', input);
    res.status(created ? 201 : 200).json({ ok: true, entry, created });
  });
  router.get('/api/workshops/:workshopId/records/:version', workshopReader, async (req, res) => {
    res.json({ ok: true, entry: await records.entry(workshopId(req), version(req)) });
  });
  router.get('/api/workshops/:workshopId/records/:version/export/:format', workshopReader, async (req, res) => {
    sendFile(res, await records.exportEntry(workshopId(req), version(req), parse(recordExportFormatSchema, req.params.format)));
  });
  router.post('/api/workshops/:workshopId/records/:version/withdraw', organiser, async (req, res) => {
    const { reason } = parse(withdrawRecordSchema, req.body ?? {});
    try {
      res.json({ ok: true, entry: await records.withdraw(workshopId(req), version(req), reason) });
    } catch (error) {
      if (error instanceof CroiseeError && error.code === 'already_withdrawn') {
        res.status(409).json({ ok: false, error: { code: error.code, message: error.message } });
        return;
      }
      throw error;
    }
  });
  // Versions are append-only: say so to anyone trying to change one, rather than "unknown route".
  router.all(ENTRY_PATHS, (req, res, next) => {
    if (!['PUT', 'PATCH', 'DELETE'].includes(req.method)) return next();
    res.set('Allow', 'GET, POST');
    res.status(405).json({ ok: false, error: { code: 'method_not_allowed', message: 'Un compte rendu envoyé ne se modifie ni ne se supprime : envoyez une nouvelle version, ou retirez celle-ci.' } });
  });

  // The group's record: organiser only.
  const groupId = (req: Request) => parse(idSchema, req.params.groupId);
  router.get('/api/groups/:groupId/records', organiser, async (req, res) => {
    res.json({ ok: true, record: await records.timeline(groupId(req)) });
  });
  router.get('/api/groups/:groupId/records/participation', organiser, async (req, res) => {
    res.json({ ok: true, participation: await records.participation(groupId(req)) });
  });
  router.get('/api/groups/:groupId/records/compare', organiser, async (req, res) => {
    const { question } = parse(compareQuerySchema, { question: typeof req.query.question === 'string' ? req.query.question : undefined });
    res.json({ ok: true, compare: await records.compare(groupId(req), question) });
  });
  router.get('/api/groups/:groupId/records/export/:format', organiser, async (req, res) => {
    sendFile(res, await records.exportGroup(groupId(req), parse(recordExportFormatSchema, req.params.format)));
  });
  router.get('/api/groups/:groupId/records/contribution/:format', organiser, async (req, res) => {
    sendFile(res, await records.exportContribution(groupId(req), parse(contributionExportFormatSchema, req.params.format)));
  });

  router.get('/api/groups/:groupId/webhook', organiser, async (req, res) => {
    res.json({ ok: true, webhook: await records.webhook(groupId(req)) });
  });
  router.post('/api/groups/:groupId/webhook', organiser, async (req, res) => {
    const { url } = parse(setWebhookSchema, req.body ?? {});
    res.status(201).json({ ok: true, ...(await records.setWebhook(groupId(req), url)) });
  });
  router.delete('/api/groups/:groupId/webhook', organiser, async (req, res) => {
    await records.removeWebhook(groupId(req));
    res.json({ ok: true });
  });
  router.get('/api/groups/:groupId/webhook/deliveries', organiser, async (req, res) => {
    res.json({ ok: true, deliveries: await records.deliveries(groupId(req)) });
  });

  return router;
}
