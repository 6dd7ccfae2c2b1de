import { CroiseeError } from '../../../../shared/errors';
import { YES_NO_CHOICES, type PollDefinition, type VoteInput } from '../../../../shared/schemas/polls';
import { OTHERS_STANDPOINT } from '../../../../shared/standpoints';
import type { PollItemView } from '../../../../shared/views-agenda';
import type { OwnBallotView, PollDefinitionView, PollResultsFrame, PollResultsView } from '../../../../shared/views-polls';
import type { EventBus } from '../../bus/event-bus';
import type { Store } from '../../store/ports';
import { itemBase, newDraftItem, resultsArePublic, type ActivityKind } from '../agenda/agenda-service';
import type { AgendaItemRecord } from '../agenda/agenda-store';
import type { Clock } from '../clock';
import { applyPrivacyThreshold, DEFAULT_PRIVACY_THRESHOLD, OTHERS_KEY, standpointGroupKey, UNDISCLOSED_KEY } from '../privacy/privacy-threshold';
import type { WorkshopService } from '../workshops/workshop-service';
import type { PollAggregates, PollRecord } from './poll-store';
import { tallyPoll } from './tally';

/** A participant casting a ballot: who they are is known to the server only. */
export interface Voter {
  workshopId: string;
  participantId: string;
  standpoint: string | null;
}

/** Who receives a results frame: the facilitator sees results live, always; the others as the item allows. */
export type ResultsAudience = 'facilitator' | 'public';

/** The options of a poll, in order: what a ballot's indexes point at. */
export function pollOptions(definition: PollDefinition): Array<{ id: string; label: string }> {
  const labels =
    definition.kind === 'yes_no'
      ? [...YES_NO_CHOICES]
      : definition.kind === 'scale'
        ? Array.from({ length: definition.scale.points }, (_, i) => String(i + 1))
        : definition.choices;
  return labels.map((label, i) => ({ id: String(i), label }));
}

function definitionView(definition: PollDefinition): PollDefinitionView {
  return {
    kind: definition.kind,
    question: definition.question,
    choices: pollOptions(definition),
    maxChoices: definition.kind === 'multiple' ? definition.maxChoices : 1,
    scale: definition.kind === 'scale' ? definition.scale : null,
    results: definition.results,
  };
}

/** Names what is wrong with a ballot for this poll, or null when it is well-formed. */
function ballotProblem(definition: PollDefinition, choices: readonly number[]): string | null {
  const options = pollOptions(definition).length;
  if (choices.some((c) => c >= options)) return `choix inconnu : ce sondage a ${options} choix`;
  const max = definition.kind === 'multiple' ? definition.maxChoices : 1;
  if (choices.length > max) return max === 1 ? 'un seul choix possible' : `au plus ${max} choix`;
  return null;
}

/**
 * Live polls ("sondages"): prepared in the agenda, one ballot per present participant, changeable while
 * open, counted in the store; secret once closed. Results are aggregates, broken down by standpoint
 * through the privacy threshold.
 */
export class PollService implements ActivityKind {
  constructor(
    private readonly store: Store,
    private readonly bus: EventBus,
    private readonly clock: Clock,
    private readonly workshops: WorkshopService,
    private readonly threshold: number = DEFAULT_PRIVACY_THRESHOLD,
  ) {}

  /** Adds a poll at the end of the agenda, as a draft. */
  async create(workshopId: string, definition: PollDefinition): Promise<PollItemView> {
    const item = await newDraftItem(this.workshops, this.clock, workshopId, 'poll', definition.results);
    const poll = await this.store.polls.create(item, definition);
    this.bus.publish({ type: 'agenda.changed', workshopId, itemId: poll.item.id });
    return this.pollView(poll);
  }

  /** Replaces the definition of a draft poll. */
  async update(workshopId: string, itemId: string, definition: PollDefinition): Promise<PollItemView> {
    await this.require(workshopId, itemId);
    const poll = await this.store.polls.update(itemId, definition);
    if (!poll) throw new CroiseeError('invalid_transition', 'Un sondage ouvert ou fermé ne se modifie plus.');
    this.bus.publish({ type: 'agenda.changed', workshopId, itemId });
    return this.pollView(poll);
  }

  /**
   * Records the voter's ballot or changes it. Refused unless the poll is open, the workshop live and the
   * voter present. A ballot id already applied changes nothing and answers the ballot as it stands.
   */
  async vote(voter: Voter, input: VoteInput): Promise<OwnBallotView> {
    const poll = await this.require(voter.workshopId, input.itemId);
    const problem = ballotProblem(poll.definition, input.choices);
    if (problem) throw new CroiseeError('bad_request', `Vote invalide — ${problem}.`);
    const outcome = await this.store.polls.castBallot({
      pollId: input.itemId,
      workshopId: voter.workshopId,
      participantId: voter.participantId,
      standpoint: voter.standpoint,
      choices: [...input.choices].sort((a, b) => a - b),
      ballotId: input.ballotId,
    });
    switch (outcome.status) {
      case 'poll_not_open':
        throw new CroiseeError('activity_not_open', poll.item.state === 'closed' ? 'Ce sondage est fermé.' : 'Ce sondage n’est pas ouvert.');
      case 'workshop_not_live':
        throw new CroiseeError('workshop_not_live', 'L’atelier n’est pas en cours.');
      case 'not_present':
        throw new CroiseeError('not_present', 'Seules les personnes présentes votent : reconnectez-vous à l’atelier.');
      case 'recorded':
        this.bus.publish({ type: 'poll.ballots.changed', workshopId: voter.workshopId, itemId: input.itemId });
        return { itemId: input.itemId, ballot: outcome.ballot };
      case 'unchanged':
        return { itemId: input.itemId, ballot: outcome.ballot };
    }
  }

