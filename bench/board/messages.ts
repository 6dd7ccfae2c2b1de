/** Messages between `npm run bench:board`'s coordinator and its Yjs client processes. */

/** Coordinator → worker. */
export type ToWorker =
  /**
   * Opens one client per token on `docName`; `typists` of them will type. `provider`: a real
   * y-websocket provider with its own Y.Doc; `protocol`: a client that speaks the protocol (sync
   * handshake) and reads the updates it receives without integrating them, so that 200 watchers
   * cost the machine little and what is measured is the server's fan-out.
   */
  | { type: 'connect'; url: string; docName: string; tokens: string[]; typists: number; epoch: number; kind: 'provider' | 'protocol' }
  /** Typists type `rate` keystrokes a second for `durationMs`; everyone records what arrives. */
  | { type: 'type'; durationMs: number; rate: number }
  /** Send what was measured. */
  | { type: 'report' }
  | { type: 'stop' };

/** What one worker measured. Times are ms on the machine's clock, comparable across processes. */
export interface TypingReport {
  type: 'report';
  /** Edit propagation delays: from a keystroke in one client to its arrival in each other client of this worker. */
  latencies: number[];
  keystrokes: number;
  /** Keystrokes of others each client of this worker received (sum), to check nothing was lost. */
  received: number;
  /** Size of the whole document as one update, as a client of this worker holds it. */
  docBytes: number;
  cpuMs: number;
  wallMs: number;
  failures: string[];
}

/** Worker → coordinator. */
export type FromWorker = { type: 'ready'; connected: number; failures: string[] } | TypingReport;
