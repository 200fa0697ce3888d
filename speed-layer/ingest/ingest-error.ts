// The one error type of the ingest API: carries the HTTP status it maps to.

import { UtopiaError } from '../../common/errors';

export class IngestError extends UtopiaError {
  /** A stable code for clients (host_not_allowed, unauthorized, ...); else one is derived from the status. */
  readonly code: string | undefined;

  constructor(
    readonly status: number,
    message: string,
    options: { cause?: unknown; code?: string } = {},
  ) {
    super(message, { cause: options.cause });
    this.code = options.code;
  }
}
