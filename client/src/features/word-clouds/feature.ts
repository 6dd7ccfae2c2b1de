import { defineFeature } from '../registry';
import WordCloudParticipant from './WordCloudParticipant.svelte';
import WordCloudProjection from './WordCloudProjection.svelte';
import { wordCloudsOf } from './word-cloud-state.svelte';

/** Word clouds: entries from phones and a stable cloud on the projection; prepared and run from the agenda section. */
export const wordCloudsFeature = defineFeature({
  id: 'word-clouds',
  create: wordCloudsOf,
  participant: WordCloudParticipant,
  projection: WordCloudProjection,
});
