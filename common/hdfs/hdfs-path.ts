// Pure helpers for HDFS paths: validation, joining, and the hidden temporary sibling
// used by writeAtomically. Names starting with '.' are skipped by Hive, Spark and
// pyarrow dataset readers, so a half-written temporary file is never read as data.

import { randomBytes } from 'node:crypto';
import { HdfsError } from '../errors';

/** Checks that `path` is absolute and has no '.', '..' or empty segments; drops a trailing '/'. */
export function checkHdfsPath(path: string, operation = 'path'): string {
  if (typeof path !== 'string' || !path.startsWith('/')) {
    throw new HdfsError(operation, String(path), undefined, 'expected an absolute path starting with /');
  }
  if (path === '/') return path;
  const segments = path.replace(/\/$/, '').split('/').slice(1);
  for (const segment of segments) {
    if (segment === '' || segment === '.' || segment === '..') {
      throw new HdfsError(operation, path, undefined, `invalid path segment ${JSON.stringify(segment)}`);
    }
    if (segment.includes(':')) {
      // HDFS rejects ':' in names (DFSUtil.isValidName); fail here with a clearer message.
      throw new HdfsError(operation, path, undefined, `HDFS names cannot contain ':' (${JSON.stringify(segment)})`);
    }
  }
  return '/' + segments.join('/');
}

/** Joins segments under an absolute base: joinHdfsPath('/a', 'b/c', 'd') === '/a/b/c/d'. */
export function joinHdfsPath(base: string, ...parts: string[]): string {
  const joined = [base, ...parts].join('/').replace(/\/{2,}/g, '/');
  return checkHdfsPath(joined.length > 1 ? joined.replace(/\/$/, '') : joined);
}

export function parentOf(path: string): string {
  const index = path.lastIndexOf('/');
  return index <= 0 ? '/' : path.slice(0, index);
}

export function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/** The URL form of a path: each segment percent-encoded, so '%', '#', '?' and spaces survive. */
export function encodeHdfsPath(path: string): string {
  return path.split('/').map(encodeURIComponent).join('/');
}

/** `.<name>.tmp-<random>` in the same folder: a rename from it stays inside one directory. */
export function temporarySibling(finalPath: string, random: () => string = () => randomBytes(6).toString('hex')): string {
  const parent = parentOf(finalPath);
  const name = `.${baseName(finalPath)}.tmp-${random()}`;
  return parent === '/' ? `/${name}` : `${parent}/${name}`;
}
