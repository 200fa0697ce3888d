// The serving layer's one error type: it carries the HTTP status, a stable
// code and, for a bad request, the parameter at fault. The error middleware
// (http/error-middleware.ts) is the only place that turns errors into answers.

import { UtopiaError, type UtopiaErrorOptions } from '../common/errors';

export class ApiError extends UtopiaError {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly parameter?: string,
    options: UtopiaErrorOptions & { readonly retryAfterS?: number } = {},
  ) {
    super(message, options);
    this.retryAfterS = options.retryAfterS;
  }

  readonly retryAfterS: number | undefined;
}

/** 400 naming the parameter: "parameter from: expected ...". */
export function badParameter(parameter: string, detail: string): ApiError {
  return new ApiError(400, 'bad_parameter', `parameter ${parameter}: ${detail}`, parameter);
}

export function notFound(what: string): ApiError {
  return new ApiError(404, 'not_found', `${what} not found`);
}

export function unauthorized(detail: string): ApiError {
  return new ApiError(401, 'unauthorized', detail);
}

export function forbidden(detail: string): ApiError {
  return new ApiError(403, 'forbidden', detail);
}

export function tooManyRequests(retryAfterS: number): ApiError {
  return new ApiError(429, 'rate_limited', `rate limit exceeded; retry after ${retryAfterS} s`, undefined, { retryAfterS });
}

export function conflict(detail: string): ApiError {
  return new ApiError(409, 'conflict', detail);
}

/** A store did not answer: 503, retriable, the cause kept for the log only. */
export function unavailable(store: string, cause: unknown): ApiError {
  return new ApiError(503, 'store_unavailable', `${store} is unavailable; try again shortly`, undefined, { retriable: true, cause });
}
