import Database from 'better-sqlite3';
import * as Y from 'yjs';
import { boardDocName, cardTextType, readBoard, replaceText, type DocumentCredentials } from '../../shared/board-doc';
import { request, type CroiseeSocket } from '../../shared/client/croisee-client';
import { ack, openProvider, pause, synced } from './processes';

const SENTENCES = [
  'Un référent unique pour chaque personne accompagnée, nommé pour toute la durée du parcours',
  'Associer les personnes concernées aux comités de pilotage, avec une indemnisation du temps passé',
  'Des stages croisés entre écoles du travail social et services départementaux',
  'Revaloriser les salaires et reconnaître les diplômes du social',
  'Simplifier les dossiers de demande d’aide et les rendre lisibles en FALC',
  'Des permanences sans rendez-vous dans les quartiers et les villages',
  'Former ensemble professionnels, bénévoles et personnes accompagnées',
  'Un temps d’analyse des pratiques mensuel pour chaque équipe',
];

/**
 * The board part of `npm run bench:board`: `count` cards added through socket.io by the authors (in
 * turn over the columns), 8 moves per author, 100 cards edited in place; then the document's size in
 * memory and as stored, and how long loading it takes.
 */
export async function boardPhase(url: string, dbFile: string, workshopId: string, staff: DocumentCredentials, authors: CroiseeSocket[], count: number) {
  const docName = boardDocName(workshopId);
  const viewer = openProvider(url, docName, staff);
  await synced(viewer);
  const columns = readBoard(viewer.doc).columns.map((c) => c.id);
  const startedAt = Date.now();
  const perAuthor = Math.ceil(count / authors.length);
  const cardIds: string[] = [];
  await Promise.all(
    authors.map(async (socket, a) => {
      for (let i = 0; i < perAuthor && a * perAuthor + i < count; i++) {
        const n = a * perAuthor + i;
        const text = `${SENTENCES[n % SENTENCES.length]} (${n + 1})`;
        const added = await ack(request(socket, 'board:card:add', { columnId: columns[n % columns.length]!, text }));
        cardIds.push(added.cardId);
        await pause(100);
      }
    }),
  );
  const addMs = Date.now() - startedAt;
  await Promise.all(
    authors.map(async (socket, a) => {
      for (let i = 0; i < 8; i++) {
        const cardId = cardIds[(a * 37 + i * 101) % cardIds.length]!;
        await ack(request(socket, 'board:card:move', { cardId, columnId: columns[(a + i) % columns.length]!, afterCardId: null }));
        await pause(100);
      }
    }),
  );
  while (readBoard(viewer.doc).cards.length < count) await pause(50);
  for (const cardId of cardIds.slice(0, 100)) replaceText(cardTextType(viewer.doc, cardId)!, `${cardTextType(viewer.doc, cardId)!.toString()} — complété en séance`);
  await pause(1_000);
  const memoryBytes = Y.encodeStateAsUpdate(viewer.doc).length;
  const cards = readBoard(viewer.doc).cards.length;
  viewer.destroy();

  // The last client left: the server compacts the log into one update and unloads the document.
  const db = new Database(dbFile, { readonly: true });
  const rows = db.prepare('SELECT COUNT(*) AS n, SUM(length(data)) AS bytes FROM yjs_updates WHERE doc_name = ?');
  let stored = rows.get(docName) as { n: number; bytes: number };
  for (let i = 0; i < 100 && stored.n > 1; i++) {
    await pause(100);
    stored = rows.get(docName) as { n: number; bytes: number };
  }

  // Cold load: nobody has the document open, so each connection loads it from storage.
  const coldSync: number[] = [];
  for (let i = 0; i < 5; i++) {
    const started = performance.now();
    const p = openProvider(url, docName, staff);
    await synced(p);
    coldSync.push(performance.now() - started);
    p.destroy();
    await pause(500);
  }
  // Warm: another client keeps it loaded; the difference is what loading costs.
  const holder = openProvider(url, docName, staff);
  await synced(holder);
  const warmSync: number[] = [];
  for (let i = 0; i < 5; i++) {
    const started = performance.now();
    const p = openProvider(url, docName, staff);
    await synced(p);
    warmSync.push(performance.now() - started);
    p.destroy();
  }
  holder.destroy();
  // The load step alone, as the server does it: read the stored rows, integrate them into a Y.Doc.
  const select = db.prepare('SELECT data FROM yjs_updates WHERE doc_name = ? ORDER BY seq');
  const loadOnly: number[] = [];
  for (let i = 0; i < 7; i++) {
    const started = performance.now();
    const doc = new Y.Doc();
    doc.transact(() => {
      for (const row of select.all(docName) as Array<{ data: Buffer }>) Y.applyUpdate(doc, new Uint8Array(row.data));
    });
    loadOnly.push(performance.now() - started);
    doc.destroy();
  }
  db.close();
  return { cards, addMs, moved: authors.length * 8, edited: Math.min(100, cardIds.length), memoryBytes, storedBytes: stored.bytes, storedRows: stored.n, coldSync, warmSync, loadOnly };
}

