/** Messages between the benchmark's coordinator and its load-generator processes. */

/** Coordinator → worker. */
export type ToWorker =
  | { type: 'join'; url: string; code: string; first: number; count: number; standpoints: string[]; sampleSize: number }
  | { type: 'vote'; itemId: string; choices: number; spreadMs: number; changeEvery: number; changeSpreadMs: number }
  | { type: 'stop' };

/** What one worker measured while voting. Times are epoch milliseconds (comparable across processes). */
export interface VoteReport {
  type: 'voted';
  /** Ack latencies in ms, one per vote sent (first votes and changes). */
  latencies: number[];
  /** Ballots per option as this worker's participants left them (their last acknowledged choice). */
  finalCounts: number[];
  votesSent: number;
  failures: Array<{ code: string; message: string }>;
  lastAckAt: number;
  firstSendAt: number;
  /** `poll:results` frames received by each sampled participant, with the time of each. */
  sampledFrames: number[][];
  /** CPU time this load generator used from the vote order to its last ack, and that wall time. */
  cpuMs: number;
  wallMs: number;
}

/** Worker → coordinator. */
export type FromWorker = { type: 'ready'; joined: number; failures: string[] } | VoteReport;
