import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { validateStateVector, validateUpdateV1 } from '../../server/src/yjs/update-format';

type Op =
  | { kind: 'text'; at: number; text: string }
  | { kind: 'delete'; at: number; length: number }
  | { kind: 'map'; key: string; value: unknown }
  | { kind: 'xml'; name: string; text: string }
  | { kind: 'array'; values: unknown[] };

const anyValue = fc.oneof(
  fc.string(),
  fc.integer(),
  fc.double({ noNaN: true }),
  fc.boolean(),
  fc.constant(null),
  fc.uint8Array({ maxLength: 8 }),
  fc.dictionary(fc.string({ maxLength: 4 }), fc.oneof(fc.string(), fc.integer()), { maxKeys: 3, noNullPrototype: true }),
  fc.array(fc.oneof(fc.string(), fc.integer()), { maxLength: 3 }),
);

const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('text' as const), at: fc.nat(50), text: fc.string({ minLength: 1, maxLength: 12 }) }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(50), length: fc.integer({ min: 1, max: 5 }) }),
  fc.record({ kind: fc.constant('map' as const), key: fc.string({ maxLength: 6 }), value: anyValue }),
  fc.record({ kind: fc.constant('xml' as const), name: fc.constantFrom('paragraph', 'heading'), text: fc.string({ maxLength: 10 }) }),
  fc.record({ kind: fc.constant('array' as const), values: fc.array(anyValue, { minLength: 1, maxLength: 3 }) }),
);

function apply(doc: Y.Doc, o: Op): void {
  const text = doc.getText('t');
  switch (o.kind) {
    case 'text':
      text.insert(Math.min(o.at, text.length), o.text, o.at % 2 === 0 ? { bold: true } : undefined);
      return;
    case 'delete':
      if (text.length > 0) text.delete(Math.min(o.at, text.length - 1), Math.min(o.length, text.length - Math.min(o.at, text.length - 1)));
      return;
    case 'map':
      doc.getMap('m').set(o.key, o.value);
      return;
    case 'xml': {
      const element = new Y.XmlElement(o.name);
      element.insert(0, [new Y.XmlText(o.text)]);
      doc.getXmlFragment('x').insert(0, [element]);
      return;
    }
    case 'array':
      doc.getArray('a').push(o.values);
  }
}

/** Updates produced by real editing: every transaction's update, and the whole state. */
function updatesOf(ops: Op[]): Uint8Array[] {
  const doc = new Y.Doc();
  const updates: Uint8Array[] = [];
  doc.on('update', (u: Uint8Array) => updates.push(u));
  for (const o of ops) doc.transact(() => apply(doc, o));
  updates.push(Y.encodeStateAsUpdate(doc), Y.encodeStateAsUpdate(doc, Y.encodeStateVector(new Y.Doc())));
  return updates;
}

describe('the v1 update validator', () => {
  it('accepts every update and state vector Yjs produces', () => {
    fc.assert(
      fc.property(fc.array(op, { minLength: 1, maxLength: 25 }), (ops) => {
        for (const update of updatesOf(ops)) expect(validateUpdateV1(update)).toBeNull();
        const doc = new Y.Doc();
        for (const update of updatesOf(ops)) Y.applyUpdate(doc, update);
        expect(validateStateVector(Y.encodeStateVector(doc))).toBeNull();
      }),
      { numRuns: 150 },
    );
  });

  it('rejects every strict prefix of a valid update', () => {
    fc.assert(
      fc.property(fc.array(op, { minLength: 1, maxLength: 10 }), (ops) => {
        const update = updatesOf(ops).at(-1)!;
        for (let cut = 0; cut < update.length; cut++) expect(validateUpdateV1(update.subarray(0, cut))).not.toBeNull();
      }),
      { numRuns: 60 },
    );
  });

  it('never throws on arbitrary bytes, and whatever it accepts Yjs decodes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
        if (validateUpdateV1(bytes) === null) expect(() => Y.decodeUpdate(bytes)).not.toThrow();
      }),
      { numRuns: 5000 },
    );
  });

  it('never throws on a valid update with one byte changed, and whatever it accepts Yjs decodes', () => {
    fc.assert(
      fc.property(fc.array(op, { minLength: 1, maxLength: 8 }), fc.nat(), fc.integer({ min: 0, max: 255 }), (ops, where, value) => {
        const update = updatesOf(ops).at(-1)!.slice();
        update[where % update.length] = value;
        if (validateUpdateV1(update) === null) expect(() => Y.decodeUpdate(update)).not.toThrow();
      }),
      { numRuns: 1000 },
    );
  });

  it('accepts the JSON, embed and format contents of rich text', () => {
    const doc = new Y.Doc();
    doc.getText('t').insert(0, 'gras', { bold: true, link: { href: 'https://example.org' } });
    doc.getText('t').insertEmbed(0, { image: 'carte.png' });
    expect(validateUpdateV1(Y.encodeStateAsUpdate(doc))).toBeNull();
  });

  it('rejects strings that are not valid UTF-8', () => {
    // One string struct in root "m" whose content is the lone byte 0xff.
    expect(validateUpdateV1(new Uint8Array([1, 1, 1, 0, 4, 1, 1, 109, 1, 0xff, 0]))).toBe('invalid-utf8');
  });

  it('rejects subdocuments, unknown content and unknown types', () => {
    const withSubdoc = new Y.Doc();
    withSubdoc.getMap('m').set('sub', new Y.Doc());
    expect(validateUpdateV1(Y.encodeStateAsUpdate(withSubdoc))).toBe('subdocuments-not-supported');
    // One struct, client 1, clock 0, info 11 (no such content), parent root "m", then an empty delete set.
    expect(validateUpdateV1(new Uint8Array([1, 1, 1, 0, 11, 1, 1, 109, 0]))).toBe('unknown-content');
    // A type struct (info 7) whose type ref 9 does not exist.
    expect(validateUpdateV1(new Uint8Array([1, 1, 1, 0, 7, 1, 1, 109, 9, 0]))).toBe('unknown-type');
  });
});
