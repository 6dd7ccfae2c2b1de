/**
 * The limits the server puts on polls and word clouds (shared/schemas/polls.ts, word-clouds.ts),
 * repeated here so that the phone's bundle does not carry the validation library those schemas are
 * written with. tests/browser/polls-word-clouds.test.ts checks that both stay equal.
 */
export const POLL_LIMITS = {
  question: 300,
  choices: 12,
  choice: 120,
  scaleMinPoints: 2,
  scaleMaxPoints: 10,
  scaleLabel: 60,
} as const;

export const WORD_CLOUD_LIMITS = {
  prompt: 300,
  entry: 40,
  defaultEntriesPerParticipant: 3,
  maxEntriesPerParticipant: 10,
} as const;
