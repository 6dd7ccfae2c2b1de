import type { Component } from 'svelte';
import type { MessageKey } from '../lib/i18n/fr';
import type { FacilitatorConsole } from '../lib/live/facilitator-console.svelte';
import type { LiveConnection } from '../lib/live/live-connection.svelte';
import type { ParticipantSession } from '../lib/live/participant-session.svelte';
import type { ProjectionView } from '../lib/live/projection-view.svelte';
import { agendaFeature } from './agenda/feature';
import { boardFeature } from './board/feature';
import { pollsFeature } from './polls/feature';
import { recordsFeature } from './records/feature';
import { speakingQueueFeature } from './speaking-queue';
import { wordCloudsFeature } from './word-clouds/feature';

/**
 * A live feature's state on one connection (a poll, the word cloud, the speaking queue…), usually a
 * `.svelte.ts` class holding `$state` and subscribing to its events through `connection.on`.
 */
export interface FeatureState {
  /** True while this feature holds the workshop's current activity: phones and the projection show it. */
  readonly current: boolean;
  /** True while the feature's permanent projection panel has something to show (see `projectionPanel`). */
  readonly onStage?: boolean;
  /** Stops listening; called when the page lets go of the connection. */
  dispose?(): void;
}

/**
 * What a feature plugs into the three live views. A feature lives in `client/src/features/<feature>/`
 * and is listed in `features` below; every live connection (participant, facilitator, projection)
 * then creates its state, and the views render its components in their slots:
 * - `participant`: the participant screen's "current activity" slot, while `state.current`;
 * - `projection`: the projection's activity slot, while `state.current`;
 * - `facilitator`: a section (tab) of the facilitator console, always available;
 * - `participantPanel`: below the current activity on phones, all the time the workshop is live;
 * - `projectionPanel`: beside the current activity on the projection, while `state.onStage`.
 */
export interface LiveFeature<S extends FeatureState = FeatureState> {
  id: string;
  create(connection: LiveConnection): S;
  participant?: Component<{ state: S; session: ParticipantSession }>;
  projection?: Component<{ state: S; view: ProjectionView }>;
  facilitator?: { label: MessageKey; component: Component<{ state: S; console: FacilitatorConsole }> };
  participantPanel?: Component<{ state: S; session: ParticipantSession }>;
  projectionPanel?: Component<{ state: S; view: ProjectionView }>;
}

/** A feature and its state on one connection. */
export interface AttachedFeature {
  feature: LiveFeature;
  state: FeatureState;
}

/** Checks a feature's parts against each other, then files it with the others (whose state types differ). */
export function defineFeature<S extends FeatureState>(feature: LiveFeature<S>): LiveFeature {
  return feature as unknown as LiveFeature;
}

/** The live features of the app, in the order their facilitator sections appear. */
export const features: readonly LiveFeature[] = [agendaFeature, pollsFeature, wordCloudsFeature, speakingQueueFeature, boardFeature, recordsFeature];
