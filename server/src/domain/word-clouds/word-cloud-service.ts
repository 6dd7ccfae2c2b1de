import { CroiseeError } from '../../../../shared/errors';
import type { AddEntryInput, WordCloudDefinition } from '../../../../shared/schemas/word-clouds';
import { OTHERS_STANDPOINT } from '../../../../shared/standpoints';
import type { WordCloudItemView } from '../../../../shared/views-agenda';
import type { OwnEntriesView, WordCloudResultsFrame, WordCloudResultsView } from '../../../../shared/views-word-clouds';
import type { EventBus } from '../../bus/event-bus';
import type { Store } from '../../store/ports';
import { itemBase, newDraftItem, resultsArePublic, type ActivityKind } from '../agenda/agenda-service';
import type { AgendaItemRecord } from '../agenda/agenda-store';
import type { Clock } from '../clock';
import { applyPrivacyThreshold, DEFAULT_PRIVACY_THRESHOLD, OTHERS_KEY, standpointGroupKey, UNDISCLOSED_KEY } from '../privacy/privacy-threshold';
import type { Voter } from '../polls/poll-service';
import type { WorkshopService } from '../workshops/workshop-service';
import { isBlocked } from './blocklist';
import { tallyCloud } from './cloud-tally';
import { normaliseEntry } from './normalise-entry';
import type { WordCloudAggregates, WordCloudRecord } from './word-cloud-store';

/** Who receives a results frame: the facilitator sees everything live, hidden words included. */
export type CloudAudience = 'facilitator' | 'public';

/** Stand-in key for the group stored merged at close, while it goes through the tally. */
const SETTLED_OTHERS = '_settled_others';

/**
 * Word clouds ("nuages de mots"): a prompt, up to k short entries per present participant, grouped by
 * their normalised form (`normalise-entry.ts`), blocklisted insults kept off the cloud, words the
 * facilitator hid kept off too. Results are grouped counts, by standpoint through the privacy threshold.
 */
export class WordCloudService implements ActivityKind {
  constructor(
    private readonly store: Store,
    private readonly bus: EventBus,
    private readonly clock: Clock,
    private readonly workshops: WorkshopService,
    private readonly threshold: number = DEFAULT_PRIVACY_THRESHOLD,
  ) {}

  /** Adds a word cloud at the end of the agenda, as a draft. */
  async create(workshopId: string, definition: WordCloudDefinition): Promise<WordCloudItemView> {
    const item = await newDraftItem(this.workshops, this.clock, workshopId, 'word_cloud', definition.results);
    const cloud = await this.store.wordClouds.create(item, definition);
    this.changed(workshopId, cloud.item.id, 'agenda.changed');
    return this.cloudView(cloud);
  }

  /** Replaces the definition of a draft word cloud. */
  async update(workshopId: string, itemId: string, definition: WordCloudDefinition): Promise<WordCloudItemView> {
    await this.require(workshopId, itemId);
    const cloud = await this.store.wordClouds.update(itemId, definition);
    if (!cloud) throw new CroiseeError('invalid_transition', 'Un nuage de mots ouvert ou fermé ne se modifie plus.');
    this.changed(workshopId, itemId, 'agenda.changed');
    return this.cloudView(cloud);
  }

