import { defineFeature } from '../registry';
import FacilitatorRecord from './FacilitatorRecord.svelte';
import { RecordPushState } from './record-push-state.svelte';

/** The working-group record, from the workshop's side: a console section to send the results with a summary. */
export const recordsFeature = defineFeature({
  id: 'records',
  create: (connection) => new RecordPushState(connection),
  facilitator: { label: 'records.section', component: FacilitatorRecord },
});
