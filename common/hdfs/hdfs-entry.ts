import { ContractError } from '../errors';
// One entry of a folder listing, decoded from WebHDFS's FileStatus JSON
// ({"pathSuffix","type","length","modificationTime",...}).

export type HdfsEntryType = 'FILE' | 'DIRECTORY' | 'SYMLINK';

export interface HdfsEntry {
  readonly name: string;
  readonly type: HdfsEntryType;
  /** Bytes; 0 for directories. */
  readonly length: number;
  /** Epoch milliseconds. */
  readonly modificationTime: number;
}

/** Decodes one FileStatus; `fallbackName` names it when pathSuffix is empty (GETFILESTATUS). */
export function decodeFileStatus(status: unknown, fallbackName: string): HdfsEntry {
  if (typeof status !== 'object' || status === null) throw new ContractError('FileStatus is not an object');
  const { pathSuffix, type, length, modificationTime } = status as Record<string, unknown>;
  if (type !== 'FILE' && type !== 'DIRECTORY' && type !== 'SYMLINK')
    throw new ContractError(`unknown FileStatus type ${JSON.stringify(type)}`);
  if (typeof length !== 'number' || typeof modificationTime !== 'number')
    throw new ContractError('FileStatus lacks length or modificationTime');
  const name = typeof pathSuffix === 'string' && pathSuffix !== '' ? pathSuffix : fallbackName;
  return { name, type, length, modificationTime };
}

/** Decodes a LISTSTATUS body: {"FileStatuses":{"FileStatus":[...]}}. */
export function decodeListing(body: unknown): HdfsEntry[] {
  const statuses = (body as { FileStatuses?: { FileStatus?: unknown } } | null)?.FileStatuses?.FileStatus;
  if (!Array.isArray(statuses)) throw new ContractError('LISTSTATUS answer lacks FileStatuses.FileStatus');
  return statuses.map((status) => decodeFileStatus(status, ''));
}

/** Decodes a GETFILESTATUS body: {"FileStatus":{...}}. */
export function decodeStatus(body: unknown, name: string): HdfsEntry {
  return decodeFileStatus((body as { FileStatus?: unknown } | null)?.FileStatus, name);
}

/** Reads the {"boolean": true|false} answer of MKDIRS, RENAME and DELETE. */
export function decodeBoolean(body: unknown): boolean {
  const value = (body as { boolean?: unknown } | null)?.boolean;
  if (typeof value !== 'boolean') throw new ContractError('answer lacks a "boolean" field');
  return value;
}
