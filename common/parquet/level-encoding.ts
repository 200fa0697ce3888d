// Definition levels of an optional column, as Parquet DATA_PAGE v1 stores them:
// a 4-byte little-endian length, then the RLE/bit-packed hybrid at bit width 1.
// We always emit bit-packed runs of 8 values (header = groups << 1 | 1), the
// simplest form every reader accepts.

export function encodeDefinitionLevels(defined: readonly boolean[], from: number, to: number): Buffer {
  const count = to - from;
  const groups = Math.ceil(count / 8);
  const header = varint((groups << 1) | 1);
  const out = Buffer.alloc(4 + header.length + groups);
  out.writeUInt32LE(header.length + groups, 0);
  header.copy(out, 4);
  for (let i = 0; i < count; i++) {
    if (defined[from + i]) out[4 + header.length + (i >> 3)]! |= 1 << (i & 7);
  }
  return out;
}

export function varint(value: number): Buffer {
  const bytes: number[] = [];
  let v = value >>> 0;
  while (v >= 0x80) {
    bytes.push((v & 0x7f) | 0x80);
    v >>>= 7;
  }
  bytes.push(v);
  return Buffer.from(bytes);
}
