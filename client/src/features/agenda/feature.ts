import { defineFeature } from '../registry';
import AgendaSection from './AgendaSection.svelte';
import { agendaOf } from './agenda-state.svelte';

/** The agenda (déroulé): the facilitator prepares and runs polls and word clouds from one console section. */
export const agendaFeature = defineFeature({
  id: 'agenda',
  create: agendaOf,
  facilitator: { label: 'agenda.section', component: AgendaSection },
});
