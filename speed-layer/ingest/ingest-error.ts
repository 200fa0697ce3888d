// The one error type of the ingest API: carries the HTTP status it maps to.

import { UtopiaError } from '../../common/errors';

export class IngestError extends UtopiaError {
  constructor(readonly status: number, message: string, options: { cause?: unknown } = {}) {
    super(message, options);
  }
}
