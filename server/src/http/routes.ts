import express, { type Router } from 'express';
import { createGroupSchema, createWorkshopSchema, joinCodeSchema, joinRequestSchema } from '../../../shared/schemas/workshops';
import { idSchema } from '../../../shared/schemas/common';
import { PROTOCOL_VERSION } from '../../../shared/protocol-version';
import type { HealthView, JoinResult } from '../../../shared/views';
import type { Services } from '../domain/services';
import type { Logger } from '../logger';
import { parse } from './http-errors';
import { requireOrganiser } from './organiser-auth';
import { perAddressLimit } from './rate-limit';
import { recordRoutes } from './records-routes';

export interface RouteOptions {
  services: Services;
  logger: Logger;
  version: string;
  storeKind: string;
  organiserTokenHash: () => string;
  joinRatePerMinute: number;
}

/** The JSON API under /api, plus /health. Each route parses its input once, then calls a domain service. */
export function apiRoutes(options: RouteOptions): Router {
  const { services } = options;
  const router = express.Router();
  const organiser = requireOrganiser(options.organiserTokenHash, options.logger);
  const limited = perAddressLimit(options.joinRatePerMinute);

  router.get('/health', (_req, res) => {
    const body: HealthView = { ok: true, name: 'croisee', version: options.version, protocol: PROTOCOL_VERSION, store: options.storeKind };
    res.json(body);
  });

  // Participants: no account, only the join code.
  router.get('/api/join/:code', limited, async (req, res) => {
    res.json({ ok: true, workshop: await services.participants.lookup(parse(joinCodeSchema, req.params.code)) });
  });
  router.post('/api/join', limited, async (req, res) => {
    const { token, workshop } = await services.participants.join(parse(joinRequestSchema, req.body));
    const body: JoinResult = { participantToken: token, workshop };
    res.status(201).json({ ok: true, ...body });
  });

  // Organiser space.
  router.get('/api/organiser/session', organiser, (_req, res) => {
    res.json({ ok: true });
  });
  router.get('/api/groups', organiser, async (_req, res) => {
    res.json({ ok: true, groups: await services.groups.list() });
  });
  router.post('/api/groups', organiser, async (req, res) => {
    res.status(201).json({ ok: true, group: await services.groups.create(parse(createGroupSchema, req.body)) });
  });
  router.get('/api/groups/:groupId', organiser, async (req, res) => {
    const id = parse(idSchema, req.params.groupId);
    res.json({ ok: true, group: await services.groups.get(id), workshops: await services.workshops.listForGroup(id) });
  });
  router.post('/api/groups/:groupId/workshops', organiser, async (req, res) => {
    const workshop = await services.workshops.create(parse(idSchema, req.params.groupId), parse(createWorkshopSchema, req.body));
    res.status(201).json({ ok: true, workshop });
  });
  router.get('/api/workshops/:workshopId', organiser, async (req, res) => {
    res.json({ ok: true, workshop: await services.workshops.organiserViewOf(parse(idSchema, req.params.workshopId)) });
  });

  router.use(recordRoutes(options));

  return router;
}
