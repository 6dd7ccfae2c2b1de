import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { PROPOSAL_BODY, proposalDocName } from '../../../shared/board-doc';
import { CroiseeError } from '../../../shared/errors';
import { boardWorld, type BoardWorld } from './board-world';

const codeOf = (promise: Promise<unknown>) =>
  promise.then(
    () => 'ok',
    (error: unknown) => (error instanceof CroiseeError ? error.code : `unexpected: ${String(error)}`),
  );

describe('the proposal service', () => {
  let world: BoardWorld;
  beforeEach(async () => {
    world = await boardWorld();
  });
  afterEach(() => world.close());

  it('creates a proposal from a card: the card’s text becomes the body and its first words the title', async () => {
    const alice = await world.join('concerned');
    const column = await world.column(1);
    const text = 'Associer les personnes accompagnées à chaque comité de pilotage\nAvec une indemnisation du temps passé';
    const { cardId } = await world.services.board.addCard(alice, { columnId: column, text, signed: false });
    const proposal = await world.services.proposals.create(alice, { fromCardId: cardId });
    expect(proposal).toMatchObject({ title: 'Associer les personnes accompagnées à chaque comité de pilotage', status: 'draft', fromCardId: cardId, supports: 0, writable: true });
    const [record] = await world.services.proposals.texts(world.workshop.id);
    expect(record!.markdown).toBe('Associer les personnes accompagnées à chaque comité de pilotage\n\nAvec une indemnisation du temps passé');
  });

  it('creates a proposal from scratch with an empty body, and reads what was co-written as Markdown', async () => {
    const proposal = await world.services.proposals.create(world.facilitator, { title: 'Former ensemble' });
    const doc = world.documents.doc(proposalDocName(world.workshop.id, proposal.id));
    const paragraph = new Y.XmlElement('paragraph');
    paragraph.insert(0, [new Y.XmlText('Des formations ')]);
    doc.getXmlFragment(PROPOSAL_BODY).insert(0, [paragraph]);
    (paragraph.get(0) as Y.XmlText).insert(15, 'communes', { bold: {} });
    const [record] = await world.services.proposals.texts(world.workshop.id);
    expect(record).toMatchObject({ title: 'Former ensemble', markdown: 'Des formations **communes**', plainText: 'Des formations communes' });
  });

  it('counts one support per participant, however many times it is sent, and shows standpoints to the facilitator only', async () => {
    const proposal = await world.services.proposals.create(world.facilitator, { title: 'Un référent unique' });
    const people = await Promise.all(['concerned', 'concerned', 'concerned', 'student'].map((s) => world.join(s)));
    await Promise.all(people.flatMap((p) => [1, 2, 3, 4, 5].map(() => world.services.proposals.support(p, proposal.id))));
    const [facilitatorView] = await world.services.proposals.list(world.workshop.id, 'facilitator');
    const [participantView] = await world.services.proposals.list(world.workshop.id, 'participant');
    expect(facilitatorView!.supports).toBe(4);
    expect(facilitatorView!.supportsByStandpoint).toEqual([{ key: '_others', count: 4, mergedKeys: ['concerned', 'student'] }]);
    expect(participantView!.supports).toBe(4);
    expect(participantView!.supportsByStandpoint).toBeUndefined();
    expect(await world.services.proposals.mySupports(world.workshop.id, people[0]!.participantId)).toEqual({ proposalIds: [proposal.id] });
    await world.services.proposals.unsupport(people[0]!, proposal.id);
    expect((await world.services.proposals.list(world.workshop.id, 'projection'))[0]!.supports).toBe(3);
  });

  it('puts a proposal to a vote as a « Pour / Contre / Abstention » poll in the agenda, then records the decision', async () => {
    const proposal = await world.services.proposals.create(world.facilitator, { title: 'Revaloriser les salaires' });
    const { proposal: voting, pollItemId } = await world.services.proposals.putToVote(world.workshop.id, proposal.id, true);
    expect(voting).toMatchObject({ status: 'voting', pollItemId, writable: false });
    const agenda = await world.services.agenda.list(world.workshop.id);
    const poll = agenda.items.find((item) => item.id === pollItemId);
    expect(poll).toMatchObject({ kind: 'poll', state: 'open', poll: { kind: 'single', question: 'Proposition : Revaloriser les salaires' } });
    expect(poll?.kind === 'poll' && poll.poll.choices.map((c) => c.label)).toEqual(['Pour', 'Contre', 'Abstention']);

    expect(await codeOf(world.services.proposals.putToVote(world.workshop.id, proposal.id, false))).toBe('invalid_transition');
    const adopted = await world.services.proposals.decide(world.workshop.id, proposal.id, 'adopted');
    expect(adopted.status).toBe('adopted');
    const alice = await world.join(null);
    expect(await codeOf(world.services.proposals.support(alice, proposal.id))).toBe('proposal_decided');
    expect(await codeOf(world.services.proposals.retitle(alice, proposal.id, 'Autre'))).toBe('proposal_decided');
    const reopened = await world.services.proposals.decide(world.workshop.id, proposal.id, 'draft');
    expect(reopened).toMatchObject({ status: 'draft', writable: true });
  });

  it('refuses to open the vote while another activity is open, and creates nothing then', async () => {
    const first = await world.services.proposals.create(world.facilitator, { title: 'Première' });
    const second = await world.services.proposals.create(world.facilitator, { title: 'Seconde' });
    await world.services.proposals.putToVote(world.workshop.id, first.id, true);
    expect(await codeOf(world.services.proposals.putToVote(world.workshop.id, second.id, true))).toBe('conflict');
    expect((await world.services.agenda.list(world.workshop.id)).items).toHaveLength(1);
    expect((await world.services.proposals.require(world.workshop.id, second.id)).status).toBe('draft');
  });

  it('a locked proposal cannot be retitled and is not writable; a deleted one is gone', async () => {
    const alice = await world.join(null);
    const proposal = await world.services.proposals.create(alice, { title: 'Brouillon' });
    const locked = await world.services.proposals.setLocked(world.workshop.id, proposal.id, true);
    expect(locked).toMatchObject({ locked: true, writable: false });
    expect(await codeOf(world.services.proposals.retitle(alice, proposal.id, 'Nouveau titre'))).toBe('proposal_locked');
    await world.services.proposals.remove(world.workshop.id, proposal.id);
    expect(await world.services.proposals.list(world.workshop.id, 'facilitator')).toEqual([]);
    expect(await codeOf(world.services.proposals.support(alice, proposal.id))).toBe('proposal_not_found');
  });

  it('the projection never writes a proposal', async () => {
    await world.services.proposals.create(world.facilitator, { title: 'À l’écran' });
    const [shown] = await world.services.proposals.list(world.workshop.id, 'projection');
    expect(shown!.writable).toBe(false);
  });
});
