// The Express app: security headers, audit trail, Host/Origin check, rate
// limit per address, API key check, rate limit per key,
// the /api/v1 routes, /metrics, the dashboard's static files, and the one
// error middleware. Builds nothing itself: every store comes in ServingDeps.

import path from 'node:path';
import express, { type Express } from 'express';
import { repoRoot } from '../common/config';
import type { ServingDeps } from './deps';
import { notFound } from './errors';
import { AccessControl, authenticate } from './http/access-control';
import { auditLog } from './http/audit-log';
import { errorMiddleware } from './http/error-middleware';
import { hostCheck } from './http/host-check';
import { rateLimitByAddress, rateLimitByKey } from './http/rate-limit';
import { sendJson } from './http/respond';
import { securityHeaders } from './http/security-headers';
import { openApiDocument } from './openapi/openapi-document';
import { countsRoutes } from './routes/counts';
import { healthRoutes } from './routes/health';
import { jobRoutes } from './routes/jobs';
import { locationRoutes } from './routes/locations';
import { metricsRoutes } from './routes/metrics';
import { qualityRoutes } from './routes/quality';
import { reportRoutes } from './routes/reports';

/** Plain files of the dashboard, served from the source folder (no build step). */
export const PUBLIC_DIR = path.join(repoRoot, 'serving', 'public');
const UPLOT_DIR = path.join(repoRoot, 'node_modules', 'uplot', 'dist');

export function createApp(deps: ServingDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.disable('etag');
  app.set('query parser', 'simple');
  const access = new AccessControl(deps.config.api.viewerKeys, deps.config.api.adminKeys);

  app.use(securityHeaders);
  app.use(auditLog([(entry) => deps.metrics.record(entry), ...(deps.audit ?? [])]));
  // Before anything is answered: a Host/Origin that is not ours (DNS rebinding), then the rate limit per address.
  app.use(hostCheck(deps.config.api.host, deps.config.api.allowedHosts));
  app.use(rateLimitByAddress(deps.config.api.rateLimitPerS, deps.config.api.rateLimitBurst));

  // The dashboard page and its assets need no key: they hold no data; the page asks for a key when the API wants one.
  app.use('/vendor/uplot', express.static(UPLOT_DIR, { index: false, maxAge: '1h' }));
  // Not for API and /metrics paths: there serve-static would stat() a file that is not there on every request (a
  // thread-pool round trip and about 6% of the API's CPU at 1,000 requests/s in the bench's profile).
  const dashboardFiles = express.static(PUBLIC_DIR, { index: 'index.html', maxAge: 0 });
  app.use('/', (req, res, next) => (req.path.startsWith('/api/') || req.path === '/metrics' ? next() : dashboardFiles(req, res, next)));

  app.use(authenticate(access));
  app.use(rateLimitByKey(deps.config.api.rateLimitPerS, deps.config.api.rateLimitBurst));
  app.use((_req, res, next) => {
    res.setHeader('Cache-Control', 'no-store');
    next();
  });

  const api = express.Router();
  api.use((req, res, next) => {
    res.locals.baseUrl = req.baseUrl;
    next();
  });
  api.get('/openapi.json', (_req, res) => sendJson(res, openApiDocument));
  api.use(locationRoutes(deps), countsRoutes(deps), qualityRoutes(deps), reportRoutes(deps), healthRoutes(deps), jobRoutes(deps));
  app.use('/api/v1', api);
  app.use(metricsRoutes(deps));

  app.use((req) => {
    throw notFound(`${req.method} ${req.path.slice(0, 200)}`);
  });
  app.use(errorMiddleware(deps.log));
  return app;
}
