// GET /api/v1/locations (search by name, paged), /locations/:oid,
// /locations/:oid/recent (the live feed, paged), /detections/:oid.

import { Router } from 'express';
import type { ServingDeps } from '../deps';
import { notFound } from '../errors';
import { sendAnswer, sendJson, wantedFormat } from '../http/respond';
import { readQuery } from '../params/query-params';
import { parseIntParam, parseOid, parseText } from '../params/parse-values';
import { presentDetection } from './present';

export function locationRoutes(deps: ServingDeps): Router {
  const router = Router();
  const maxPage = deps.config.api.maxPageSize;

  router.get('/locations', async (req, res) => {
    const q = readQuery(req.query, ['q', 'offset', 'limit', 'format']);
    const format = wantedFormat(req, q.format);
    const search = q.q === undefined ? undefined : parseText('q', q.q, 500);
    const offset = parseIntParam('offset', q.offset, 0, 0, 1_000_000_000);
    const limit = parseIntParam('limit', q.limit, 50, 1, maxPage);
    const page = await deps.reference.search(search, offset, limit);
    const items = page.items.map((l) => ({ geographical_location_oid: l.oid.toString(), geographical_location: l.name }));
    sendAnswer(res, format, { reference_version: page.version, total: page.total, offset, limit, items }, () => ({
      columns: ['geographical_location_oid', 'geographical_location'],
      rows: items.map((i) => [i.geographical_location_oid, i.geographical_location]),
    }));
  });

  router.get('/locations/:oid', async (req, res) => {
    readQuery(req.query, []);
    const oid = parseOid('oid', req.params.oid);
    const name = await deps.reference.nameOf(oid);
    if (name === null) throw notFound(`location ${oid} in the current reference data`);
    sendJson(res, { geographical_location_oid: oid.toString(), geographical_location: name });
  });

  router.get('/locations/:oid/recent', async (req, res) => {
    const q = readQuery(req.query, ['limit', 'cursor', 'format']);
    const format = wantedFormat(req, q.format);
    const oid = parseOid('oid', req.params.oid);
    const limit = parseIntParam('limit', q.limit, 20, 1, maxPage);
    const page = await deps.detections.recent(oid, limit, q.cursor);
    const items = page.items.map(presentDetection);
    sendAnswer(res, format, { geographical_location_oid: oid.toString(), limit, next: page.next, items }, () => ({
      columns: ['detected_at', 'detection_oid', 'geographical_location_oid', 'geographical_location', 'video_camera_oid', 'item_name'],
      rows: items.map(
        (i) =>
          [
            i.detected_at,
            i.detection_oid,
            i.geographical_location_oid,
            i.geographical_location,
            i.video_camera_oid,
            i.item_name,
          ] as string[],
      ),
    }));
  });

  router.get('/detections/:oid', async (req, res) => {
    readQuery(req.query, []);
    const oid = parseOid('oid', req.params.oid);
    const row = await deps.detections.detection(oid);
    if (!row) throw notFound(`detection ${oid}`);
    sendJson(res, presentDetection(row));
  });

  return router;
}
