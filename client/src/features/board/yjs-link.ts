import * as authProtocol from 'y-protocols/auth';
import { Awareness } from 'y-protocols/awareness';
import { messageAuth, WebsocketProvider } from 'y-websocket';
import type * as Y from 'yjs';
import { providerParams, yjsServerUrl, type DocumentCredentials } from '../../../../shared/board-doc';
import { INITIAL_LINK, type LinkState } from './link-state';

/**
 * One shared document's connection to the server's Yjs endpoint: an unmodified `WebsocketProvider`
 * (it reconnects by itself) with the credentials as its `params`, reporting its state in plain data.
 * Awareness starts empty: nothing is published until the page sets a local state (someone edits or
 * drags), so that idle people cost nobody a frame. Loaded with the board or the editor, not before.
 */
export class YjsLink {
  readonly provider: WebsocketProvider;
  readonly awareness: Awareness;
  #state: LinkState = INITIAL_LINK;

  constructor(
    docName: string,
    credentials: DocumentCredentials,
    doc: Y.Doc,
    private readonly onState: (state: LinkState) => void,
  ) {
    this.awareness = new Awareness(doc);
    this.awareness.setLocalState(null);
    this.provider = new WebsocketProvider(yjsServerUrl(location.origin), docName, doc, {
      connect: false,
      awareness: this.awareness,
      params: providerParams(credentials),
      // Tabs sync only through the server, which checks who may write.
      disableBc: true,
    });
    // y-websocket only logs permission-denied messages; the page needs the reason ("read-only").
    this.provider.messageHandlers[messageAuth] = (_encoder, decoder) => {
      authProtocol.readAuthMessage(decoder, doc, (_doc, reason) => this.#set({ denied: reason }));
    };
    this.provider.on('status', ({ status }) => {
      if (status === 'connected') this.#set({ status: 'online', close: null });
      else if (status === 'disconnected' && this.#state.status !== 'stopped') this.#set({ status: 'retrying', synced: false });
    });
    this.provider.on('sync', (synced) => this.#set({ synced }));
    this.provider.on('connection-close', (event) => {
      if (event) this.#set({ status: this.#state.status === 'stopped' ? 'stopped' : 'retrying', synced: false, close: { code: event.code, reason: event.reason } });
    });
    this.provider.on('closed', (close) => this.#set({ status: 'stopped', synced: false, close }));
    this.provider.connect();
  }

  get state(): LinkState {
    return this.#state;
  }

  /** Forgets a permission-denied reason once the page knows writing is allowed again. */
  clearDenied(): void {
    if (this.#state.denied !== null) this.#set({ denied: null });
  }

  /** Publishes what this person is doing (editing, dragging), or nothing (null). */
  publish(state: Record<string, unknown> | null): void {
    // Awareness sends a frame even for an unchanged empty state.
    if (state === null && this.awareness.getLocalState() === null) return;
    this.awareness.setLocalState(state);
  }

  destroy(): void {
    this.awareness.setLocalState(null);
    this.provider.destroy();
    this.awareness.destroy();
  }

  #set(change: Partial<LinkState>): void {
    this.#state = { ...this.#state, ...change };
    this.onState(this.#state);
  }
}
