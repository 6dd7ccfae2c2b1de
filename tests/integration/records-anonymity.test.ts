import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, startTestServer, type TestServer } from '../helpers/server';
import { breakdowns, docxXml, ok, participantSecrets, PSEUDONYMS, runWorkshop, waitForVersions } from './records-helpers';

/** The readable text of every file: DOCX unzipped (the bytes of a zip say nothing), the others as they are. */
async function readable(name: string, bytes: Uint8Array): Promise<string> {
  return name.endsWith('.docx') ? docxXml(bytes) : new TextDecoder().decode(bytes);
}

describe('nothing in a record identifies a participant', () => {
  let server: TestServer;
  let run: Awaited<ReturnType<typeof runWorkshop>>;
  let receiver: http.Server;
  const received: string[] = [];
  let secrets: string[];

  beforeAll(async () => {
    receiver = http.createServer((req, res) => {
      let body = '';
      req.on('data', (chunk) => (body += chunk));
      req.on('end', () => {
        received.push(body);
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    server = await startTestServer();
    run = await runWorkshop(server);
    await server.organiser.setWebhook(run.group.id, `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`);
    await ok(run.facilitator, 'record:push', { summary: 'Résumé sans nom.' });
    await ok(run.facilitator, 'workshop:close', {});
    await waitForVersions(server, run.workshop.id, 2);
    await eventually(() => received.length === 2, 10_000, 'two webhook deliveries');
    secrets = participantSecrets(server.dbFile, [run.workshop.id]);
  }, 60_000);

  afterAll(async () => {
    await server?.close();
    await new Promise((resolve) => receiver?.close(resolve));
  });

  it('reads ten participants’ ids, pseudonyms and token hashes from the database to look for', () => {
    expect(secrets.length).toBe(30);
    for (const pseudonym of PSEUDONYMS) expect(secrets).toContain(pseudonym);
  });

  it('carries none of them in any version, any export, any group view or any webhook body', async () => {
    const id = run.workshop.id;
    const o = server.organiser;
    const texts: Array<[string, string]> = [];
    for (const v of await o.recordVersions(id)) {
      texts.push([`entry v${v.version}`, JSON.stringify(await o.recordEntry(id, v.version))]);
      for (const format of ['md', 'json', 'csv', 'docx'] as const) {
        const file = await o.downloadRecord(id, v.version, format);
        texts.push([file.name, await readable(file.name, file.bytes)]);
      }
    }
    for (const format of ['md', 'json', 'csv', 'docx'] as const) {
      const file = await o.downloadGroupRecord(run.group.id, format);
      texts.push([file.name, await readable(file.name, file.bytes)]);
    }
    for (const format of ['md', 'json', 'docx'] as const) {
      const file = await o.downloadContribution(run.group.id, format);
      texts.push([file.name, await readable(file.name, file.bytes)]);
    }
    texts.push(['timeline', JSON.stringify(await o.groupRecord(run.group.id))]);
    texts.push(['participation', JSON.stringify(await o.participation(run.group.id))]);
    texts.push(['compare', JSON.stringify(await o.compareQuestions(run.group.id, 'Êtes-vous bien accueilli·e dans les services ?'))]);
    texts.push(['deliveries', JSON.stringify(await o.webhookDeliveries(run.group.id))]);
    received.forEach((body, i) => texts.push([`webhook body ${i}`, body]));
    const stored = server.store.db.prepare('SELECT content, summary FROM record_entries').all() as Array<{ content: string; summary: string }>;
    stored.forEach((row, i) => texts.push([`stored version ${i}`, row.content + row.summary]));

    expect(texts.length).toBeGreaterThan(20);
    for (const [where, text] of texts) {
      expect(text.length, where).toBeGreaterThan(0);
      for (const secret of secrets) expect(text.includes(secret), `${where} contains "${secret}"`).toBe(false);
    }
  });

  it('says where people came from only as groups of at least three', async () => {
    const entry = await server.organiser.recordEntry(run.workshop.id, 2);
    const groups = breakdowns(entry).flatMap((b) => b.groups);
    expect(groups.length).toBeGreaterThan(10);
    expect(groups.filter((g) => g.key === 'elected' || g.key === 'student' || g.key === '_undisclosed')).toEqual([]);
    expect(entry.speaking.byStandpoint.map((g) => g.key)).toEqual(['concerned', 'professional', '_others']);
  });
});
