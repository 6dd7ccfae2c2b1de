import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { boardDocName, PROPOSAL_BODY, providerParams, readBoard, yjsServerUrl, type DocumentCredentials } from '../../shared/board-doc';
import type { CroiseeSocket } from '../../shared/client/croisee-client';
import { ack, clientId } from './drive-workshop';
import type { Block } from './webinar-scenario';

/**
 * The shared board and co-written proposals, through the same two transports as the web app:
 * socket.io commands for cards, dots and proposals, and the Yjs endpoint (y-websocket's
 * WebsocketProvider) for the proposals' rich text, written as tiptap's StarterKit writes it.
 */

/** A provider on one of the workshop's documents, from Node (`ws` as the WebSocket). */
export function openDocument(baseUrl: string, docName: string, credentials: DocumentCredentials): WebsocketProvider {
  return new WebsocketProvider(yjsServerUrl(baseUrl), docName, new Y.Doc(), {
    params: providerParams(credentials),
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    maxBackoffTime: 1000,
  });
}

/** Closes a provider and its document (whose awareness would otherwise keep a timer running). */
export function closeDocument(provider: WebsocketProvider): void {
  provider.destroy();
  provider.doc.destroy();
}

/** Resolves once `check` holds, polling every 20 ms; rejects after `timeoutMs` naming `what`. */
export async function until(check: () => boolean, what: string, timeoutMs = 15_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Opens a document and waits until it is in sync with the server. */
export async function openSynced(baseUrl: string, docName: string, credentials: DocumentCredentials): Promise<WebsocketProvider> {
  const provider = openDocument(baseUrl, docName, credentials);
  await until(() => provider.synced, `${docName} to sync`);
  return provider;
}

/**
 * Opens the workshop's board (the first opening writes its default columns) and returns the id of
 * each column by its title, with the provider (close it with `closeDocument`).
 */
export async function openBoard(baseUrl: string, workshopId: string, credentials: DocumentCredentials): Promise<{ provider: WebsocketProvider; columns: Map<string, string> }> {
  const provider = await openSynced(baseUrl, boardDocName(workshopId), credentials);
  await until(() => readBoard(provider.doc).columns.length > 0, 'the board’s columns');
  return { provider, columns: new Map(readBoard(provider.doc).columns.map((c) => [c.title, c.id])) };
}

/** Adds each card as its author, in order; returns the card ids in the same order. */
export async function addCards(
  columns: ReadonlyMap<string, string>,
  cards: ReadonlyArray<{ author: CroiseeSocket; column: string; text: string; signed?: boolean }>,
): Promise<string[]> {
  const ids: string[] = [];
  for (const card of cards) {
    const columnId = columns.get(card.column);
    if (!columnId) throw new Error(`no column « ${card.column} » on the board`);
    ids.push((await ack(card.author, 'board:card:add', { columnId, text: card.text, signed: card.signed ?? false })).cardId);
  }
  return ids;
}

/** Each voter places their dots on the cards given. */
export async function placeDots(votes: ReadonlyArray<{ voter: CroiseeSocket; cardIds: readonly string[] }>): Promise<void> {
  for (const { voter, cardIds } of votes) for (const cardId of cardIds) await ack(voter, 'board:dot:place', { cardId });
}

/** A paragraph or a bullet list as tiptap's Collaboration extension stores it (y-prosemirror's XML). */
function blockElement(block: Block): Y.XmlElement {
  const paragraph = (text: string, bold = false) => {
    const element = new Y.XmlElement('paragraph');
    const content = new Y.XmlText();
    content.insert(0, text, bold ? { bold: {} } : undefined);
    element.insert(0, [content]);
    return element;
  };
  if (block.kind === 'paragraph') return paragraph(block.text, block.bold);
  const list = new Y.XmlElement('bulletList');
  list.insert(
    0,
    block.items.map((item) => {
      const listItem = new Y.XmlElement('listItem');
      listItem.insert(0, [paragraph(item)]);
      return listItem;
    }),
  );
  return list;
}

/** Appends blocks at the end of a proposal's body, in one transaction, as one person typing. */
export function writeBlocks(provider: WebsocketProvider, blocks: readonly Block[]): void {
  const body = provider.doc.getXmlFragment(PROPOSAL_BODY);
  provider.doc.transact(() => body.insert(body.length, blocks.map(blockElement)));
}

/** A co-author at work: their socket, document credentials, the name on their cursor and what they write. */
export interface CoAuthor {
  credentials: DocumentCredentials;
  name: string;
  color: string;
  blocks: readonly Block[];
}

/**
 * Co-writes a proposal's text: every co-author opens the document at once and, in turn, shows their
 * cursor's name (awareness) and appends their passage once they see the passages before it; the
 * function waits until every copy holds every passage — what the others saw is what the server stored.
 */
export async function coWrite(baseUrl: string, docName: string, authors: readonly CoAuthor[]): Promise<string> {
  const providers = await Promise.all(authors.map((author) => openSynced(baseUrl, docName, author.credentials)));
  try {
    const length = (p: WebsocketProvider) => p.doc.getXmlFragment(PROPOSAL_BODY).length;
    let expected = length(providers[0]!);
    for (const [index, author] of authors.entries()) {
      const provider = providers[index]!;
      await until(() => length(provider) === expected, `the passages before ${author.name}’s`);
      provider.awareness.setLocalStateField('user', { name: author.name, color: author.color });
      writeBlocks(provider, author.blocks);
      provider.awareness.setLocalState(null);
      expected += author.blocks.length;
    }
    const texts = () => providers.map((p) => p.doc.getXmlFragment(PROPOSAL_BODY).toString());
    await until(() => providers.every((p) => length(p) === expected) && new Set(texts()).size === 1, `${docName} to converge`);
    return texts()[0]!;
  } finally {
    for (const provider of providers) closeDocument(provider);
  }
}

/** The facilitator puts a proposal to the vote (a « Pour / Contre / Abstention » poll, opened at once), the room votes, and the poll closes. */
export async function voteOnProposal(
  facilitator: CroiseeSocket,
  proposalId: string,
  ballots: ReadonlyArray<{ voter: CroiseeSocket; choice: 0 | 1 | 2 }>,
): Promise<string> {
  const { pollItemId } = await ack(facilitator, 'proposal:put-to-vote', { proposalId, open: true });
  for (const { voter, choice } of ballots) await ack(voter, 'poll:vote', { itemId: pollItemId, ballotId: clientId('ballot'), choices: [choice] });
  await ack(facilitator, 'agenda:close', { itemId: pollItemId });
  return pollItemId;
}
