import type { IncomingMessage, Server } from 'node:http';
import { CroiseeError } from '../../../../shared/errors';
import type { Role } from '../../../../shared/schemas/workshops';
import type { EventBus } from '../../bus/event-bus';
import { BOARD_DOCUMENT_MODULE } from '../../domain/board/document-module';
import { proposalWritable } from '../../domain/board/proposal-service';
import type { SharedDocumentsLink } from '../../domain/board/shared-documents';
import type { Services } from '../../domain/services';
import type { Logger } from '../../logger';
import { GroupCommit } from '../../store/sqlite/group-commit';
import type { SqliteStore } from '../../store/sqlite/sqlite-store';
import { attachYjsEndpoint, parseDocName, SqliteYDocPersistence, type AuthResult, type DocumentName, type YjsEndpoint, type YjsLimits } from '../../yjs';

export interface BoardEndpointOptions {
  services: Services;
  bus: EventBus;
  store: SqliteStore;
  /** The link the services write documents through; bound here to the endpoint. */
  documents: SharedDocumentsLink;
  logger: Logger;
  /** The same Origin rule as socket.io's handshake. */
  originAllowed: (origin: string | undefined, host: string | undefined) => boolean;
  limits?: Partial<YjsLimits>;
}

/** The endpoint, and how to stop it (stores and unloads every document). */
export interface BoardEndpoint {
  endpoint: YjsEndpoint;
  close(): Promise<void>;
}

type Refusal = Extract<AuthResult, { ok: false }>;
const refusal = (status: Refusal['status'], code: string, message: string): Refusal => ({ ok: false, status, code, message });

/**
 * Who may write, kept in memory because the endpoint asks before every update: per workshop, whether
 * it is closed and its board locked; per proposal, whether its text is writable. Filled when a
 * connection is authenticated and refreshed from the store after every event that changes it.
 */
class WriteGate {
  readonly #workshops = new Map<string, { closed: boolean; locked: boolean }>();
  readonly #proposals = new Map<string, boolean>();

  constructor(private readonly services: Services) {}

  async refreshWorkshop(workshopId: string): Promise<void> {
    const [workshop, state] = await Promise.all([this.services.workshops.require(workshopId), this.services.board.state(workshopId)]);
    this.#workshops.set(workshopId, { closed: workshop.state === 'closed', locked: state.locked });
  }

  async refreshProposal(workshopId: string, proposalId: string): Promise<void> {
    const [workshop, proposal] = await Promise.all([this.services.workshops.require(workshopId), this.services.proposals.require(workshopId, proposalId).catch(() => null)]);
    this.#proposals.set(proposalId, proposal !== null && proposalWritable(proposal, workshop, 'participant'));
  }

  /** Refreshes every proposal of a workshop this node knows of. */
  async refreshProposals(workshopId: string): Promise<void> {
    const views = await this.services.proposals.list(workshopId, 'participant');
    for (const view of views) this.#proposals.set(view.id, view.writable);
  }

  canWrite(name: DocumentName, role: Role): boolean {
    if (role === 'projection') return false;
    const workshop = this.#workshops.get(name.workshopId);
    if (!workshop || workshop.closed) return false;
    if (name.kind === 'board') return role === 'facilitator' || !workshop.locked;
    return this.#proposals.get(name.proposalId) === true;
  }
}

/**
 * The y-websocket endpoint of boards and proposals on the main HTTP server: authentication in the
 * upgrade (`?token=` for a participant, `?role=facilitator|projection&secret=` for staff, for their own
 * workshop only), write access from the gate above, documents stored in the main SQLite database with
 * the store's group commit, and the document module that confines clients to card texts and proposal
 * bodies. See docs/API.md, "Board, proposals".
 */
export function attachBoardEndpoint(httpServer: Server, options: BoardEndpointOptions): BoardEndpoint {
  const { services, logger } = options;
  const gate = new WriteGate(services);
  const commit = GroupCommit.of(options.store.db);
  const persistence = new SqliteYDocPersistence(options.store.db, (write) => commit.run(write));

  async function principal(req: IncomingMessage, workshopId: string): Promise<{ role: Role; label: string } | Refusal> {
    const params = new URL(req.url ?? '/', 'http://localhost').searchParams;
    const token = params.get('token');
    const role = params.get('role');
    const secret = params.get('secret');
    try {
      if (token) {
        const session = await services.participants.authenticate(token);
        if (session.workshop.id !== workshopId) return refusal(404, 'not_found', 'Ce document n’appartient pas à votre atelier.');
        return { role: 'participant', label: `participant:${session.participant.id}` };
      }
      if ((role === 'facilitator' || role === 'projection') && secret) {
        await services.workshops.authorize(workshopId, secret, role);
        return { role, label: `${role}:${workshopId}` };
      }
      return refusal(401, 'unauthorized', 'Jeton de participation ou secret manquant.');
    } catch (error) {
      if (!(error instanceof CroiseeError)) throw error;
      if (error.code === 'unauthorized') return refusal(401, error.code, error.message);
      if (error.code === 'forbidden') return refusal(403, error.code, error.message);
      return refusal(404, 'not_found', error.message);
    }
  }

  const endpoint = attachYjsEndpoint(httpServer, {
    persistence,
    logger,
    limits: options.limits,
    documentModule: BOARD_DOCUMENT_MODULE,
    async authenticate(req, docName): Promise<AuthResult> {
      if (!options.originAllowed(req.headers.origin, req.headers.host)) return refusal(403, 'origin_not_allowed', 'Cette origine ne peut pas se connecter.');
      const name = parseDocName(docName);
      if (!name) return refusal(404, 'not_found', 'Document inconnu.');
      const who = await principal(req, name.workshopId);
      if ('ok' in who) return who;
      if (name.kind === 'proposal') {
        const proposal = await services.proposals.require(name.workshopId, name.proposalId).catch(() => null);
        if (!proposal) return refusal(404, 'not_found', 'Cette proposition n’existe pas.');
        await gate.refreshProposal(name.workshopId, name.proposalId);
      } else {
        // Not awaited: the upgrade must be answered quickly (socket.io ends upgrade requests it does not
        // serve that are still unanswered after a second). The columns reach the client as an update.
        services.board.ensureSeeded(name.workshopId).catch((error) => logger.error('yjs: writing the default columns failed', { error }));
      }
      await gate.refreshWorkshop(name.workshopId);
      return { ok: true, access: { principalLabel: who.label, canWrite: () => gate.canWrite(name, who.role) } };
    },
  });

  options.documents.bind({
    edit: (docName, editName, args) => endpoint.edit(docName, editName, args),
    read: (docName, read) => endpoint.withDoc(docName, read),
  });

  const refresh = (what: Promise<void>, prefix: string): Promise<unknown> =>
    what.then(() => endpoint.refreshAccess(prefix)).catch((error) => logger.error('yjs: refreshing write access failed', { error }));
  const unsubscribe = options.bus.subscribe((event) => {
    if (event.type === 'board.changed') refresh(gate.refreshWorkshop(event.workshopId), `workshop/${event.workshopId}/board`);
    if (event.type === 'workshop.updated') {
      const id = event.workshopId;
      refresh(Promise.all([gate.refreshWorkshop(id), gate.refreshProposals(id)]).then(() => undefined), `workshop/${id}/`);
    }
    if (event.type === 'proposals.changed' && event.proposalId) {
      refresh(gate.refreshProposal(event.workshopId, event.proposalId), `workshop/${event.workshopId}/proposal/${event.proposalId}`);
    }
  });
  return {
    endpoint,
    async close() {
      unsubscribe();
      await endpoint.close();
    },
  };
}
