import { io, type Socket } from 'socket.io-client';
import type { AckCallback, ClientToServerEvents, ServerToClientEvents } from '../events';
import type { Ack, Failure } from '../errors';
import { PROTOCOL_VERSION } from '../protocol-version';
import type { CreateGroupInput, CreateWorkshopInput, JoinRequest } from '../schemas/workshops';
import type { HealthView, JoinResult, OrganiserWorkshopView, WorkingGroupView, WorkshopView } from '../views';
import type { ContributionExportFormat, PushRecordInput, RecordExportFormat } from '../schemas/records';
import type {
  CompareView,
  DeliveryView,
  GroupRecordView,
  ParticipationView,
  RecordEntry,
  RecordVersionSummary,
  WebhookCreatedView,
  WebhookView,
} from '../views-records';

export type CroiseeSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** Who connects: a participant with the device token, or a facilitator / projection with the workshop's secret. */
export type Credentials =
  | { role: 'participant'; token: string }
  | { role: 'facilitator' | 'projection'; workshopId: string; secret: string };

/** An HTTP error answered by the API, with its named code. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** The payload and ack-result types of a client→server event. */
export type EventPayload<E extends keyof ClientToServerEvents> = Parameters<ClientToServerEvents[E]>[0];
export type EventResult<E extends keyof ClientToServerEvents> =
  Parameters<ClientToServerEvents[E]>[1] extends AckCallback<infer R> ? Ack<R> : never;

/**
 * Sends an event and resolves with its ack. A lost connection or a server that does not answer in
 * time resolves with `{ ok: false, code: 'timeout' }` rather than hanging.
 */
export function request<E extends keyof ClientToServerEvents>(
  socket: CroiseeSocket,
  event: E,
  payload: EventPayload<E>,
  timeoutMs = 10_000,
): Promise<EventResult<E>> {
  return new Promise((resolve) => {
    (socket.timeout(timeoutMs) as unknown as { emit: (e: string, p: unknown, cb: (err: Error | null, r: unknown) => void) => void }).emit(
      event as string,
      payload,
      (err, result) => {
        if (err) resolve({ ok: false, code: 'timeout', message: 'Le serveur ne répond pas.' } satisfies Failure as EventResult<E>);
        else resolve(result as EventResult<E>);
      },
    );
  });
}

/**
 * Typed client of the Croisée API, shared by the browser app and the tests: HTTP routes and the
 * socket.io connection. `baseUrl` is the server's origin ('' in the browser for same-origin).
 */
export class CroiseeClient {
  constructor(
    readonly baseUrl: string,
    private readonly organiserToken: string | null = null,
  ) {}

  withOrganiserToken(token: string): CroiseeClient {
    return new CroiseeClient(this.baseUrl, token);
  }

