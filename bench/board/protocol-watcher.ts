import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import WebSocket from 'ws';
import { providerParams, yjsServerUrl } from '../../shared/board-doc';

/** A keystroke's marker in the text: its send time in ms after the run's epoch and its writer, e.g. `~1234.5:98765~`. */
export const MARKER = /~(\d+\.\d):\d+~/g;

const MESSAGE_SYNC = 0;
const SYNC_STEP_1 = 0;
const EMPTY_STATE_VECTOR = new Uint8Array([0]);
const EMPTY_UPDATE = new Uint8Array([0, 0]);

function syncMessage(step: number, payload: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_SYNC);
  encoding.writeVarUint(encoder, step);
  encoding.writeVarUint8Array(encoder, payload);
  return encoding.toUint8Array(encoder);
}

/**
 * A watcher at the protocol level: asks for the document (sync step 1 with an empty state vector),
 * answers the server's own step 1 with an empty update, then reads the markers out of every update it
 * receives (their strings are stored as UTF-8 in the update). It never integrates anything, so it
 * measures when the server's frame arrives, not how long a Y.Doc takes to apply it.
 */
export function protocolWatcher(url: string, docName: string, token: string, onMarker: (marker: string, arrivedAt: number) => void): Promise<WebSocket> {
  const query = new URLSearchParams(providerParams({ role: 'participant', token })).toString();
  const ws = new WebSocket(`${yjsServerUrl(url)}/${docName}?${query}`);
  ws.binaryType = 'nodebuffer';
  return new Promise((resolve, reject) => {
    ws.once('error', reject);
    ws.on('message', (data: Buffer) => {
      const arrivedAt = performance.timeOrigin + performance.now();
      const decoder = decoding.createDecoder(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
      if (decoding.readVarUint(decoder) !== MESSAGE_SYNC) return;
      const step = decoding.readVarUint(decoder);
      if (step === SYNC_STEP_1) {
        ws.send(syncMessage(1, EMPTY_UPDATE));
        resolve(ws);
        return;
      }
      for (const match of data.toString('latin1').matchAll(MARKER)) onMarker(match[0], arrivedAt);
    });
    ws.once('open', () => ws.send(syncMessage(SYNC_STEP_1, EMPTY_STATE_VECTOR)));
  });
}
