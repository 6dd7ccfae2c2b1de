import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AGORA, CARDS, dotTotals, GROUPS, PEOPLE, PROPOSALS, TURNS, WEBINAR } from '../../scripts/demo/webinar-scenario';
import { ORGANISER_TOKEN, startTestServer, type TestServer } from '../helpers/server';

/** Runs `npm run demo`'s script in its own process; resolves with its exit code and output. */
function runDemo(env: Record<string, string>, args: string[] = []): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/demo/load-demo.ts', ...args], {
      env: { ...process.env, CROISEE_LOG_LEVEL: 'silent', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('exit', (code) => resolve({ code, output }));
  });
}

describe('npm run demo', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'croisee-demo-'));
  const dbFile = path.join(dir, 'demo.db');
  let first: { code: number | null; output: string };
  let server: TestServer;

  beforeAll(async () => {
    first = await runDemo({ CROISEE_DB: dbFile, PORT: '4321', CROISEE_ORGANISER_TOKEN: '' });
    // The same database, served as `npm start` would serve it, read through the organiser API.
    if (first.code === 0) server = await startTestServer({ dbFile });
  }, 120_000);

  afterAll(async () => {
    await server?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('fills a fresh database and prints the organiser URL with a generated token and how to start', () => {
    expect(first.code, first.output).toBe(0);
    const token = /Organiser token: (\S+)/.exec(first.output)?.[1];
    expect(token).toMatch(/^[A-Za-z0-9_-]{16,}$/);
    expect(first.output).toContain(`Organiser space: http://localhost:4321/organiser#${token}`);
    expect(first.output).toContain(`CROISEE_DB=${dbFile} PORT=4321 npm start`);
  });

  it('refuses a database that already holds working groups, and changes nothing in it', async () => {
    const again = await runDemo({ CROISEE_DB: dbFile, CROISEE_ORGANISER_TOKEN: ORGANISER_TOKEN });
    expect(again.code).toBe(1);
    expect(again.output).toContain('already holds 3 working group(s)');
    expect(again.output).toContain('--force');
    // Nothing was added.
    expect(await server.organiser.listGroups()).toHaveLength(3);
  }, 60_000);

  it('leaves the three working groups, the Agora and the webinar in the record, dated as they happened, and a workshop ready to run', async () => {
    const groups = await server.organiser.listGroups();
    expect(groups.map((g) => [g.name, g.purpose])).toEqual(Object.values(GROUPS).map((g) => [g.name, g.purpose]));
    const power = groups.find((g) => g.name === GROUPS.power.name)!;
    const participation = await server.organiser.participation(power.id);
    expect(participation.workshops.map((w) => [w.title, w.date, w.attendance.total])).toEqual([
      [AGORA.title, AGORA.date, AGORA.standpoints.length],
      [WEBINAR.title, WEBINAR.date, PEOPLE.length],
    ]);
    const record = await server.organiser.groupRecord(power.id);
    const webinar = record.entries.find((e) => e.title === WEBINAR.title)!;
    expect(webinar.versions.map((v) => v.pushedBy)).toEqual(['workshop_closed', 'organiser']);
    const entry = await server.organiser.recordEntry(webinar.workshopId, 2);
    expect(entry.workshop.openedAt?.slice(0, 10)).toBe(WEBINAR.date);
    expect(entry.summary).toBe(WEBINAR.summary);
    expect(entry.polls.find((p) => p.question === WEBINAR.poll)?.choices.map((c) => c.count)).toEqual([
      PEOPLE.filter((p) => p.answer === 'yes').length,
      PEOPLE.filter((p) => p.answer === 'no').length,
    ]);
    expect(entry.board!.columns.flatMap((c) => c.cards.map((card) => card.dots))).toEqual(dotTotals());
    expect(entry.board!.columns.flatMap((c) => c.cards.map((card) => card.text))).toEqual(CARDS.map((c) => c.text));
    expect(entry.proposals.map((p) => [p.title, p.status, p.supports.total])).toEqual(
      PROPOSALS.map((p) => [p.title, p.adoptedByVote ? 'adopted' : 'in_progress', p.supportedBy.length]),
    );
    // The co-authors' passages, in the order they wrote them, after the card's text.
    const cafe = entry.proposals[0]!.text;
    const order = PROPOSALS[0]!.passages.map((p) => p.blocks[0]!).map((b) => cafe.indexOf(b.kind === 'paragraph' ? b.text : b.items[0]!));
    expect(order.every((at, i) => at > 0 && (i === 0 || at > order[i - 1]!))).toBe(true);
    expect(entry.speaking.total.turns).toBe(TURNS.length);
    // Each turn lasted as long as the scenario says (the replayed clock), plus the moment it took to end it.
    const spoken = TURNS.reduce((sum, t) => sum + t.seconds * 1000, 0);
    expect(entry.speaking.total.speakingMs).toBeGreaterThanOrEqual(spoken);
    expect(entry.speaking.total.speakingMs).toBeLessThan(spoken + 10_000);

    const rights = groups.find((g) => g.name === GROUPS.rights.name)!;
    const { workshops } = await server.organiser.getGroup(rights.id);
    expect(workshops.map((w) => w.state)).toEqual(['draft']);
  });

  it('adds the demo to a database that already holds groups when told to with --force', async () => {
    const forced = await runDemo({ CROISEE_DB: dbFile, CROISEE_ORGANISER_TOKEN: ORGANISER_TOKEN }, ['--force']);
    expect(forced.code, forced.output).toBe(0);
    expect(forced.output).toContain('Organiser token: the one in CROISEE_ORGANISER_TOKEN.');
    expect(await server.organiser.listGroups()).toHaveLength(6);
  }, 120_000);
});