  async #call<T>(method: 'GET' | 'POST' | 'DELETE', path: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = {};
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (this.organiserToken) headers.authorization = `Bearer ${this.organiserToken}`;
    const res = await fetch(`${this.baseUrl}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const json = (await res.json().catch(() => null)) as { ok?: boolean; error?: { code: string; message: string } } | null;
    if (!res.ok || !json || json.ok === false) {
      throw new ApiError(res.status, json?.error?.code ?? 'internal', json?.error?.message ?? `HTTP ${res.status}`);
    }
    return json as T;
  }

  health(): Promise<HealthView> {
    return this.#call('GET', '/health');
  }

  async lookup(code: string): Promise<WorkshopView> {
    return (await this.#call<{ workshop: WorkshopView }>('GET', `/api/join/${encodeURIComponent(code)}`)).workshop;
  }

  async join(input: JoinRequest): Promise<JoinResult> {
    return this.#call<JoinResult>('POST', '/api/join', input);
  }

  async checkOrganiser(): Promise<void> {
    await this.#call('GET', '/api/organiser/session');
  }

  async listGroups(): Promise<WorkingGroupView[]> {
    return (await this.#call<{ groups: WorkingGroupView[] }>('GET', '/api/groups')).groups;
  }

  async createGroup(input: CreateGroupInput | { name: string; purpose?: string }): Promise<WorkingGroupView> {
    return (await this.#call<{ group: WorkingGroupView }>('POST', '/api/groups', input)).group;
  }

  async getGroup(groupId: string): Promise<{ group: WorkingGroupView; workshops: OrganiserWorkshopView[] }> {
    return this.#call('GET', `/api/groups/${encodeURIComponent(groupId)}`);
  }

  async createWorkshop(groupId: string, input: CreateWorkshopInput | { title: string; date?: string }): Promise<OrganiserWorkshopView> {
    return (await this.#call<{ workshop: OrganiserWorkshopView }>('POST', `/api/groups/${encodeURIComponent(groupId)}/workshops`, input)).workshop;
  }

  async getWorkshop(workshopId: string): Promise<OrganiserWorkshopView> {
    return (await this.#call<{ workshop: OrganiserWorkshopView }>('GET', `/api/workshops/${encodeURIComponent(workshopId)}`)).workshop;
  }

  /**
   * Opens a socket.io connection that reconnects by itself forever (with backoff), sending the same
   * credentials at each handshake. Listen to `session` to know the connection is accepted and
   * `connect_error` (its `data.code`) for refusals.
   */
  connect(credentials: Credentials | (() => Credentials), options: { autoConnect?: boolean; transports?: string[] } = {}): CroiseeSocket {
    const auth = (cb: (data: object) => void) => {
      const c = typeof credentials === 'function' ? credentials() : credentials;
      cb({ ...c, protocol: PROTOCOL_VERSION });
    };
    return io(this.baseUrl || undefined, {
      auth,
      autoConnect: options.autoConnect ?? true,
      reconnection: true,
      reconnectionDelay: 500,
      reconnectionDelayMax: 5_000,
      randomizationFactor: 0.5,
      transports: options.transports ?? ['websocket', 'polling'],
    }) as CroiseeSocket;
  }

  /** A client whose credential is a workshop's facilitator secret: it reads and pushes that workshop's record. */
  withFacilitatorSecret(secret: string): CroiseeClient {
    return new CroiseeClient(this.baseUrl, secret);
  }

  /** The group's record as a timeline (organiser). */
  async groupRecord(groupId: string): Promise<GroupRecordView> {
    return (await this.#call<{ record: GroupRecordView }>('GET', `/api/groups/${encodeURIComponent(groupId)}/records`)).record;
  }

  /** Every version of a workshop's entry, oldest first (organiser or that workshop's facilitator). */
  async recordVersions(workshopId: string): Promise<RecordVersionSummary[]> {
    return (await this.#call<{ versions: RecordVersionSummary[] }>('GET', `/api/workshops/${encodeURIComponent(workshopId)}/records`)).versions;
  }

  async recordEntry(workshopId: string, version: number): Promise<RecordEntry> {
    return (await this.#call<{ entry: RecordEntry }>('GET', `/api/workshops/${encodeURIComponent(workshopId)}/records/${version}`)).entry;
  }

  /** Pushes the workshop's results now: a new version (or, for a `pushId` already used, the version it made). */
  async pushRecord(workshopId: string, input: PushRecordInput = {}): Promise<{ entry: RecordVersionSummary; created: boolean }> {
    return this.#call('POST', `/api/workshops/${encodeURIComponent(workshopId)}/records`, input);
  }

  /** Marks a version withdrawn (organiser); its content stays. */
  async withdrawRecord(workshopId: string, version: number, reason = ''): Promise<RecordVersionSummary> {
    return (await this.#call<{ entry: RecordVersionSummary }>('POST', `/api/workshops/${encodeURIComponent(workshopId)}/records/${version}/withdraw`, { reason })).entry;
  }

  /** Attendance by standpoint, workshop after workshop (organiser). */
  async participation(groupId: string): Promise<ParticipationView> {
    return (await this.#call<{ participation: ParticipationView }>('GET', `/api/groups/${encodeURIComponent(groupId)}/records/participation`)).participation;
  }

  /** The questions asked in several workshops, or the occurrences of one question (organiser). */
  async compareQuestions(groupId: string, question?: string): Promise<CompareView> {
    const query = question === undefined ? '' : `?question=${encodeURIComponent(question)}`;
    return (await this.#call<{ compare: CompareView }>('GET', `/api/groups/${encodeURIComponent(groupId)}/records/compare${query}`)).compare;
  }

  /** One version as a file (md, json, csv, docx). In a browser, save it with `new Blob([file.bytes], { type: file.mediaType })`. */
  downloadRecord(workshopId: string, version: number, format: RecordExportFormat): Promise<DownloadedFile> {
    return this.#download(`/api/workshops/${encodeURIComponent(workshopId)}/records/${version}/export/${format}`);
  }

  /** The group record (every workshop's current version) as one file (organiser). */
  downloadGroupRecord(groupId: string, format: RecordExportFormat): Promise<DownloadedFile> {
    return this.#download(`/api/groups/${encodeURIComponent(groupId)}/records/export/${format}`);
  }

  /** The group contribution: adopted proposals by theme (organiser). */
  downloadContribution(groupId: string, format: ContributionExportFormat): Promise<DownloadedFile> {
    return this.#download(`/api/groups/${encodeURIComponent(groupId)}/records/contribution/${format}`);
  }

  async getWebhook(groupId: string): Promise<WebhookView | null> {
    return (await this.#call<{ webhook: WebhookView | null }>('GET', `/api/groups/${encodeURIComponent(groupId)}/webhook`)).webhook;
  }

  /** Sets the group's webhook; the answer's `secret` is shown this once. */
  async setWebhook(groupId: string, url: string): Promise<WebhookCreatedView> {
    const { webhook, secret } = await this.#call<WebhookCreatedView>('POST', `/api/groups/${encodeURIComponent(groupId)}/webhook`, { url });
    return { webhook, secret };
  }

  async removeWebhook(groupId: string): Promise<void> {
    await this.#call('DELETE', `/api/groups/${encodeURIComponent(groupId)}/webhook`);
  }

  async webhookDeliveries(groupId: string): Promise<DeliveryView[]> {
    return (await this.#call<{ deliveries: DeliveryView[] }>('GET', `/api/groups/${encodeURIComponent(groupId)}/webhook/deliveries`)).deliveries;
  }

  async #download(path: string): Promise<DownloadedFile> {
    const headers: Record<string, string> = this.organiserToken ? { authorization: `Bearer ${this.organiserToken}` } : {};
    const res = await fetch(`${this.baseUrl}${path}`, { headers });
    if (!res.ok) {
      const json = (await res.json().catch(() => null)) as { error?: { code: string; message: string } } | null;
      throw new ApiError(res.status, json?.error?.code ?? 'internal', json?.error?.message ?? `HTTP ${res.status}`);
    }
    return {
      name: fileNameOf(res.headers.get('content-disposition')),
      mediaType: res.headers.get('content-type') ?? 'application/octet-stream',
      bytes: new Uint8Array(await res.arrayBuffer()),
    };
  }
}

/** A file an export route answered. */
export interface DownloadedFile {
  /** From Content-Disposition (`filename*` when given, accents kept). */
  name: string;
  mediaType: string;
  bytes: Uint8Array;
}

/** The file name of a Content-Disposition header: its RFC 5987 `filename*` if any, else `filename`. */
export function fileNameOf(header: string | null): string {
  if (!header) return 'export';
  const extended = /filename\*=UTF-8''([^;]+)/i.exec(header);
  if (extended) {
    try {
      return decodeURIComponent(extended[1]!.trim());
    } catch {
      // A malformed encoding: fall back to the plain name.
    }
  }
  return /filename="([^"]*)"/i.exec(header)?.[1] ?? 'export';
}
