// GET /api/v1/health: each store's state; 200 when all are up, else 503.

import { Router } from 'express';
import type { ServingDeps } from '../deps';
import { sendJson } from '../http/respond';
import { readQuery } from '../params/query-params';
import { checkHealth } from '../views';

export function healthRoutes(deps: ServingDeps): Router {
  const router = Router();
  router.get('/health', async (req, res) => {
    readQuery(req.query, []);
    const stores = await checkHealth(deps.health);
    const up = Object.values(stores).every((s) => s.state === 'up');
    sendJson(res, { status: up ? 'ok' : 'degraded', stores }, up ? 200 : 503);
  });
  return router;
}
