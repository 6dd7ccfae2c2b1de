import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { PROPOSAL_BODY, readBoard } from '../../shared/board-doc';
import type { ProposalListView } from '../../shared/views-board';
import { nextEvent, type TestServer } from '../helpers/server';
import { closeCodes, closeLiveBoard, eventually, ok, openBoard, participant, provider, recordDenials, startLiveBoard, storedDoc, synced, WAIT, type LiveBoard } from './board-helpers';

const body = (p: WebsocketProvider) => p.doc.getXmlFragment(PROPOSAL_BODY);
const textOf = (p: WebsocketProvider, index: number) => (body(p).get(index) as Y.XmlElement).get(0) as Y.XmlText;

/** Adds a paragraph at the end of the body, as the editor does when someone presses Enter and types. */
function paragraph(p: WebsocketProvider, text: string, attributes?: Record<string, unknown>): Y.XmlText {
  const element = new Y.XmlElement('paragraph');
  const content = new Y.XmlText();
  element.insert(0, [content]);
  p.doc.transact(() => body(p).insert(body(p).length, [element]));
  content.insert(0, text, attributes);
  return content;
}

describe('co-writing a proposal through the real server', { timeout: 90_000 }, () => {
  let server: TestServer;
  let live: LiveBoard;
  const providers: WebsocketProvider[] = [];
  beforeEach(async () => {
    ({ server, live } = await startLiveBoard());
  });
  afterEach(() => closeLiveBoard(server, providers));

  async function open(docName: string, credentials: Parameters<typeof provider>[2]) {
    const p = provider(server, docName, credentials);
    providers.push(p);
    await synced(p);
    return p;
  }

  it('two writers converge on the same text, and the server reads it as Markdown', async () => {
    const [alice, bob] = [await participant(server, live, 'concerned'), await participant(server, live, 'professional')];
    const listed = nextEvent<ProposalListView>(bob.socket, 'proposals', (l) => l.proposals.length === 1, WAIT);
    const { proposal } = await ok(alice.socket, 'proposal:create', { title: 'Un référent unique' });
    expect((await listed).proposals[0]).toMatchObject({ id: proposal.id, title: 'Un référent unique', status: 'draft', writable: true, docName: proposal.docName });
    const [a, b] = [await open(proposal.docName, alice.credentials), await open(proposal.docName, bob.credentials)];

    const first = paragraph(a, 'Chaque personne accompagnée a ');
    await eventually(() => body(b).length === 1, WAIT, 'Alice’s paragraph at Bob');
    // Both type at once, in the same paragraph and in a new one.
    const second = paragraph(b, 'Nommé pour trois ans.');
    first.insert(first.length, 'un référent unique', { bold: {} });
    textOf(b, 0).insert(0, 'Principe : ');
    second.format(0, 5, { italic: {} });
    await eventually(() => body(a).toString() === body(b).toString() && body(a).length === 2 && body(a).toString().includes('Principe'), WAIT, 'both texts alike');
    await eventually(() => body(a).toString().includes('<italic>Nommé</italic>') && body(a).toString().includes('<bold>un référent unique</bold>'), WAIT, 'all marks everywhere');

    const [texts] = await server.services.proposals.texts(live.workshop.id);
    expect(texts!.markdown).toBe('Principe : Chaque personne accompagnée a **un référent unique**\n\n*Nommé* pour trois ans.');
    expect(texts!.plainText).toBe('Principe : Chaque personne accompagnée a un référent unique\n\nNommé pour trois ans.');
    expect(storedDoc(server, proposal.docName).getXmlFragment(PROPOSAL_BODY).toString()).toBe(body(a).toString());
  });

  it('a proposal born from a card starts with the card’s text', async () => {
    const alice = await participant(server, live);
    const board = await openBoard(server, live, alice.credentials);
    providers.push(board);
    const { cardId } = await ok(alice.socket, 'board:card:add', { columnId: readBoard(board.doc).columns[2]!.id, text: 'Des stages croisés\nentre écoles et services' });
    const { proposal } = await ok(alice.socket, 'proposal:create', { fromCardId: cardId });
    expect(proposal).toMatchObject({ title: 'Des stages croisés', fromCardId: cardId });
    const text = await open(proposal.docName, alice.credentials);
    expect(body(text).toString()).toBe('<paragraph>Des stages croisés</paragraph><paragraph>entre écoles et services</paragraph>');
  });

  it('a proposal put to a vote or locked is read-only on the document; back to draft it is writable again', async () => {
    const [alice, bob] = [await participant(server, live), await participant(server, live)];
    const { proposal } = await ok(alice.socket, 'proposal:create', { title: 'Gel du texte' });
    const [a, b] = [await open(proposal.docName, alice.credentials), await open(proposal.docName, bob.credentials)];
    paragraph(a, 'Version soumise au vote.');
    await eventually(() => body(b).length === 1, WAIT, 'the text at Bob');

    const denied = recordDenials(a);
    const voted = await ok(live.facilitator, 'proposal:put-to-vote', { proposalId: proposal.id, open: true });
    expect(voted.proposal.status).toBe('voting');
    const agenda = await ok(live.facilitator, 'agenda:sync', {});
    expect(agenda.activity.item).toMatchObject({ id: voted.pollItemId, kind: 'poll', state: 'open' });
    await eventually(() => denied.includes('read-only'), WAIT, 'Alice told the text is frozen');
    paragraph(a, 'Ajout pendant le vote.');
    await new Promise((r) => setTimeout(r, 300));
    expect(body(b).length).toBe(1);
    expect(storedDoc(server, proposal.docName).getXmlFragment(PROPOSAL_BODY).length).toBe(1);

    await ok(live.facilitator, 'proposal:decide', { proposalId: proposal.id, status: 'draft' });
    await new Promise((r) => setTimeout(r, 100));
    const fresh = await open(proposal.docName, bob.credentials);
    paragraph(fresh, 'Amendement après le vote.');
    await eventually(() => storedDoc(server, proposal.docName).getXmlFragment(PROPOSAL_BODY).toString().includes('Amendement'), WAIT, 'the amendment stored');

    const lockedOut = recordDenials(fresh);
    await ok(live.facilitator, 'proposal:lock', { proposalId: proposal.id, locked: true });
    await eventually(() => lockedOut.includes('read-only'), WAIT, 'Bob told the text is locked');
    paragraph(fresh, 'Pendant le verrou.');
    await new Promise((r) => setTimeout(r, 300));
    expect(storedDoc(server, proposal.docName).getXmlFragment(PROPOSAL_BODY).toString()).not.toContain('Pendant le verrou');
  });

  it('a client that writes outside the body is disconnected and changes nothing', async () => {
    const alice = await participant(server, live);
    const { proposal } = await ok(alice.socket, 'proposal:create', { title: 'Protégée' });
    const a = await open(proposal.docName, alice.credentials);
    const codes = closeCodes(a);
    a.doc.getMap('status').set('value', 'adopted');
    await eventually(() => codes.includes(4422), WAIT, 'the writer disconnected');
    expect(storedDoc(server, proposal.docName).share.has('status')).toBe(false);
  });

  it('the projection follows the text but never writes it', async () => {
    const alice = await participant(server, live);
    const { proposal } = await ok(alice.socket, 'proposal:create', { title: 'À l’écran' });
    const [a, screen] = [await open(proposal.docName, alice.credentials), await open(proposal.docName, live.projection)];
    paragraph(a, 'Lisible de loin.');
    await eventually(() => body(screen).toString() === '<paragraph>Lisible de loin.</paragraph>', WAIT, 'the text on the projection');
    const denied = recordDenials(screen);
    paragraph(screen, 'Écrit par l’écran.');
    await eventually(() => denied.includes('read-only'), WAIT, 'the projection told');
    expect(storedDoc(server, proposal.docName).getXmlFragment(PROPOSAL_BODY).length).toBe(1);
  });
});
