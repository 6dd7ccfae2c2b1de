/**
 * A bounds-checked reader for the lib0 binary encoding that y-protocols and Yjs use. Unlike
 * `lib0/decoding`, reading past the end always throws (lib0's `readUint8` silently returns
 * `undefined`), and every variable-length integer is capped, so a hostile input can make the reader
 * fail but never loop, allocate beyond the input's own size or lose integer precision.
 */

/** Thrown when the input does not follow the expected structure. */
export class FormatError extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'FormatError';
  }
}

/** Largest integer a varUint may carry: beyond it JavaScript numbers lose precision. */
const MAX_VAR_UINT = Number.MAX_SAFE_INTEGER;

export class ByteReader {
  pos = 0;

  constructor(readonly bytes: Uint8Array) {}

  get remaining(): number {
    return this.bytes.length - this.pos;
  }

  get done(): boolean {
    return this.pos === this.bytes.length;
  }

  u8(): number {
    if (this.pos >= this.bytes.length) throw new FormatError('truncated');
    return this.bytes[this.pos++]!;
  }

  skip(n: number): void {
    if (n > this.remaining) throw new FormatError('truncated');
    this.pos += n;
  }

  varUint(): number {
    const bytes = this.bytes;
    const first = bytes[this.pos];
    // Most integers in an update fit in one byte.
    if (first !== undefined && first < 0x80) {
      this.pos++;
      return first;
    }
    let num = 0;
    let mult = 1;
    for (;;) {
      if (this.pos >= bytes.length) throw new FormatError('truncated');
      const r = bytes[this.pos++]!;
      num += (r & 0x7f) * mult;
      if (num > MAX_VAR_UINT) throw new FormatError('integer-out-of-range');
      if (r < 0x80) return num;
      mult *= 128;
    }
  }

  /** lib0's signed varInt: 6 payload bits and a sign bit in the first byte. */
  varInt(): number {
    const first = this.u8();
    let num = first & 0x3f;
    const sign = (first & 0x40) > 0 ? -1 : 1;
    if ((first & 0x80) === 0) return sign * num;
    let mult = 64;
    for (;;) {
      const r = this.u8();
      num += (r & 0x7f) * mult;
      if (num > MAX_VAR_UINT) throw new FormatError('integer-out-of-range');
      if (r < 0x80) return sign * num;
      mult *= 128;
    }
  }

  /** A count of items, each of which takes at least `minBytesEach` bytes of what is left. */
  count(minBytesEach = 1): number {
    const n = this.varUint();
    if (n * minBytesEach > this.remaining) throw new FormatError('count-exceeds-input');
    return n;
  }

  /** A length-prefixed byte array, as a view on the input (no copy). */
  varBytes(): Uint8Array {
    const len = this.varUint();
    if (len > this.remaining) throw new FormatError('truncated');
    const view = this.bytes.subarray(this.pos, this.pos + len);
    this.pos += len;
    return view;
  }

  /** A length-prefixed UTF-8 string, checked and skipped; returns its byte length. */
  skipVarString(maxBytes = Number.POSITIVE_INFINITY): number {
    const view = this.#stringBytes(maxBytes);
    if (!isAscii(view)) decodeUtf8(view);
    return view.length;
  }

  /** A length-prefixed UTF-8 string, decoded. */
  varString(maxBytes = Number.POSITIVE_INFINITY): string {
    return decodeUtf8(this.#stringBytes(maxBytes));
  }

  /** A length-prefixed string holding JSON (as Yjs reads embeds, formats and JSON content). */
  jsonString(): void {
    const text = this.varString();
    try {
      JSON.parse(text);
    } catch {
      throw new FormatError('invalid-json');
    }
  }

  #stringBytes(maxBytes: number): Uint8Array {
    const len = this.varUint();
    if (len > maxBytes) throw new FormatError('string-too-long');
    if (len > this.remaining) throw new FormatError('truncated');
    const view = this.bytes.subarray(this.pos, this.pos + len);
    this.pos += len;
    return view;
  }

  /** Fails unless every byte was consumed: a message with trailing bytes is not one we understand. */
  end(): void {
    if (!this.done) throw new FormatError('trailing-bytes');
  }
}

// Fatal, like lib0's decoder: Yjs and every client refuse invalid UTF-8, so the server does too.
const textDecoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

function decodeUtf8(bytes: Uint8Array): string {
  try {
    return textDecoder.decode(bytes);
  } catch {
    throw new FormatError('invalid-utf8');
  }
}

function isAscii(bytes: Uint8Array): boolean {
  for (let i = 0; i < bytes.length; i++) if (bytes[i]! >= 0x80) return false;
  return true;
}
