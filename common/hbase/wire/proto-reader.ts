// Protobuf reading primitives for the hand-written HBase codec. Bytes fields come back
// as views (subarray) of the response buffer, never copies.

import { HBaseError } from '../../errors';

export class ProtoReader {
  pos: number;

  constructor(
    readonly buffer: Buffer,
    start = 0,
    readonly end = buffer.length,
  ) {
    this.pos = start;
  }

  more(): boolean {
    return this.pos < this.end;
  }

  /** A varint as a number; exact up to 2^53 (enough for lengths, counts, timestamps). */
  varint(): number {
    const buf = this.buffer;
    let result = 0;
    let shift = 1;
    for (;;) {
      if (this.pos >= this.end) throw truncated();
      const byte = buf[this.pos++] as number;
      result += (byte & 0x7f) * shift;
      if (byte < 0x80) return result;
      shift *= 0x80;
      if (shift > 2 ** 70) throw new HBaseError('malformed varint in an HBase response');
    }
  }

  /** A varint as an exact uint64. */
  varint64(): bigint {
    const buf = this.buffer;
    let result = 0n;
    let shift = 0n;
    for (;;) {
      if (this.pos >= this.end) throw truncated();
      const byte = buf[this.pos++] as number;
      result |= BigInt(byte & 0x7f) << shift;
      if (byte < 0x80) return BigInt.asUintN(64, result);
      shift += 7n;
      if (shift > 63n) throw new HBaseError('malformed varint in an HBase response');
    }
  }

  bool(): boolean {
    return this.varint() !== 0;
  }

  /** End offset of the length-delimited field starting here (the reader moves past its length). */
  delimitedEnd(): number {
    const length = this.varint();
    const end = this.pos + length;
    if (end > this.end) throw truncated();
    return end;
  }

  bytes(): Buffer {
    const end = this.delimitedEnd();
    const view = this.buffer.subarray(this.pos, end);
    this.pos = end;
    return view;
  }

  string(): string {
    const end = this.delimitedEnd();
    const buf = this.buffer;
    let text = '';
    if (end - this.pos <= 16) {
      // Short ASCII (families, qualifiers) without a native call; anything else via utf8.
      for (let i = this.pos; i < end; i++) {
        const byte = buf[i] as number;
        if (byte >= 0x80) {
          text = buf.toString('utf8', this.pos, end);
          this.pos = end;
          return text;
        }
        text += String.fromCharCode(byte);
      }
    } else text = buf.toString('utf8', this.pos, end);
    this.pos = end;
    return text;
  }

  skip(wireType: number): void {
    switch (wireType) {
      case 0:
        this.varint();
        return;
      case 1:
        this.pos += 8;
        break;
      case 2:
        this.pos = this.delimitedEnd();
        return;
      case 5:
        this.pos += 4;
        break;
      default:
        throw new HBaseError(`unsupported protobuf wire type ${wireType} in an HBase response`);
    }
    if (this.pos > this.end) throw truncated();
  }
}

function truncated(): HBaseError {
  return new HBaseError('truncated protobuf in an HBase response');
}
