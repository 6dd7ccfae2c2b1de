import type { CroiseeClient, CroiseeSocket } from '../../shared/client/croisee-client';
import type { OrganiserWorkshopView, WorkingGroupView } from '../../shared/views';
import { addCards, closeDocument, coWrite, openBoard, placeDots, voteOnProposal } from './drive-board';
import {
  ack,
  closeAndWaitForRecord,
  facilitate,
  joinAll,
  leave,
  runContributions,
  runPoll,
  runSpeakingTurns,
  runWordCloud,
  who,
  type Attendee,
} from './drive-workshop';
import { ReplayClock } from './replay-clock';
import { AGORA, CARDS, CONTRIBUTIONS, DOTS, GROUPS, NEXT_WORKSHOP, PEOPLE, PROPOSALS, TURN_TIMER_MINUTES, TURNS, WEBINAR, type GroupKey } from './webinar-scenario';

/** What the scenario leaves in the database, to print links to it. */
export interface PlayedScenario {
  groups: Record<GroupKey, WorkingGroupView>;
  agora: OrganiserWorkshopView;
  webinar: OrganiserWorkshopView;
  next: OrganiserWorkshopView;
}

/** A running server as the scenario needs it: an anonymous client and one with the organiser token. */
export interface ScenarioServer {
  url: string;
  client: CroiseeClient;
  organiser: CroiseeClient;
  /** Told each step as it is played. */
  log?: (step: string) => void;
}

const CURSOR_COLOURS = ['#9d174d', '#1d4ed8', '#166534'];

/** Creates the committee's three working groups. */
export async function createGroups(organiser: CroiseeClient): Promise<Record<GroupKey, WorkingGroupView>> {
  const groups = {} as Record<GroupKey, WorkingGroupView>;
  for (const key of Object.keys(GROUPS) as GroupKey[]) groups[key] = await organiser.createGroup(GROUPS[key]);
  return groups;
}

/** The Agora n°1: 27 present, the new governance and the working groups put to the vote, closed and pushed. */
export async function playAgora(server: ScenarioServer, group: WorkingGroupView, clock?: ReplayClock): Promise<OrganiserWorkshopView> {
  clock?.jumpTo(AGORA.startsAt);
  const workshop = await server.organiser.createWorkshop(group.id, { title: AGORA.title, date: AGORA.date });
  const facilitator = await facilitate(server.client, workshop);
  const governance = await ack(facilitator, 'poll:create', { poll: { kind: 'yes_no', question: AGORA.governance.question } });
  const groups = await ack(facilitator, 'poll:create', { poll: { kind: 'single', question: AGORA.groups.question, choices: [...AGORA.groups.choices] } });
  await ack(facilitator, 'workshop:open', {});
  const people = await joinAll(server.client, workshop.joinCode, AGORA.standpoints.map((standpoint) => ({ standpoint, pseudonym: null })), () => clock?.advance(20));
  const sockets = people.map((p) => p.socket);
  server.log?.(`${AGORA.title}: ${people.length} present`);
  clock?.advance(45 * 60);
  await runPoll(facilitator, governance.item.id, sockets, AGORA.governance.ballots);
  clock?.advance(30 * 60);
  await runPoll(facilitator, groups.item.id, sockets, AGORA.groups.ballots);
  clock?.advance(10 * 60);
  await closeAndWaitForRecord(server.organiser, facilitator, workshop.id);
  server.log?.(`${AGORA.title}: two votes, closed and pushed to the record`);
  leave([facilitator, ...sockets]);
  return workshop;
}

/** The board of the webinar: the cards of the committee's proposals, dots, and two co-written proposals. */
async function playBoard(server: ScenarioServer, workshop: OrganiserWorkshopView, facilitator: CroiseeSocket, people: Attendee[], clock?: ReplayClock): Promise<void> {
  const { provider, columns } = await openBoard(server.url, workshop.id, { role: 'facilitator', secret: workshop.facilitatorSecret });
  try {
    const cardIds = await addCards(
      columns,
      CARDS.map((card) => ({ author: who(people, card.by).socket, column: card.column, text: card.text, signed: card.signed })),
    );
    server.log?.(`board: ${cardIds.length} cards`);
    clock?.advance(10 * 60);
    await placeDots(DOTS.map((cards, index) => ({ voter: people[index]!.socket, cardIds: cards.map((card) => cardIds[card]!) })));
    clock?.advance(5 * 60);
    for (const proposal of PROPOSALS) {
      const author = who(people, proposal.passages[0]!.by);
      const created = await ack(author.socket, 'proposal:create', { title: proposal.title, fromCardId: cardIds[proposal.fromCard]! });
      await coWrite(
        server.url,
        created.proposal.docName,
        proposal.passages.map((passage, index) => ({
          credentials: { role: 'participant', token: who(people, passage.by).token },
          name: passage.by,
          color: CURSOR_COLOURS[index % CURSOR_COLOURS.length]!,
          blocks: passage.blocks,
        })),
      );
      clock?.advance(8 * 60);
      for (const supporter of proposal.supportedBy) await ack(who(people, supporter).socket, 'proposal:support', { proposalId: created.proposal.id });
      if (proposal.adoptedByVote) {
        const supporters = new Set(proposal.supportedBy);
        // Those who support it vote for; the others abstain, but for one who votes against.
        const ballots = people.map((p, index) => ({ voter: p.socket, choice: (p.pseudonym && supporters.has(p.pseudonym) ? 0 : index === people.length - 1 ? 1 : 2) as 0 | 1 | 2 }));
        await voteOnProposal(facilitator, created.proposal.id, ballots);
        await ack(facilitator, 'proposal:decide', { proposalId: created.proposal.id, status: 'adopted' });
      }
      server.log?.(`proposal « ${proposal.title} » co-written by ${proposal.passages.length}`);
      clock?.advance(2 * 60);
    }
  } finally {
    closeDocument(provider);
  }
}

