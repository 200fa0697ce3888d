// Refuses (403) a request whose Host or Origin is not an allowed name of this
// server: the defence against DNS rebinding (common/http-guard/allowed-hosts.ts).

import type { RequestHandler } from 'express';
import { allowedHosts, hostProblem } from '../../common/http-guard';
import { ApiError } from '../errors';

export function hostCheck(bindHost: string, extraHosts: readonly string[]): RequestHandler {
  const allowed = allowedHosts(bindHost, extraHosts);
  return (req, _res, next) => {
    const problem = hostProblem(allowed, req.headers.host, req.headers.origin, req.socket.localPort, req.socket.localAddress);
    if (problem) throw new ApiError(403, 'host_not_allowed', `${problem}; allowed names are set with API_ALLOWED_HOSTS`);
    next();
  };
}
