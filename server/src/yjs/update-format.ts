import { ByteReader, FormatError } from './byte-reader';

/**
 * Structural validation of untrusted Yjs v1 updates and state vectors, before Yjs sees them.
 *
 * Yjs decodes updates without bounds: a few crafted bytes can make it loop or allocate far beyond the
 * input (yjs issues #479, #498, #687), and a truncated delete set is applied half-way before the
 * decoder throws. This walk follows Yjs 13's v1 layout (`UpdateDecoderV1`, `readClientsStructRefs`,
 * `readItemContent`, `readDeleteSet`, lib0 `readAny`) with a reader that cannot read past the end.
 * Every loop consumes at least one byte per turn, so the cost is linear in the input's size; it
 * accepts exactly the byte strings Yjs can decode in full, and a few more that Yjs would reject
 * later for semantic reasons (those are caught by the update guard, off the main thread).
 */

/** Clocks and lengths stay below this, far from the 2^53 where Yjs's clock arithmetic loses precision. */
export const MAX_CLOCK = 2 ** 48;
/** Deepest nesting of arrays and objects inside a `ContentAny` value. */
export const MAX_ANY_DEPTH = 32;

const INFO_CONTENT = 0x1f;
const INFO_PARENT_SUB = 0x20;
const INFO_RIGHT_ORIGIN = 0x40;
const INFO_ORIGIN = 0x80;

const CONTENT_GC = 0;
const CONTENT_DELETED = 1;
const CONTENT_JSON = 2;
const CONTENT_BINARY = 3;
const CONTENT_STRING = 4;
const CONTENT_EMBED = 5;
const CONTENT_FORMAT = 6;
const CONTENT_TYPE = 7;
const CONTENT_ANY = 8;
const CONTENT_DOC = 9;
const CONTENT_SKIP = 10;

const TYPE_XML_ELEMENT = 3;
const TYPE_XML_HOOK = 5;
const TYPE_LAST = 6;

/** The result of a validation: `null` when the input is well-formed, else a short reason. */
export type FormatVerdict = string | null;

/** Checks that `update` is one complete, well-formed Yjs v1 update and nothing more. */
export function validateUpdateV1(update: Uint8Array): FormatVerdict {
  return guard(() => {
    const r = new ByteReader(update);
    readStructs(r);
    readDeleteSet(r);
    r.end();
  });
}

/** Checks that `stateVector` is one complete, well-formed encoded state vector. */
export function validateStateVector(stateVector: Uint8Array): FormatVerdict {
  return guard(() => {
    const r = new ByteReader(stateVector);
    const clients = r.count(2);
    for (let i = 0; i < clients; i++) {
      r.varUint();
      clock(r.varUint());
    }
    r.end();
  });
}

/** True for the update that carries nothing: no structs, no deletions (what an up-to-date peer sends). */
export function isEmptyUpdate(update: Uint8Array): boolean {
  return update.length === 2 && update[0] === 0 && update[1] === 0;
}

function guard(walk: () => void): FormatVerdict {
  try {
    walk();
    return null;
  } catch (error) {
    if (error instanceof FormatError) return error.reason;
    throw error;
  }
}

function clock(value: number): number {
  if (value > MAX_CLOCK) throw new FormatError('clock-out-of-range');
  return value;
}

function readStructs(r: ByteReader): void {
  const clientBlocks = r.count(3);
  for (let c = 0; c < clientBlocks; c++) {
    const structs = r.count(2);
    r.varUint();
    let at = clock(r.varUint());
    for (let s = 0; s < structs; s++) {
      at = clock(at + readStruct(r));
    }
  }
}

/** Reads one struct and returns the clock length it covers. */
function readStruct(r: ByteReader): number {
  const info = r.u8();
  const content = info & INFO_CONTENT;
  if (content === CONTENT_GC || content === CONTENT_SKIP) return clock(r.varUint());
  if (info & INFO_ORIGIN) readId(r);
  if (info & INFO_RIGHT_ORIGIN) readId(r);
  if ((info & (INFO_ORIGIN | INFO_RIGHT_ORIGIN)) === 0) {
    const parentIsRoot = r.varUint() === 1;
    if (parentIsRoot) r.skipVarString();
    else readId(r);
    if (info & INFO_PARENT_SUB) r.skipVarString();
  }
  return readContent(r, content);
}

function readId(r: ByteReader): void {
  r.varUint();
  clock(r.varUint());
}

function readContent(r: ByteReader, content: number): number {
  switch (content) {
    case CONTENT_DELETED:
      return clock(r.varUint());
    case CONTENT_JSON: {
      const n = r.count(1);
      for (let i = 0; i < n; i++) {
        // Yjs stores `undefined` as the text "undefined", which is not JSON.
        const at = r.pos;
        if (r.varString() !== 'undefined') {
          r.pos = at;
          r.jsonString();
        }
      }
      return n;
    }
    case CONTENT_BINARY:
      r.varBytes();
      return 1;
    case CONTENT_STRING:
      // A string's clock length is its UTF-16 length, never more than its UTF-8 byte length.
      return r.skipVarString();
    case CONTENT_EMBED:
      r.jsonString();
      return 1;
    case CONTENT_FORMAT:
      r.skipVarString();
      r.jsonString();
      return 1;
    case CONTENT_TYPE: {
      const typeRef = r.varUint();
      if (typeRef > TYPE_LAST) throw new FormatError('unknown-type');
      if (typeRef === TYPE_XML_ELEMENT || typeRef === TYPE_XML_HOOK) r.skipVarString();
      return 1;
    }
    case CONTENT_ANY: {
      const n = r.count(1);
      for (let i = 0; i < n; i++) readAny(r, 0);
      return n;
    }
    case CONTENT_DOC:
      throw new FormatError('subdocuments-not-supported');
    default:
      throw new FormatError('unknown-content');
  }
}

function readAny(r: ByteReader, depth: number): void {
  if (depth > MAX_ANY_DEPTH) throw new FormatError('nesting-too-deep');
  const tag = r.u8();
  switch (tag) {
    case 127: // undefined
    case 126: // null
    case 121: // false
    case 120: // true
      return;
    case 125:
      r.varInt();
      return;
    case 124:
      r.skip(4);
      return;
    case 123:
    case 122:
      r.skip(8);
      return;
    case 119:
      r.skipVarString();
      return;
    case 118: {
      const n = r.count(2);
      for (let i = 0; i < n; i++) {
        r.skipVarString();
        readAny(r, depth + 1);
      }
      return;
    }
    case 117: {
      const n = r.count(1);
      for (let i = 0; i < n; i++) readAny(r, depth + 1);
      return;
    }
    case 116:
      r.varBytes();
      return;
    default:
      throw new FormatError('unknown-any-tag');
  }
}

function readDeleteSet(r: ByteReader): void {
  const clients = r.count(2);
  for (let c = 0; c < clients; c++) {
    r.varUint();
    const ranges = r.count(2);
    for (let i = 0; i < ranges; i++) {
      const start = clock(r.varUint());
      clock(start + r.varUint());
    }
  }
}
