import { defineFeature } from '../registry';
import PollParticipant from './PollParticipant.svelte';
import PollProjection from './PollProjection.svelte';
import { pollsOf } from './poll-state.svelte';

/** Polls: voting on phones and live bars on the projection; prepared and run from the agenda section. */
export const pollsFeature = defineFeature({
  id: 'polls',
  create: pollsOf,
  participant: PollParticipant,
  projection: PollProjection,
});
