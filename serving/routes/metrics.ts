// GET /metrics: Prometheus text from the API's registry (serving/metrics):
// the API's own figures and, read at each scrape, the state of the other
// layers in the stores. Names and meanings: serving/README.md.

import { Router } from 'express';
import type { ServingDeps } from '../deps';
import { readQuery } from '../params/query-params';

export function metricsRoutes(deps: ServingDeps): Router {
  const router = Router();
  router.get('/metrics', async (req, res) => {
    readQuery(req.query, []);
    await deps.metrics.refresh(deps);
    res
      .status(200)
      .type(deps.metrics.registry.contentType)
      .send(await deps.metrics.registry.metrics());
  });
  return router;
}
