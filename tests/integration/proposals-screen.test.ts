import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { PROPOSAL_BODY } from '../../shared/board-doc';
import type { CroiseeSocket, Credentials } from '../../shared/client/croisee-client';
import type { ProposalScreenView } from '../../shared/views-board';
import { startTestServer, type TestServer } from '../helpers/server';
import { codeOf, eventually, liveBoard, ok, participant, provider, synced, WAIT, type LiveBoard } from './board-helpers';

/** A socket and every `proposal:shown` it received, from its very first frame on. */
function watch(server: TestServer, credentials: Credentials): { socket: CroiseeSocket; seen: ProposalScreenView[]; last(): string | null | undefined } {
  const socket = server.connect(credentials);
  const seen: ProposalScreenView[] = [];
  (socket as unknown as { on(event: string, listener: (payload: ProposalScreenView) => void): void }).on('proposal:shown', (shown) => seen.push(shown));
  return { socket, seen, last: () => seen.at(-1)?.proposalId };
}

const projectionOf = (live: LiveBoard): Credentials => ({ role: 'projection', workshopId: live.workshop.id, secret: live.workshop.projectionSecret });

describe('showing a proposal’s text on the projection, through the real server', { timeout: 90_000 }, () => {
  const servers: TestServer[] = [];
  afterEach(async () => {
    for (const server of servers.splice(0)) await server.close();
  });

  async function start(dbFile?: string): Promise<TestServer> {
    const server = await startTestServer(dbFile ? { dbFile } : {});
    servers.push(server);
    return server;
  }

  it('only the facilitator shows and hides; the projection and the facilitators hear it, participants do not; the projection reads the text', async () => {
    const server = await start();
    const live = await liveBoard(server);
    const alice = await participant(server, live, 'concerned');
    const { proposal } = await ok(alice.socket, 'proposal:create', { title: 'Un référent unique' });
    const screen = watch(server, projectionOf(live));
    const phone = watch(server, { role: 'participant', token: alice.token });
    await eventually(() => screen.seen.length === 1, WAIT, 'the projection told what is shown at connection');
    expect(screen.last()).toBeNull();

    expect(await codeOf(alice.socket, 'proposal:show', { proposalId: proposal.id })).toBe('forbidden');
    expect(await codeOf(screen.socket, 'proposal:show', { proposalId: proposal.id })).toBe('forbidden');
    expect(await codeOf(screen.socket, 'proposal:show', { proposalId: null })).toBe('forbidden');
    expect(await codeOf(live.facilitator, 'proposal:show', {} as never)).toBe('bad_request');

    const colleague = watch(server, { role: 'facilitator', workshopId: live.workshop.id, secret: live.workshop.facilitatorSecret });
    await eventually(() => colleague.seen.length === 1, WAIT, 'the other facilitator told at connection');
    const { shown } = await ok(live.facilitator, 'proposal:show', { proposalId: proposal.id });
    expect(shown).toEqual({ proposalId: proposal.id });
    await eventually(() => screen.last() === proposal.id, WAIT, 'the projection told');
    await eventually(() => colleague.last() === proposal.id, WAIT, 'the other facilitator told');

    // The projection reads the text being written, read-only.
    const writer = provider(server, proposal.docName, alice.credentials);
    const reader = provider(server, proposal.docName, { role: 'projection', secret: live.workshop.projectionSecret });
    try {
      await Promise.all([synced(writer), synced(reader)]);
      const paragraph = new Y.XmlElement('paragraph');
      paragraph.insert(0, [new Y.XmlText('Une seule personne à appeler.')]);
      writer.doc.getXmlFragment(PROPOSAL_BODY).insert(0, [paragraph]);
      await eventually(() => reader.doc.getXmlFragment(PROPOSAL_BODY).toString().includes('Une seule personne à appeler.'), WAIT, 'the text on the projection');
    } finally {
      writer.destroy();
      reader.destroy();
    }

    // Another proposal takes its place; then nothing is shown.
    const { proposal: other } = await ok(live.facilitator, 'proposal:create', { title: 'Former ensemble' });
    await ok(live.facilitator, 'proposal:show', { proposalId: other.id });
    await eventually(() => screen.last() === other.id, WAIT, 'the second proposal shown');
    expect((await ok(live.facilitator, 'proposal:show', { proposalId: null })).shown).toEqual({ proposalId: null });
    await eventually(() => screen.last() === null, WAIT, 'nothing shown');
    expect(phone.seen).toEqual([]);
  });

  it('refuses an unknown proposal, another workshop’s and a deleted one; deleting the shown proposal clears the screen', async () => {
    const server = await start();
    const live = await liveBoard(server);
    const { proposal } = await ok(live.facilitator, 'proposal:create', { title: 'Ouvrir le samedi' });
    expect(await codeOf(live.facilitator, 'proposal:show', { proposalId: 'nope-0000' })).toBe('proposal_not_found');
    const other = await liveBoard(server);
    const { proposal: elsewhere } = await ok(other.facilitator, 'proposal:create', { title: 'Ailleurs' });
    expect(await codeOf(live.facilitator, 'proposal:show', { proposalId: elsewhere.id })).toBe('proposal_not_found');

    const screen = watch(server, projectionOf(live));
    await ok(live.facilitator, 'proposal:show', { proposalId: proposal.id });
    await eventually(() => screen.last() === proposal.id, WAIT, 'shown');
    await ok(live.facilitator, 'proposal:delete', { proposalId: proposal.id });
    await eventually(() => screen.last() === null, WAIT, 'the deleted proposal leaves the screen');
    expect((await server.services.proposals.shown(live.workshop.id)).proposalId).toBeNull();
    expect(await codeOf(live.facilitator, 'proposal:show', { proposalId: proposal.id })).toBe('proposal_not_found');
    // Nothing was changed by the refusals: the other workshop shows nothing.
    expect((await server.services.proposals.shown(other.workshop.id)).proposalId).toBeNull();
  });

  it('the choice survives a restart on the same database', async () => {
    const first = await start();
    const live = await liveBoard(first);
    const { proposal } = await ok(live.facilitator, 'proposal:create', { title: 'Un comité dans chaque territoire' });
    await ok(live.facilitator, 'proposal:show', { proposalId: proposal.id });
    await first.close();
    servers.splice(0);

    const second = await start(first.dbFile);
    const screen = watch(second, projectionOf(live));
    await eventually(() => screen.seen.length > 0, WAIT, 'the projection told at connection');
    expect(screen.last()).toBe(proposal.id);
  });

  it('showing a text takes the screen from the results of an activity closed earlier, not from an open one', async () => {
    const server = await start();
    const live = await liveBoard(server);
    const { proposal } = await ok(live.facilitator, 'proposal:create', { title: 'Des permanences dans les mairies' });
    const open = await ok(live.facilitator, 'poll:create', { poll: { kind: 'yes_no', question: 'On continue ?' } });
    await ok(live.facilitator, 'agenda:open', { itemId: open.item.id });
    await ok(live.facilitator, 'proposal:show', { proposalId: proposal.id });
    expect((await ok(live.facilitator, 'agenda:sync', {})).activity.item?.id).toBe(open.item.id);

    await ok(live.facilitator, 'agenda:close', { itemId: open.item.id });
    // Closed, the poll stays on the screen with its results…
    expect((await ok(live.facilitator, 'agenda:sync', {})).activity.item).toMatchObject({ id: open.item.id, state: 'closed' });
    // …until a text is asked for.
    await ok(live.facilitator, 'proposal:show', { proposalId: null });
    await ok(live.facilitator, 'proposal:show', { proposalId: proposal.id });
    expect((await ok(live.facilitator, 'agenda:sync', {})).activity.item).toBeNull();
  });
});
