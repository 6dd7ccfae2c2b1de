import type { CroiseeClient } from '../../../../shared/client/croisee-client';
import type { OrganiserWorkshopView, WorkingGroupView } from '../../../../shared/views';
import { organiserToken } from '../device-storage';
import { errorCodeOf } from '../errors';

/**
 * - `signed-out`: no token, or the server refused it;
 * - `checking`: asking the server whether the token is valid;
 * - `ready`: the organiser's requests are accepted.
 */
export type OrganiserStatus = 'signed-out' | 'checking' | 'ready';

/** The group currently open in the organiser space, with its workshops. */
export interface OpenGroup {
  group: WorkingGroupView;
  workshops: OrganiserWorkshopView[];
}

/** Codes meaning the token itself is wrong: the space asks for it again. */
const TOKEN_FAILURES = new Set(['unauthorized', 'forbidden']);

/** The organiser space: the organiser token, working groups, and the workshops of the open group. */
export class OrganiserSpace {
  status = $state<OrganiserStatus>('signed-out');
  /** The last token was refused by the server. */
  tokenRejected = $state(false);
  /** Code of the last failed request other than a token refusal. */
  error = $state<string | null>(null);
  groups = $state.raw<WorkingGroupView[]>([]);
  openGroup = $state.raw<OpenGroup | null>(null);
  /** The group asked for does not exist. */
  groupMissing = $state(false);
  busy = $state(false);

  readonly #api: CroiseeClient;
  #client: CroiseeClient | null = null;

  constructor(api: CroiseeClient) {
    this.#api = api;
  }

  /** Checks `token` with the server; keeps it on this device when accepted. */
  async signIn(token: string): Promise<boolean> {
    this.status = 'checking';
    this.error = null;
    const client = this.#api.withOrganiserToken(token.trim());
    try {
      await client.checkOrganiser();
    } catch (error) {
      this.#fail(error);
      return false;
    }
    this.#client = client;
    organiserToken.set(token.trim());
    this.tokenRejected = false;
    this.status = 'ready';
    await this.loadGroups();
    return true;
  }

  signOut(): void {
    organiserToken.forget();
    this.#client = null;
    this.groups = [];
    this.openGroup = null;
    this.status = 'signed-out';
  }

  async loadGroups(): Promise<void> {
    await this.#run(async (client) => {
      this.groups = await client.listGroups();
    });
  }

  /** Creates a working group; resolves with it, or null when the server refused. */
  async createGroup(name: string, purpose: string): Promise<WorkingGroupView | null> {
    return this.#run(async (client) => {
      const group = await client.createGroup({ name, purpose });
      this.groups = [...this.groups, group];
      return group;
    });
  }

  /** Loads a group and its workshops (with their capability links). */
  async loadGroup(groupId: string): Promise<void> {
    this.groupMissing = false;
    await this.#run(async (client) => {
      try {
        this.openGroup = await client.getGroup(groupId);
      } catch (error) {
        if (errorCodeOf(error) !== 'not_found' && errorCodeOf(error) !== 'bad_request') throw error;
        this.openGroup = null;
        this.groupMissing = true;
      }
    });
  }

  /** Creates a workshop (default standpoints) in the open group; resolves with it, or null. */
  async createWorkshop(title: string, date: string): Promise<OrganiserWorkshopView | null> {
    const open = this.openGroup;
    if (!open) return null;
    return this.#run(async (client) => {
      const workshop = await client.createWorkshop(open.group.id, { title, ...(date ? { date } : {}) });
      if (this.openGroup?.group.id === open.group.id) {
        this.openGroup = { group: open.group, workshops: [workshop, ...this.openGroup.workshops] };
      }
      return workshop;
    });
  }

  async #run<T>(action: (client: CroiseeClient) => Promise<T>): Promise<T | null> {
    const client = this.#client;
    if (!client) return null;
    this.busy = true;
    this.error = null;
    try {
      return await action(client);
    } catch (error) {
      this.#fail(error);
      return null;
    } finally {
      this.busy = false;
    }
  }

  #fail(error: unknown): void {
    const code = errorCodeOf(error);
    if (TOKEN_FAILURES.has(code)) {
      organiserToken.forget();
      this.#client = null;
      this.tokenRejected = true;
      this.status = 'signed-out';
      return;
    }
    this.error = code;
    if (this.status === 'checking') this.status = 'signed-out';
  }
}