  /**
   * Adds one entry. Refused unless the cloud is open, the workshop live and the participant present,
   * below their number of entries, and not the same word (once normalised) as one of theirs. An entry
   * id already stored changes nothing. A blocklisted entry is stored but never shown to others.
   */
  async addEntry(voter: Voter, input: AddEntryInput): Promise<OwnEntriesView> {
    const cloud = await this.require(voter.workshopId, input.itemId);
    const normalised = normaliseEntry(input.text);
    if (!normalised) throw new CroiseeError('bad_request', 'Entrée vide : écrivez au moins un mot.');
    const outcome = await this.store.wordClouds.addEntry({
      cloudId: input.itemId,
      workshopId: voter.workshopId,
      participantId: voter.participantId,
      standpoint: voter.standpoint,
      entryId: input.entryId,
      text: normalised.display,
      key: normalised.key,
      blocked: isBlocked(input.text),
      createdAt: this.clock.now().toISOString(),
    });
    switch (outcome.status) {
      case 'cloud_not_open':
        throw new CroiseeError('activity_not_open', cloud.item.state === 'closed' ? 'Ce nuage de mots est fermé.' : 'Ce nuage de mots n’est pas ouvert.');
      case 'workshop_not_live':
        throw new CroiseeError('workshop_not_live', 'L’atelier n’est pas en cours.');
      case 'not_present':
        throw new CroiseeError('not_present', 'Seules les personnes présentes participent : reconnectez-vous à l’atelier.');
      case 'limit_reached':
        throw new CroiseeError('entry_limit', `Vous avez déjà envoyé ${cloud.definition.maxEntries} mot(s) : retirez-en un pour en envoyer un autre.`);
      case 'same_key':
        throw new CroiseeError('duplicate_entry', 'Vous avez déjà envoyé ce mot.');
      case 'entry_id_taken':
        throw new CroiseeError('conflict', 'Identifiant d’entrée déjà utilisé : renvoyez avec un autre.');
      case 'added':
        this.changed(voter.workshopId, input.itemId, 'word-cloud.changed');
        return this.own(cloud, outcome.entries);
      case 'unchanged':
        return this.own(cloud, outcome.entries);
    }
  }

  /** Takes back one of the participant's own entries while the cloud is open. */
  async removeEntry(voter: Voter, itemId: string, entryId: string): Promise<OwnEntriesView> {
    const cloud = await this.require(voter.workshopId, itemId);
    const outcome = await this.store.wordClouds.removeEntry(itemId, voter.participantId, entryId);
    if (outcome.status === 'cloud_not_open') throw new CroiseeError('activity_not_open', 'Ce nuage de mots n’est pas ouvert.');
    if (outcome.status === 'removed') this.changed(voter.workshopId, itemId, 'word-cloud.changed');
    return this.own(cloud, outcome.entries);
  }

  /** The participant's own entries while the cloud is open (none once closed: entries no longer name anyone). */
  async ownEntries(voter: Voter, itemId: string): Promise<OwnEntriesView> {
    const cloud = await this.require(voter.workshopId, itemId);
    return this.own(cloud, await this.store.wordClouds.ownEntries(itemId, voter.participantId));
  }

  /** Facilitator: hides a word (by its key) from participants and projection, or shows it again, blocklisted or not. */
  async setHidden(workshopId: string, itemId: string, key: string, hidden: boolean): Promise<void> {
    await this.require(workshopId, itemId);
    await this.store.wordClouds.moderate(itemId, key, hidden);
    this.changed(workshopId, itemId, 'word-cloud.changed');
  }

  /** A results frame for an audience; `results` null when hidden from it. */
  async resultsFrame(itemId: string, audience: CloudAudience): Promise<WordCloudResultsFrame | null> {
    return (await this.resultsFrames(itemId))?.[audience] ?? null;
  }

  /** The frames of both audiences from one read and one grouping; null for a draft or unknown cloud. */
  async resultsFrames(itemId: string): Promise<Record<CloudAudience, WordCloudResultsFrame> | null> {
    const cloud = await this.store.wordClouds.get(itemId);
    if (!cloud || cloud.item.state === 'draft') return null;
    const aggregates = await this.store.wordClouds.aggregates(itemId);
    const contributors = aggregates.contributorsByStandpoint.reduce((sum, row) => sum + row.contributors, 0);
    const full = await this.tally(cloud, aggregates, contributors);
    const frame = { itemId, state: cloud.item.state, contributors };
    return {
      facilitator: { ...frame, results: full },
      // Hidden and blocklisted words are the facilitator's alone.
      public: { ...frame, results: resultsArePublic(cloud.item) ? { ...full, hidden: [], blocked: [], blockedCount: 0 } : null },
    };
  }

