// Parsers for setting values; each throws an Error whose message says what was expected.
// config.ts reads the environment through them, so they import nothing from it.

import { ConfigError } from '../errors';

export interface HostPort {
  readonly host: string;
  readonly port: number;
}

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export function parseString(raw: string): string {
  const value = raw.trim();
  if (value === '') throw new ConfigError('must not be empty');
  return value;
}

export function parsePositiveInt(raw: string): number {
  if (!/^\d+$/.test(raw.trim())) throw new ConfigError('expected a positive whole number');
  const value = Number(raw);
  if (!Number.isSafeInteger(value) || value <= 0) throw new ConfigError('expected a positive whole number');
  return value;
}

export function parseNonNegativeInt(raw: string): number {
  const value = Number(raw.trim());
  if (!/^\d+$/.test(raw.trim()) || !Number.isSafeInteger(value)) throw new ConfigError('expected a whole number >= 0');
  return value;
}

/** Comma-separated secrets (API keys); empty means none. Short keys are refused: they can be guessed. */
export function parseKeyList(raw: string): string[] {
  const keys = raw
    .split(',')
    .map((key) => key.trim())
    .filter(Boolean);
  if (keys.some((key) => key.length < 16)) throw new ConfigError('each key must be at least 16 characters');
  if (keys.some((key) => !/^[\x21-\x7e]+$/.test(key))) throw new ConfigError('keys must be printable ASCII without spaces');
  return keys;
}

/** Comma-separated host names (name or name:port); empty means none. */
export function parseNameList(raw: string): string[] {
  const names = raw
    .split(',')
    .map((name) => name.trim())
    .filter(Boolean);
  for (const name of names)
    if (!/^(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9.-]+)(:\d{1,5})?$/.test(name))
      throw new ConfigError(`expected host names (name or name:port), got ${JSON.stringify(name)}`);
  return names;
}

/** A TCP port, or 0 for "no listener". */
export function parsePortOrOff(raw: string): number {
  const value = parseNonNegativeInt(raw);
  if (value > 65535) throw new ConfigError('expected a port from 1 to 65535, or 0 for none');
  return value;
}

export function parseIntInRange(min: number, max: number): (raw: string) => number {
  return (raw) => {
    const value = parsePositiveInt(raw);
    if (value < min || value > max) throw new ConfigError(`expected a whole number from ${min} to ${max}`);
    return value;
  };
}

export function parseBoolean(raw: string): boolean {
  const value = raw.trim().toLowerCase();
  if (['true', '1', 'yes'].includes(value)) return true;
  if (['false', '0', 'no'].includes(value)) return false;
  throw new ConfigError('expected true or false');
}

export function parseHBaseClient(raw: string): 'native' | 'legacy' {
  const value = raw.trim().toLowerCase();
  if (value === 'native' || value === 'legacy') return value;
  throw new ConfigError('expected native or legacy');
}

export function parseLogLevel(raw: string): LogLevel {
  const value = raw.trim().toLowerCase();
  if (value === 'debug' || value === 'info' || value === 'warn' || value === 'error') return value;
  throw new ConfigError('expected debug, info, warn or error');
}

export type LogFormat = 'text' | 'json';

export function parseLogFormat(raw: string): LogFormat {
  const value = raw.trim().toLowerCase();
  if (value === 'text' || value === 'json') return value;
  throw new ConfigError('expected text or json');
}

export function parseHostPort(raw: string): HostPort {
  const match = /^\[?([^\]\s]+?)\]?:(\d{1,5})$/.exec(raw.trim());
  const port = match ? Number(match[2]) : NaN;
  if (!match || port < 1 || port > 65535) throw new ConfigError(`expected host:port, got ${JSON.stringify(raw)}`);
  return { host: match[1] as string, port };
}

export function parseHostPortList(raw: string): HostPort[] {
  const items = raw
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
  if (items.length === 0) throw new ConfigError('expected at least one host:port');
  return items.map(parseHostPort);
}

export function parseHttpUrl(raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw new ConfigError('expected an http:// or https:// URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new ConfigError('expected an http:// or https:// URL');
  return url;
}

export function parseHdfsPath(raw: string): string {
  const value = raw.trim().replace(/\/+$/, '');
  if (!value.startsWith('/')) throw new ConfigError('expected an absolute path starting with /');
  return value === '' ? '/' : value;
}

export function parseOneOf<T extends string>(raw: string, allowed: readonly T[]): T {
  const value = raw.trim().toLowerCase();
  const found = allowed.find((a) => a === value);
  if (found === undefined) throw new ConfigError(`expected one of ${allowed.join(', ')}`);
  return found;
}

/** `key=value` pairs separated by `;` (values may hold spaces, commas and `=`); empty means none. */
export function parseSparkConf(raw: string): (readonly [string, string])[] {
  const pairs: (readonly [string, string])[] = [];
  for (const part of raw
    .split(';')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const at = part.indexOf('=');
    if (at <= 0 || !/^[A-Za-z0-9._-]+$/.test(part.slice(0, at).trim()))
      throw new ConfigError(`expected key=value pairs separated by ';', got ${JSON.stringify(part)}`);
    pairs.push([part.slice(0, at).trim(), part.slice(at + 1).trim()]);
  }
  return pairs;
}

export function parseVersion(raw: string): string {
  const value = raw.trim();
  if (!/^\d+\.\d+\.\d+$/.test(value)) throw new ConfigError('expected a version such as 4.3.0');
  return value;
}
