// POST /api/v1/jobs/batch-runs {"date"} and /jobs/reference-loads {"path"}
// (admin keys only) start CLI jobs; GET /jobs and /jobs/:id report them
// (their output to admin keys only).

import express, { Router } from 'express';
import type { ServingDeps } from '../deps';
import { badParameter, notFound } from '../errors';
import type { Caller } from '../http/access-control';
import { requireAdmin } from '../http/access-control';
import type { Job } from '../jobs/job-runner';
import { sendJson } from '../http/respond';
import { readQuery } from '../params/query-params';
import { CONTROL_CHARACTER, parseDay } from '../params/parse-values';

export function jobRoutes(deps: ServingDeps): Router {
  const router = Router();
  const body = express.json({ limit: '4kb', strict: true });

  router.post('/jobs/batch-runs', requireAdmin(), body, (req, res) => {
    readQuery(req.query, []);
    const fields = readBody(req.body, ['date']);
    if (typeof fields.date !== 'string') throw badParameter('date', 'required: the event day to compact, YYYY-MM-DD');
    const day = parseDay('date', fields.date);
    const job = deps.jobs.start('batch-run', ['batch', 'run', '--date', day], (res.locals.caller as Caller).id);
    sendJson(res.location(`/api/v1/jobs/${job.id}`), job, 202);
  });

  router.post('/jobs/reference-loads', requireAdmin(), body, (req, res) => {
    readQuery(req.query, []);
    const fields = readBody(req.body, ['path']);
    const path = fields.path;
    if (typeof path !== 'string' || path.length === 0 || path.length > 1000)
      throw badParameter('path', 'required: the path of the reference file (1..1000 characters)');
    if (path.startsWith('-') || CONTROL_CHARACTER.test(path))
      throw badParameter('path', 'must not start with "-" or hold control characters');
    const job = deps.jobs.start('reference-load', ['reference', 'load', path], (res.locals.caller as Caller).id);
    sendJson(res.location(`/api/v1/jobs/${job.id}`), job, 202);
  });

  router.get('/jobs', (req, res) => {
    readQuery(req.query, []);
    const caller = res.locals.caller as Caller;
    sendJson(res, { jobs: deps.jobs.list().map((job) => forCaller(job, caller)) });
  });

  router.get('/jobs/:id', (req, res) => {
    readQuery(req.query, []);
    if (!/^[0-9a-f]{16}$/.test(req.params.id)) throw badParameter('id', 'expected a job id (16 hex digits)');
    const job = deps.jobs.get(req.params.id);
    if (!job) throw notFound(`job ${req.params.id}`);
    sendJson(res, forCaller(job, res.locals.caller as Caller));
  });

  return router;
}

/** A job as a caller may see it: its output (paths, stack traces, host names) is for admins only. */
function forCaller(job: Job, caller: Caller): Job | (Omit<Job, 'output'> & { output: string }) {
  if (caller.role === 'admin') return job;
  return { ...job, output: job.output === '' ? '' : REDACTED_OUTPUT };
}

export const REDACTED_OUTPUT = '[output shown to admin keys only]';

function readBody(body: unknown, allowed: readonly string[]): Record<string, unknown> {
  if (!body || typeof body !== 'object' || Array.isArray(body))
    throw badParameter('body', 'expected a JSON object (Content-Type: application/json)');
  for (const key of Object.keys(body))
    if (!allowed.includes(key)) throw badParameter(key.slice(0, 60), `unknown field (allowed: ${allowed.join(', ')})`);
  return body as Record<string, unknown>;
}
