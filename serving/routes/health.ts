// GET /api/v1/health: each store's state; 200 when all are up, else 503.
// A down store shows a code (timeout, unavailable); its error is logged only.

import { Router } from 'express';
import { errorMessage } from '../../common/errors';
import type { ServingDeps } from '../deps';
import { sendJson } from '../http/respond';
import { readQuery } from '../params/query-params';
import { checkHealth } from '../views';

export function healthRoutes(deps: ServingDeps): Router {
  const router = Router();
  router.get('/health', async (req, res) => {
    readQuery(req.query, []);
    const stores = await checkHealth(deps.health, 3_000, (store, error) =>
      deps.log.warn(`request ${String(res.locals.requestId)}: health probe ${store} failed: ${errorMessage(error)}`),
    );
    const up = Object.values(stores).every((s) => s.state === 'up');
    sendJson(res, { status: up ? 'ok' : 'degraded', stores }, up ? 200 : 503);
  });
  return router;
}