  /** The voter's own ballot while the poll is open (null once closed: the ballot no longer names anyone). */
  async ownBallot(voter: Voter, itemId: string): Promise<OwnBallotView> {
    await this.require(voter.workshopId, itemId);
    return { itemId, ballot: await this.store.polls.ownBallot(itemId, voter.participantId) };
  }

  /** A results frame for an audience: aggregates only; `results` null when hidden from it. */
  async resultsFrame(itemId: string, audience: ResultsAudience): Promise<PollResultsFrame | null> {
    return (await this.resultsFrames(itemId))?.[audience] ?? null;
  }

  /** The frames of both audiences from one read of the counts; null for a draft or unknown poll. */
  async resultsFrames(itemId: string): Promise<Record<ResultsAudience, PollResultsFrame> | null> {
    const poll = await this.store.polls.get(itemId);
    if (!poll || poll.item.state === 'draft') return null;
    const aggregates = await this.store.polls.aggregates(itemId);
    const ballots = aggregates.ballotsByStandpoint.reduce((sum, row) => sum + row.ballots, 0);
    const results = await this.tally(poll, aggregates);
    const frame = { itemId, state: poll.item.state, turnout: { ballots, present: aggregates.present } };
    return { facilitator: { ...frame, results }, public: { ...frame, results: resultsArePublic(poll.item) ? results : null } };
  }

  async closeItem(item: AgendaItemRecord, at: string): Promise<AgendaItemRecord | null> {
    return this.store.polls.close(item.id, at, (turnout) => {
      const groups = turnout.map((row) => ({ key: standpointGroupKey(row.standpoint), size: row.ballots, value: null }));
      const merged = applyPrivacyThreshold(groups, () => null, this.threshold).find((g) => g.key === OTHERS_KEY)?.mergedKeys ?? [];
      return merged.map((key) => (key === UNDISCLOSED_KEY ? null : key));
    });
  }

  async itemView(item: AgendaItemRecord): Promise<PollItemView> {
    const poll = await this.store.polls.get(item.id);
    if (!poll) throw new CroiseeError('not_found', 'Sondage introuvable.');
    return this.pollView(poll);
  }

  private pollView(poll: PollRecord): PollItemView {
    return { ...itemBase(poll.item), kind: 'poll', poll: definitionView(poll.definition) };
  }

  private async require(workshopId: string, itemId: string): Promise<PollRecord> {
    const poll = await this.store.polls.get(itemId);
    if (!poll || poll.item.workshopId !== workshopId) throw new CroiseeError('not_found', 'Sondage introuvable dans cet atelier.');
    return poll;
  }

  private async tally(poll: PollRecord, aggregates: PollAggregates): Promise<PollResultsView> {
    const workshop = await this.workshops.require(poll.item.workshopId);
    // A closed poll's small groups were stored merged under '_others': tally them under a plain key,
    // then give the group back its name and the standpoints it gathers.
    const settled = (standpoint: string | null) => (standpoint === OTHERS_STANDPOINT ? SETTLED_OTHERS : standpoint);
    const results = tallyPoll({
      kind: poll.definition.kind,
      choices: pollOptions(poll.definition),
      counts: aggregates.counts.map((row) => ({ standpoint: settled(row.standpoint), choiceId: String(row.choice), count: row.count })),
      ballotsByStandpoint: aggregates.ballotsByStandpoint.map((row) => ({ standpoint: settled(row.standpoint), ballots: row.ballots })),
      present: aggregates.present,
      threshold: this.threshold,
      standpointOrder: workshop.standpoints.map((s) => s.key),
    });
    const mergedAtClose = aggregates.mergedStandpoints.map(standpointGroupKey);
    const groups = results.byStandpoint.map((group) => {
      if (group.key === SETTLED_OTHERS) return { ...group, key: OTHERS_KEY, mergedKeys: mergedAtClose };
      if (group.key === OTHERS_KEY) return { ...group, mergedKeys: group.mergedKeys.flatMap((k) => (k === SETTLED_OTHERS ? mergedAtClose : [k])) };
      return group;
    });
    return { ...results, byStandpoint: [...groups.filter((g) => g.key !== OTHERS_KEY), ...groups.filter((g) => g.key === OTHERS_KEY)] };
  }
}

/** Stand-in key for the group stored merged at close, while it goes through the tally. */
const SETTLED_OTHERS = '_settled_others';
