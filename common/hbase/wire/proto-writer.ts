// Protobuf primitives for the hand-written HBase codec: varint sizes and a writer over
// one preallocated Buffer. Messages are encoded in two passes (sizes, then bytes), so
// every nested message's length is known before it is written and nothing is copied.

/** Bytes a varint of this non-negative safe integer takes. */
export function varintSize(value: number): number {
  if (value < 0x80) return 1;
  if (value < 0x4000) return 2;
  if (value < 0x200000) return 3;
  if (value < 0x10000000) return 4;
  let size = 5;
  let rest = Math.floor(value / 0x800000000);
  while (rest > 0) {
    size++;
    rest = Math.floor(rest / 0x80);
  }
  return size;
}

/** Bytes a varint of this uint64 (or int64 as two's complement) takes. */
export function varint64Size(value: bigint): number {
  let v = BigInt.asUintN(64, value);
  let size = 1;
  while (v >= 0x80n) {
    v >>= 7n;
    size++;
  }
  return size;
}

/** UTF-8 byte length of `text`; short ASCII (families, qualifiers) without a native call. */
export function utf8Length(text: string): number {
  const n = text.length;
  if (n > 32) return Buffer.byteLength(text, 'utf8');
  for (let i = 0; i < n; i++) if (text.charCodeAt(i) >= 0x80) return Buffer.byteLength(text, 'utf8');
  return n;
}

/** Bytes of a length-delimited field (tag of one byte) holding `length` bytes. */
export function delimitedSize(length: number): number {
  return 1 + varintSize(length) + length;
}

export class ProtoWriter {
  readonly buffer: Buffer;
  pos: number;

  constructor(size: number, offset = 0) {
    this.buffer = Buffer.allocUnsafe(size + offset);
    this.pos = offset;
  }

  /** A non-negative safe integer. */
  varint(value: number): void {
    const buf = this.buffer;
    while (value >= 0x10000000) {
      buf[this.pos++] = (value % 0x80) | 0x80;
      value = Math.floor(value / 0x80);
    }
    while (value >= 0x80) {
      buf[this.pos++] = (value & 0x7f) | 0x80;
      value >>>= 7;
    }
    buf[this.pos++] = value;
  }

  varint64(value: bigint): void {
    let v = BigInt.asUintN(64, value);
    while (v >= 0x80n) {
      this.buffer[this.pos++] = Number(v & 0x7fn) | 0x80;
      v >>= 7n;
    }
    this.buffer[this.pos++] = Number(v);
  }

  /** A field tag; field numbers here are all below 16, so one byte. */
  tag(field: number, wireType: number): void {
    this.buffer[this.pos++] = (field << 3) | wireType;
  }

  /** Tag and length of a length-delimited field whose body follows. */
  header(field: number, length: number): void {
    this.buffer[this.pos++] = (field << 3) | 2;
    this.varint(length);
  }

  bytesField(field: number, bytes: Buffer): void {
    const length = bytes.length;
    this.header(field, length);
    if (length <= 32) {
      // Short keys and values: a loop beats the native copy's call overhead.
      const buf = this.buffer;
      let pos = this.pos;
      for (let i = 0; i < length; i++) buf[pos++] = bytes[i] as number;
    } else bytes.copy(this.buffer, this.pos);
    this.pos += length;
  }

  /** A string field of known UTF-8 byte length (utf8Length). */
  stringField(field: number, text: string, byteLength: number): void {
    this.header(field, byteLength);
    if (byteLength === text.length && byteLength <= 32) {
      // ASCII (utf8Length said so): one byte per character.
      const buf = this.buffer;
      let pos = this.pos;
      for (let i = 0; i < byteLength; i++) buf[pos++] = text.charCodeAt(i);
      this.pos = pos;
    } else this.pos += this.buffer.write(text, this.pos, byteLength, 'utf8');
  }

  uintField(field: number, value: number): void {
    this.buffer[this.pos++] = field << 3;
    this.varint(value);
  }

  uint64Field(field: number, value: bigint): void {
    this.buffer[this.pos++] = field << 3;
    this.varint64(value);
  }

  boolField(field: number, value: boolean): void {
    this.buffer[this.pos++] = field << 3;
    this.buffer[this.pos++] = value ? 1 : 0;
  }
}
