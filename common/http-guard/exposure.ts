// The exposure rule every HTTP server of the project follows: it may listen on
// a non-loopback address only when API keys protect it.

import { ConfigError } from '../errors';
import { isLoopbackHost } from './loopback';

export interface ExposureInput {
  /** What listens, for the message: "the API", "the HTTP ingest". */
  readonly what: string;
  readonly host: string;
  readonly hostVariable: string;
  readonly keyCount: number;
  readonly keyVariables: readonly string[];
}

/** Throws ConfigError for a non-loopback host without keys; else says how the server is protected. */
export function checkExposure(input: ExposureInput): string {
  const keyed = input.keyCount > 0;
  if (!keyed && !isLoopbackHost(input.host)) {
    throw new ConfigError(
      `${input.hostVariable}=${input.host} is not a loopback address and ${input.what} has no API keys configured: set ${input.keyVariables.join(' / ')}, or listen on 127.0.0.1`,
    );
  }
  return keyed ? `API keys required (${input.keyCount})` : 'no API keys configured: loopback only';
}
