// Reads a request's query string against the list of parameters a route
// accepts: an unknown or repeated parameter is a 400 naming it, before any
// value is parsed (and long before anything reaches HBase or HDFS).

import { badParameter } from '../errors';

export type QueryInput = Readonly<Record<string, unknown>>;

/** The single string value of each known parameter; undefined where absent. */
export function readQuery<K extends string>(query: QueryInput, allowed: readonly K[]): Partial<Record<K, string>> {
  const out: Partial<Record<K, string>> = {};
  for (const [name, value] of Object.entries(query)) {
    if (!(allowed as readonly string[]).includes(name)) {
      throw badParameter(name.slice(0, 60), `unknown parameter (allowed: ${allowed.join(', ') || 'none'})`);
    }
    if (typeof value !== 'string') throw badParameter(name, 'given more than once or with brackets; give it once');
    if (value.length > 1000) throw badParameter(name, 'longer than 1000 characters');
    out[name as K] = value;
  }
  return out;
}
