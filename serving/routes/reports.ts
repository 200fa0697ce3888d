// GET /api/v1/reports/:date (the files of a nightly report) and
// /reports/:date/:file (report.json, report.csv or report.html from HDFS).

import { Router } from 'express';
import type { ServingDeps } from '../deps';
import { badParameter, notFound } from '../errors';
import { sendJson } from '../http/respond';
import { readQuery } from '../params/query-params';
import { parseDay } from '../params/parse-values';
import { REPORT_FILES, type ReportFile } from '../../common/contract';
import { REPORT_CONTENT_TYPES } from '../views';

export function reportRoutes(deps: ServingDeps): Router {
  const router = Router();

  router.get('/reports/:date', async (req, res) => {
    readQuery(req.query, []);
    const day = parseDay('date', req.params.date);
    const listing = await deps.reports.list(day);
    if (!listing) throw notFound(`report for ${day}`);
    sendJson(res, { date: day, files: listing.files.map((f) => ({ ...f, href: `/api/v1/reports/${day}/${f.name}` })) });
  });

  router.get('/reports/:date/:file', async (req, res) => {
    readQuery(req.query, []);
    const day = parseDay('date', req.params.date);
    const file = req.params.file;
    // Own properties only: "constructor" or "__proto__" are in every object.
    if (!Object.hasOwn(REPORT_CONTENT_TYPES, file)) throw badParameter('file', `expected one of ${Object.values(REPORT_FILES).join(', ')}`);
    const body = await deps.reports.read(day, file as ReportFile);
    if (!body) throw notFound(`${file} for ${day}`);
    // A report page is shown as a document with no script rights of its own.
    if (file === REPORT_FILES.html)
      res.setHeader(
        'Content-Security-Policy',
        "default-src 'none'; style-src 'unsafe-inline'; img-src data:; sandbox; frame-ancestors 'none'",
      );
    res
      .status(200)
      .type(REPORT_CONTENT_TYPES[file as ReportFile])
      .send(body);
  });

  return router;
}
