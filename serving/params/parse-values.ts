// Parsers of single parameter values. Each throws a 400 that names the
// parameter and says what was expected.

import { tryParseInt64 } from '../../common/contract';
import { badParameter } from '../errors';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const ISO_DATE_TIME = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})(?::(\d{2})(\.\d{1,3})?)?(Z|[+-](\d{2}):(\d{2}))$/;
const MIN_MS = Date.UTC(2000, 0, 1);
const MAX_MS = Date.UTC(2100, 0, 1);

/** A time: YYYY-MM-DD (UTC midnight), an ISO 8601 date-time with zone, or epoch milliseconds. */
export function parseTime(name: string, raw: string): number {
  let ms: number;
  if (/^\d{1,15}$/.test(raw)) ms = Number(raw);
  else if (ISO_DATE.test(raw)) ms = strictDate(raw);
  else if (ISO_DATE_TIME.test(raw)) ms = strictDateTime(raw);
  else
    throw badParameter(
      name,
      `expected YYYY-MM-DD, an ISO 8601 date-time with zone (2026-11-22T10:00:00Z) or epoch milliseconds, got ${quote(raw)}`,
    );
  if (Number.isNaN(ms)) throw badParameter(name, `not a real date: ${quote(raw)}`);
  if (ms < MIN_MS || ms >= MAX_MS) throw badParameter(name, `must be between 2000-01-01 and 2100-01-01, got ${quote(raw)}`);
  return ms;
}

/** A calendar day YYYY-MM-DD that exists. */
export function parseDay(name: string, raw: string): string {
  if (!ISO_DATE.test(raw) || Number.isNaN(strictDate(raw))) throw badParameter(name, `expected a date YYYY-MM-DD, got ${quote(raw)}`);
  return raw;
}

/** An oid: a canonical decimal int64 > 0 (as a string, so values above 2^53 stay exact). */
export function parseOid(name: string, raw: string): bigint {
  const parsed = tryParseInt64(raw);
  if (!parsed.ok) throw badParameter(name, `expected a decimal int64 > 0: ${parsed.message}`);
  if (parsed.value <= 0n) throw badParameter(name, `expected an oid > 0, got ${raw}`);
  return parsed.value;
}

export function parseIntParam(name: string, raw: string | undefined, fallback: number, min: number, max: number): number {
  if (raw === undefined) return fallback;
  if (!/^\d{1,9}$/.test(raw)) throw badParameter(name, `expected a whole number from ${min} to ${max}, got ${quote(raw)}`);
  const value = Number(raw);
  if (value < min || value > max) throw badParameter(name, `must be from ${min} to ${max}, got ${value}`);
  return value;
}

export function parseEnum<T extends string>(name: string, raw: string | undefined, allowed: readonly T[], fallback: T): T {
  if (raw === undefined) return fallback;
  if (!(allowed as readonly string[]).includes(raw)) throw badParameter(name, `expected one of ${allowed.join(', ')}, got ${quote(raw)}`);
  return raw as T;
}

// eslint-disable-next-line no-control-regex -- matching the C0 control characters and DEL is the point.
export const CONTROL_CHARACTER = /[\u0000-\u001f\u007f]/;

/** Free text (a search or an item name): 1..max code points, no control characters. */
export function parseText(name: string, raw: string, max: number): string {
  if (raw.length === 0) throw badParameter(name, 'must not be empty');
  if ([...raw].length > max) throw badParameter(name, `longer than ${max} characters`);
  if (CONTROL_CHARACTER.test(raw)) throw badParameter(name, 'must not contain control characters');
  return raw;
}

function strictDate(raw: string): number {
  const ms = Date.parse(`${raw}T00:00:00Z`);
  return !Number.isNaN(ms) && new Date(ms).toISOString().slice(0, 10) === raw ? ms : NaN;
}

/** Date.parse rolls 2026-02-30 over to 2 March and takes 24:00: every field is checked first. */
function strictDateTime(raw: string): number {
  const [, day, hh, mm, ss, , zone, zh, zm] = ISO_DATE_TIME.exec(raw) as RegExpExecArray;
  if (Number.isNaN(strictDate(day as string))) return NaN;
  if (Number(hh) > 23 || Number(mm) > 59 || Number(ss ?? 0) > 59) return NaN;
  if (zone !== 'Z' && (Number(zh) > 14 || Number(zm) > 59)) return NaN;
  return Date.parse(raw);
}

function quote(raw: string): string {
  return JSON.stringify(raw.length > 40 ? `${raw.slice(0, 40)}…` : raw);
}
