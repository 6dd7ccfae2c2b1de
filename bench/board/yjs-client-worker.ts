/**
 * One load-generator process of `npm run bench:board`: opens real y-websocket providers on a proposal
 * (or protocol-level watchers, see protocol-watcher.ts) and, for the typists among them, types into
 * their own paragraph (with a moving cursor in awareness, as the editor does). Each keystroke inserts
 * a marker holding its send time, so every client can measure how long each edit of the others took
 * to reach it.
 */
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { PROPOSAL_BODY, providerParams, yjsServerUrl } from '../../shared/board-doc';
import type { FromWorker, ToWorker } from './messages';
import { MARKER, protocolWatcher } from './protocol-watcher';

const send = (message: FromWorker) => process.send!(message);
// Each provider listens for the process's exit: a hundred of them are expected here.
process.setMaxListeners(0);
const now = () => performance.timeOrigin + performance.now();

interface Client {
  provider: WebsocketProvider;
  own: Y.XmlText | null;
}

const clients: Client[] = [];
const watchers: WebSocket[] = [];
const latencies: number[] = [];
const failures: string[] = [];
let epoch = 0;
let keystrokes = 0;
let received = 0;
let cpuStart = process.cpuUsage();
let wallStart = Date.now();

function synced(provider: WebsocketProvider, timeoutMs: number): Promise<void> {
  if (provider.synced) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('provider did not sync')), timeoutMs);
    provider.on('sync', (isSynced: boolean) => {
      if (!isSynced) return;
      clearTimeout(timer);
      resolve();
    });
  });
}

/** Records the delay of every marker another client inserted, when it arrives here. */
function measure(doc: Y.Doc): void {
  const seen = new Set<string>();
  doc.getXmlFragment(PROPOSAL_BODY).observeDeep((events, transaction) => {
    if (transaction.local) return;
    const arrivedAt = now();
    for (const event of events) {
      if (!(event.target instanceof Y.XmlText)) continue;
      for (const op of event.delta) {
        if (typeof op.insert !== 'string') continue;
        for (const match of op.insert.matchAll(MARKER)) arrived(seen, match[0], arrivedAt);
      }
    }
  });
}

/** Counts a marker once per client, and its delay. */
function arrived(seen: Set<string>, marker: string, arrivedAt: number): void {
  if (seen.has(marker)) return;
  seen.add(marker);
  latencies.push(arrivedAt - (epoch + Number(marker.slice(1, marker.indexOf(':')))));
  received++;
}

async function connect(message: Extract<ToWorker, { type: 'connect' }>): Promise<void> {
  epoch = message.epoch;
  if (message.kind === 'protocol') {
    await Promise.all(
      message.tokens.map(async (token) => {
        const seen = new Set<string>();
        try {
          watchers.push(await protocolWatcher(message.url, message.docName, token, (marker, at) => arrived(seen, marker, at)));
        } catch (error) {
          failures.push(String(error));
        }
      }),
    );
    send({ type: 'ready', connected: watchers.length, failures: failures.slice(0, 5) });
    return;
  }
  await Promise.all(
    message.tokens.map(async (token, i) => {
      try {
        const provider = new WebsocketProvider(yjsServerUrl(message.url), message.docName, new Y.Doc(), {
          params: providerParams({ role: 'participant', token }),
          WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
          disableBc: true,
        });
        // Idle clients publish no awareness (the editor sets it when someone starts typing).
        provider.awareness.setLocalState(null);
        await synced(provider, 60_000);
        const client: Client = { provider, own: null };
        if (i < message.typists) {
          const paragraph = new Y.XmlElement('paragraph');
          client.own = new Y.XmlText();
          paragraph.insert(0, [client.own]);
          const body = provider.doc.getXmlFragment(PROPOSAL_BODY);
          body.insert(body.length, [paragraph]);
          provider.awareness.setLocalStateField('user', { name: `Participant·e ${i}`, color: '#1f6feb' });
        }
        measure(provider.doc);
        clients.push(client);
      } catch (error) {
        failures.push(String(error));
      }
    }),
  );
  send({ type: 'ready', connected: clients.length, failures: failures.slice(0, 5) });
}

function type(message: Extract<ToWorker, { type: 'type' }>): void {
  cpuStart = process.cpuUsage();
  wallStart = Date.now();
  const interval = 1000 / message.rate;
  for (const client of clients) {
    const own = client.own;
    if (!own) continue;
    const stopAt = Date.now() + message.durationMs;
    const tick = () => {
      if (Date.now() >= stopAt) return;
      own.insert(own.length, `~${(now() - epoch).toFixed(1)}:${own.doc!.clientID}~ `);
      client.provider.awareness.setLocalStateField('cursor', { index: own.length });
      keystrokes++;
      // Human typing is irregular: ±50 % around the mean interval.
      setTimeout(tick, interval * (0.5 + Math.random()));
    };
    setTimeout(tick, Math.random() * interval);
  }
}

process.on('message', (message: ToWorker) => {
  if (message.type === 'connect') void connect(message);
  else if (message.type === 'type') type(message);
  else if (message.type === 'report') {
    const cpu = process.cpuUsage(cpuStart);
    const doc = clients[0]?.provider.doc;
    send({
      type: 'report',
      latencies,
      keystrokes,
      received,
      docBytes: doc ? Y.encodeStateAsUpdate(doc).length : 0,
      cpuMs: (cpu.user + cpu.system) / 1000,
      wallMs: Date.now() - wallStart,
      failures: failures.slice(0, 5),
    });
  } else if (message.type === 'stop') {
    for (const client of clients) client.provider.destroy();
    for (const ws of watchers) ws.close();
    setTimeout(() => process.exit(0), 200);
  }
});
