import { afterEach, describe, expect, it } from 'vitest';
import type { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { MemoryYDocPersistence } from '../../server/src/yjs';
import { connectProvider, startYjsServer, synced, waitFor, type TestServer } from './yjs-test-server';

const BOARD = 'workshop/w1/board';
const grants = { alice: { workshopId: 'w1', label: 'alice', writable: true }, bob: { workshopId: 'w1', label: 'bob', writable: true } };

describe('two WebsocketProviders on one document', () => {
  let server: TestServer;
  const providers: WebsocketProvider[] = [];
  afterEach(async () => {
    for (const p of providers.splice(0)) p.destroy();
    await server?.close();
  });

  it('converge on a Y.Map edited from both sides', async () => {
    server = await startYjsServer({ persistence: new MemoryYDocPersistence(), grants });
    const a = connectProvider(server.url, BOARD, 'alice');
    const b = connectProvider(server.url, BOARD, 'bob');
    providers.push(a, b);
    await Promise.all([synced(a), synced(b)]);
    a.doc.getMap('cards').set('c1', 'Accès aux droits');
    b.doc.getMap('cards').set('c2', 'Mobilité');
    await waitFor(() => a.doc.getMap('cards').size === 2 && b.doc.getMap('cards').size === 2, 5000, 'both cards on both sides');
    expect(a.doc.getMap('cards').toJSON()).toEqual({ c1: 'Accès aux droits', c2: 'Mobilité' });
    expect(b.doc.getMap('cards').toJSON()).toEqual(a.doc.getMap('cards').toJSON());
  });

  it('converge on a Y.XmlFragment, and a late joiner receives the content', async () => {
    server = await startYjsServer({ persistence: new MemoryYDocPersistence(), grants });
    const a = connectProvider(server.url, 'workshop/w1/proposal/p1', 'alice');
    const b = connectProvider(server.url, 'workshop/w1/proposal/p1', 'bob');
    providers.push(a, b);
    await Promise.all([synced(a), synced(b)]);
    const paragraph = new Y.XmlElement('paragraph');
    paragraph.insert(0, [new Y.XmlText('Ouvrir les permanences le samedi')]);
    a.doc.getXmlFragment('prosemirror').insert(0, [paragraph]);
    await waitFor(() => b.doc.getXmlFragment('prosemirror').length === 1, 5000, 'paragraph at bob');
    (b.doc.getXmlFragment('prosemirror').get(0) as Y.XmlElement).insert(1, [new Y.XmlText(' matin')]);
    await waitFor(() => a.doc.getXmlFragment('prosemirror').toString().includes('matin'), 5000, 'edit at alice');
    expect(a.doc.getXmlFragment('prosemirror').toString()).toBe(b.doc.getXmlFragment('prosemirror').toString());

    const c = connectProvider(server.url, 'workshop/w1/proposal/p1', 'bob');
    providers.push(c);
    await synced(c);
    expect(c.doc.getXmlFragment('prosemirror').toString()).toBe(a.doc.getXmlFragment('prosemirror').toString());
  });
});