/** The webinar of 28 November 2023, from opening to the pushed record with the facilitator's summary. */
export async function playWebinar(server: ScenarioServer, group: WorkingGroupView, clock?: ReplayClock): Promise<OrganiserWorkshopView> {
  clock?.jumpTo(WEBINAR.startsAt);
  const workshop = await server.organiser.createWorkshop(group.id, { title: WEBINAR.title, date: WEBINAR.date });
  const facilitator = await facilitate(server.client, workshop);
  const poll = await ack(facilitator, 'poll:create', { poll: { kind: 'yes_no', question: WEBINAR.poll } });
  const cloud = await ack(facilitator, 'word-cloud:create', { cloud: { prompt: WEBINAR.cloud, maxEntries: 3 } });
  await ack(facilitator, 'workshop:open', {});
  const people = await joinAll(server.client, workshop.joinCode, PEOPLE, () => clock?.advance(30));
  server.log?.(`webinar: ${people.length} present`);
  clock?.advance(50 * 60);

  await runSpeakingTurns(
    facilitator,
    TURNS.map((turn) => ({ socket: who(people, turn.by).socket, kind: turn.kind, seconds: turn.seconds })),
    TURN_TIMER_MINUTES,
    (seconds) => clock?.advance(seconds),
  );
  await runContributions(
    facilitator,
    CONTRIBUTIONS.map((c) => ({ author: who(people, c.by).socket, kind: c.kind, text: c.text, supporters: c.supportedBy.map((s) => who(people, s).socket) })),
  );
  server.log?.(`webinar: ${TURNS.length} speaking turns, ${CONTRIBUTIONS.length} written contributions`);
  clock?.advance(5 * 60);
  await playBoard(server, workshop, facilitator, people, clock);

  await runPoll(facilitator, poll.item.id, people.map((p) => p.socket), PEOPLE.map((p) => (p.answer === 'yes' ? 0 : 1)));
  clock?.advance(2 * 60);
  await runWordCloud(facilitator, cloud.item.id, people.map((p, index) => ({ socket: p.socket, words: PEOPLE[index]!.words })));
  server.log?.('webinar: the closing poll and word cloud');
  clock?.advance(3 * 60);
  await closeAndWaitForRecord(server.organiser, facilitator, workshop.id);
  server.log?.('webinar: closed and pushed to the record');
  leave([facilitator, ...people.map((p) => p.socket)]);
  clock?.advance(60 * 60);
  await server.organiser.pushRecord(workshop.id, { summary: WEBINAR.summary });
  return workshop;
}

/** A workshop left in preparation, with its agenda ready, for a newcomer to run. */
export async function prepareNextWorkshop(server: ScenarioServer, group: WorkingGroupView, date: string): Promise<OrganiserWorkshopView> {
  const workshop = await server.organiser.createWorkshop(group.id, { title: NEXT_WORKSHOP.title, date });
  const facilitator = await facilitate(server.client, workshop);
  await ack(facilitator, 'poll:create', { poll: { kind: 'scale', question: NEXT_WORKSHOP.scale.question, scale: { points: NEXT_WORKSHOP.scale.points, minLabel: NEXT_WORKSHOP.scale.minLabel, maxLabel: NEXT_WORKSHOP.scale.maxLabel } } });
  await ack(facilitator, 'word-cloud:create', { cloud: { prompt: NEXT_WORKSHOP.cloud, maxEntries: 3 } });
  leave([facilitator]);
  return workshop;
}

/** The whole scenario: the groups, the Agora, the webinar, and a workshop to try. */
export async function playScenario(server: ScenarioServer, clock?: ReplayClock): Promise<PlayedScenario> {
  const groups = await createGroups(server.organiser);
  const agora = await playAgora(server, groups[AGORA.group], clock);
  const webinar = await playWebinar(server, groups[WEBINAR.group], clock);
  clock?.jumpTo(new Date());
  const next = await prepareNextWorkshop(server, groups[NEXT_WORKSHOP.group], new Date().toLocaleDateString('sv-SE'));
  return { groups, agora, webinar, next };
}