  async closeItem(item: AgendaItemRecord, at: string): Promise<AgendaItemRecord | null> {
    return this.store.wordClouds.close(item.id, at, (contributors) => {
      const groups = contributors.map((row) => ({ key: standpointGroupKey(row.standpoint), size: row.contributors, value: null }));
      const merged = applyPrivacyThreshold(groups, () => null, this.threshold).find((g) => g.key === OTHERS_KEY)?.mergedKeys ?? [];
      return merged.map((key) => (key === UNDISCLOSED_KEY ? null : key));
    });
  }

  async itemView(item: AgendaItemRecord): Promise<WordCloudItemView> {
    const cloud = await this.store.wordClouds.get(item.id);
    if (!cloud) throw new CroiseeError('not_found', 'Nuage de mots introuvable.');
    return this.cloudView(cloud);
  }

  private async tally(cloud: WordCloudRecord, aggregates: WordCloudAggregates, contributors: number): Promise<WordCloudResultsView> {
    const workshop = await this.workshops.require(cloud.item.workshopId);
    // Small groups stored merged at close go through the tally under a plain key, then get their name back.
    const settled = (standpoint: string | null) => (standpoint === OTHERS_STANDPOINT ? SETTLED_OTHERS : standpoint);
    const mergedAtClose = aggregates.mergedStandpoints.map(standpointGroupKey);
    const rename = <G extends { key: string; mergedKeys: string[] }>(groups: G[]): G[] => {
      const named = groups.map((group) => {
        if (group.key === SETTLED_OTHERS) return { ...group, key: OTHERS_KEY, mergedKeys: mergedAtClose };
        if (group.key === OTHERS_KEY) return { ...group, mergedKeys: group.mergedKeys.flatMap((k) => (k === SETTLED_OTHERS ? mergedAtClose : [k])) };
        return group;
      });
      return [...named.filter((g) => g.key !== OTHERS_KEY), ...named.filter((g) => g.key === OTHERS_KEY)];
    };
    const results = tallyCloud(
      aggregates.rows.map((row) => ({ ...row, standpoint: settled(row.standpoint) })),
      {
        hiddenKeys: new Set(aggregates.hiddenKeys),
        restoredKeys: new Set(aggregates.shownKeys),
        threshold: this.threshold,
        standpointOrder: workshop.standpoints.map((s) => s.key),
        contributorsByStandpoint: aggregates.contributorsByStandpoint.map((row) => ({ ...row, standpoint: settled(row.standpoint) })),
      },
    );
    return {
      entries: results.entries,
      contributors,
      words: results.words.map((word) => ({ ...word, byStandpoint: rename(word.byStandpoint) })),
      byStandpoint: rename(results.byStandpoint),
      hidden: results.hidden,
      blocked: results.blocked,
      blockedCount: results.blockedCount,
    };
  }

  private own(cloud: WordCloudRecord, entries: OwnEntriesView['entries']): OwnEntriesView {
    return { itemId: cloud.item.id, entries, maxEntries: cloud.definition.maxEntries };
  }

  private cloudView(cloud: WordCloudRecord): WordCloudItemView {
    return { ...itemBase(cloud.item), kind: 'word_cloud', cloud: { prompt: cloud.definition.prompt, maxEntries: cloud.definition.maxEntries } };
  }

  private async require(workshopId: string, itemId: string): Promise<WordCloudRecord> {
    const cloud = await this.store.wordClouds.get(itemId);
    if (!cloud || cloud.item.workshopId !== workshopId) throw new CroiseeError('not_found', 'Nuage de mots introuvable dans cet atelier.');
    return cloud;
  }

  private changed(workshopId: string, itemId: string, type: 'agenda.changed' | 'word-cloud.changed'): void {
    this.bus.publish({ type, workshopId, itemId });
  }
}
