import { defineFeature } from '../registry';
import FacilitatorSpeaking from './FacilitatorSpeaking.svelte';
import ParticipantSpeaking from './ParticipantSpeaking.svelte';
import ProjectionSpeaking from './ProjectionSpeaking.svelte';
import { SpeakingQueueState } from './speaking-queue-state.svelte';

/**
 * Speaking turns (tours de parole) and written contributions: available all workshop long, so they sit
 * in the permanent panels of the participant screen and the projection, and in a console section.
 */
export const speakingQueueFeature = defineFeature({
  id: 'speaking-queue',
  create: (connection) => new SpeakingQueueState(connection),
  participantPanel: ParticipantSpeaking,
  projectionPanel: ProjectionSpeaking,
  facilitator: { label: 'speaking.section', component: FacilitatorSpeaking },
});
