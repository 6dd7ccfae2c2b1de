/**
 * Size limits of what clients send, in one module without the validation library: the schemas
 * (shared/schemas/) enforce them on the server, and the client's forms show them (counters, maxlength)
 * without carrying the schemas into a phone's download.
 */

/** Limits of a poll definition; the server refuses anything beyond them with `bad_request`. */
export const POLL_LIMITS = {
  question: 300,
  choices: 12,
  choice: 120,
  scaleMinPoints: 2,
  scaleMaxPoints: 10,
  scaleLabel: 60,
} as const;

/** Limits of a word cloud; the server refuses anything beyond them with `bad_request`. */
export const WORD_CLOUD_LIMITS = {
  prompt: 300,
  entry: 40,
  defaultEntriesPerParticipant: 3,
  maxEntriesPerParticipant: 10,
} as const;

/** Limits of the speaking queue and written contributions; the server refuses anything beyond them. */
export const SPEAKING_QUEUE_LIMITS = {
  /** Characters of one written contribution. */
  contributionText: 500,
  /** Written contributions one participant may send in one workshop. */
  contributionsPerParticipant: 20,
  timerMinSeconds: 10,
  timerMaxSeconds: 900,
} as const;

/** Limits of what a push, a withdrawal or a webhook carries; the server refuses anything beyond them. */
export const RECORD_LIMITS = {
  /** Characters of the facilitator's summary. */
  summary: 8000,
  /** Characters of the reason given when withdrawing a version. */
  withdrawReason: 500,
  /** Characters of a webhook URL. */
  webhookUrl: 2000,
} as const;
