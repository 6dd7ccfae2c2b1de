/**
 * One load-generator process of `npm run bench:polls`: joins its share of participants by code (HTTP),
 * connects each with socket.io-client over websocket, then votes when told to, timing every ack.
 */
import { CroiseeClient, request, type CroiseeSocket } from '../../shared/client/croisee-client';
import type { PollResultsFrame } from '../../shared/views-polls';
import type { FromWorker, ToWorker, VoteReport } from './messages';

const send = (message: FromWorker) => process.send!(message);
const sockets: CroiseeSocket[] = [];
const sampled: number[][] = [];
let first = 0;

/** Runs `task` over `items` with at most `limit` in flight. */
async function inBatches<T>(items: T[], limit: number, task: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) await task(items[next++]!);
    }),
  );
}

async function join(message: Extract<ToWorker, { type: 'join' }>): Promise<void> {
  first = message.first;
  const client = new CroiseeClient(message.url);
  const failures: string[] = [];
  const indexes = Array.from({ length: message.count }, (_, i) => message.first + i);
  await inBatches(indexes, 25, async (index) => {
    try {
      const standpoint = message.standpoints[index % message.standpoints.length] ?? null;
      const joined = await client.join({ code: message.code, standpoint: standpoint === '' ? null : standpoint });
      const socket = client.connect({ role: 'participant', token: joined.participantToken }, { transports: ['websocket'] });
      await new Promise<void>((resolve, reject) => {
        // A busy machine may take long to admit thousands; socket.io-client keeps retrying meanwhile.
        const timer = setTimeout(() => reject(new Error('no session within 5 minutes')), 300_000);
        socket.once('session', () => {
          clearTimeout(timer);
          resolve();
        });
      });
      const slot = sockets.push(socket) - 1;
      if (slot < message.sampleSize) {
        const frames: number[] = [];
        sampled.push(frames);
        socket.on('poll:results', (_frame: PollResultsFrame) => frames.push(Date.now()));
      }
    } catch (error) {
      failures.push(String(error));
    }
  });
  send({ type: 'ready', joined: sockets.length, failures: failures.slice(0, 5) });
}

async function vote(message: Extract<ToWorker, { type: 'vote' }>): Promise<void> {
  const latencies: number[] = [];
  const failures: VoteReport['failures'] = [];
  const finalChoice: number[] = [];
  let votesSent = 0;
  let lastAckAt = 0;
  let firstSendAt = Number.POSITIVE_INFINITY;
  let ids = 0;
  const cpuAtStart = process.cpuUsage();
  const wallAtStart = Date.now();

  const cast = async (slot: number, choice: number): Promise<void> => {
    const ballotId = `b${process.pid}x${++ids}x${Math.random().toString(36).slice(2, 10)}`;
    votesSent += 1;
    const sentAt = Date.now();
    firstSendAt = Math.min(firstSendAt, sentAt);
    const t0 = performance.now();
    const ack = await request(sockets[slot]!, 'poll:vote', { itemId: message.itemId, ballotId, choices: [choice] }, 30_000);
    latencies.push(performance.now() - t0);
    lastAckAt = Math.max(lastAckAt, Date.now());
    if (ack.ok) finalChoice[slot] = choice;
    else failures.push({ code: ack.code, message: ack.message });
  };

  await Promise.all(
    sockets.map(async (_socket, slot) => {
      const index = first + slot;
      await new Promise((r) => setTimeout(r, Math.random() * message.spreadMs));
      await cast(slot, index % message.choices);
      // Some change their mind once, a little later.
      if (index % message.changeEvery === 0) {
        await new Promise((r) => setTimeout(r, Math.random() * message.changeSpreadMs));
        await cast(slot, (index + 1) % message.choices);
      }
    }),
  );
  const used = process.cpuUsage(cpuAtStart);
  const cpuMs = (used.user + used.system) / 1000;
  const wallMs = Date.now() - wallAtStart;
  const finalCounts = Array.from({ length: message.choices }, () => 0);
  for (const choice of finalChoice) if (choice !== undefined) finalCounts[choice]! += 1;
  // Frames keep coming for a moment after the last ack: the coordinator reads them when it stops us.
  await new Promise((r) => setTimeout(r, 2_500));
  send({ type: 'voted', latencies, finalCounts, votesSent, failures: failures.slice(0, 20), lastAckAt, firstSendAt, sampledFrames: sampled, cpuMs, wallMs });
}

// The coordinator is gone (it failed or was stopped): so is the point of this process.
process.on('disconnect', () => process.exit(0));

process.on('message', (message: ToWorker) => {
  if (message.type === 'join') void join(message);
  else if (message.type === 'vote') void vote(message);
  else {
    for (const socket of sockets) socket.disconnect();
    setTimeout(() => process.exit(0), 200);
  }
});
