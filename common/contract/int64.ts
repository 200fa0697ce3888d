// Signed 64-bit integers (Kafka offsets, oids) carried exactly as bigint.
// JSON numbers above 2^53 have already been rounded by the time JavaScript sees
// them, so a number input is accepted only while it is a safe integer; larger
// values must arrive as decimal strings (see lossless-json.ts).

import { ValidationError } from '../errors';

export const INT64_MIN = -(2n ** 63n);
export const INT64_MAX = 2n ** 63n - 1n;

/** What a JSON, Parquet or Kafka source may hand us for an int64. */
export type Int64Input = string | number | bigint;

export type Int64Parse = { readonly ok: true; readonly value: bigint } | { readonly ok: false; readonly message: string };

const CHAR_0 = 48;
const CHAR_9 = 57;
const CHAR_MINUS = 45;
/** "-9223372036854775808" is the longest canonical int64. */
const MAX_DECIMAL_LENGTH = 20;

/**
 * Parses without throwing (the speed layer's hot path). Accepts a canonical
 * decimal string (optional '-', no '+', no leading zeros, no spaces, no exponent),
 * a safe-integer number, or a bigint, each within the signed 64-bit range.
 */
export function tryParseInt64(input: unknown): Int64Parse {
  switch (typeof input) {
    case 'string':
      return parseDecimal(input);
    case 'number':
      if (!Number.isInteger(input)) return fail(`${input} is not an integer`);
      if (!Number.isSafeInteger(input)) {
        return fail(`${input} is beyond ±2^53 as a JSON/JS number and may already have lost precision; send it as a decimal string`);
      }
      return { ok: true, value: BigInt(input) };
    case 'bigint':
      return inRange(input) ? { ok: true, value: input } : fail(`${input} is outside the signed 64-bit range`);
    default:
      return fail(`expected an int64 as a decimal string or integer, got ${describe(input)}`);
  }
}

/** Like tryParseInt64, but throws ValidationError('invalid_int64') naming `what`. */
export function parseInt64(input: unknown, what = 'value'): bigint {
  const parsed = tryParseInt64(input);
  if (!parsed.ok) throw new ValidationError('invalid_int64', `${what}: ${parsed.message}`);
  return parsed.value;
}

/** The canonical decimal form; throws if `value` is outside the int64 range. */
export function formatInt64(value: bigint): string {
  if (!inRange(value)) throw new ValidationError('invalid_int64', `${value} is outside the signed 64-bit range`);
  return value.toString();
}

export function isInt64(value: bigint): boolean {
  return inRange(value);
}

/** 8 bytes, big-endian two's complement (the layout of Java's long and HBase Bytes.toBytes(long)). */
export function int64ToBytes(value: bigint): Buffer {
  const bytes = Buffer.allocUnsafe(8);
  writeInt64(bytes, value, 0);
  return bytes;
}

// Through one 8-byte scratch view: Buffer's writeBigInt64BE and readBigInt64BE
// split the value with BigInt arithmetic, allocating several BigInts per call,
// and the speed layer writes and reads a dozen int64s per event (row keys,
// counter cells): that garbage was a tenth of its allocations. DataView's
// BigInt accessors convert without intermediate values.
const scratch = new DataView(new ArrayBuffer(8));
const scratchBytes = new Uint8Array(scratch.buffer);

export function writeInt64(target: Buffer, value: bigint, offset: number): void {
  if (!inRange(value)) throw new ValidationError('invalid_int64', `${value} is outside the signed 64-bit range`);
  if (!Number.isInteger(offset) || offset < 0 || target.length - offset < 8) {
    throw new ValidationError('invalid_int64', `need 8 bytes at offset ${offset}, buffer has ${target.length}`);
  }
  scratch.setBigInt64(0, value);
  for (let i = 0; i < 8; i++) target[offset + i] = scratchBytes[i] as number;
}

export function int64FromBytes(bytes: Uint8Array, offset = 0): bigint {
  if (!Number.isInteger(offset) || offset < 0 || bytes.length - offset < 8) {
    throw new ValidationError('invalid_int64', `need 8 bytes at offset ${offset}, buffer has ${bytes.length}`);
  }
  for (let i = 0; i < 8; i++) scratchBytes[i] = bytes[offset + i] as number;
  return scratch.getBigInt64(0);
}

function parseDecimal(text: string): Int64Parse {
  const length = text.length;
  const start = length > 0 && text.charCodeAt(0) === CHAR_MINUS ? 1 : 0;
  if (length === start) return fail(`${JSON.stringify(text)} is not a decimal integer`);
  if (length > MAX_DECIMAL_LENGTH) return fail(`${quote(text)} is not a decimal int64 (too long)`);
  for (let i = start; i < length; i++) {
    const c = text.charCodeAt(i);
    if (c < CHAR_0 || c > CHAR_9) return fail(`${quote(text)} is not a decimal integer (only digits and a leading '-')`);
  }
  if (text.charCodeAt(start) === CHAR_0 && (length > start + 1 || start === 1)) {
    return fail(`${quote(text)} is not canonical (leading zero or -0)`);
  }
  const value = BigInt(text);
  return inRange(value) ? { ok: true, value } : fail(`${text} is outside the signed 64-bit range`);
}

function inRange(value: bigint): boolean {
  return value >= INT64_MIN && value <= INT64_MAX;
}

function fail(message: string): Int64Parse {
  return { ok: false, message };
}

function quote(text: string): string {
  return JSON.stringify(text.length > 40 ? `${text.slice(0, 40)}…` : text);
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : typeof value;
}
