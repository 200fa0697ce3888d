// GET /api/v1/counts and GET /api/v1/top-items: the merged views.

import { Router } from 'express';
import { ALL_LOCATIONS } from '../../common/contract';
import type { ServingDeps } from '../deps';
import { badParameter } from '../errors';
import { RenderedBodies } from '../http/rendered-bodies';
import { renderAnswer, sendRendered, wantedFormat } from '../http/respond';
import { GRANULARITIES, sumPoints } from '../merge';
import { readQuery } from '../params/query-params';
import { parseEnum, parseIntParam, parseOid, parseText, parseTime } from '../params/parse-values';
import { iso, presentPlan } from './present';

const MAX_SERIES = 20;
const MAX_TOP = 1000;

export function countsRoutes(deps: ServingDeps): Router {
  const router = Router();
  const bodies = new RenderedBodies();

  router.get('/counts', async (req, res) => {
    const q = readQuery(req.query, ['from', 'to', 'granularity', 'location', 'item', 'format']);
    const format = wantedFormat(req, q.format);
    const { fromMs, toMs } = timeRange(q.from, q.to);
    const granularity = parseEnum('granularity', q.granularity, GRANULARITIES, 'hour');
    const locations = parseLocations(q.location);
    const itemName = q.item === undefined ? null : parseText('item', q.item, 5000);
    const answer = await deps.query.counts({ locations, itemName, fromMs, toMs, granularity });
    const names = await Promise.all(answer.series.map((s) => locationName(deps, s.location)));
    // Rendered once per cached answer (and format, granularity, names), not per request.
    const text = bodies.text(answer, `${format}|${granularity}|${JSON.stringify(names)}`, () => {
      const series = answer.series.map((s, i) => ({
        location: label(s.location),
        location_name: names[i],
        item: s.itemName,
        total: sumPoints(s.points).toString(),
        points: s.points.map((p) => ({ start: iso(p.startMs), count: p.count.toString(), source: p.source })),
      }));
      return renderAnswer(
        format,
        () => ({ granularity, ...presentPlan(answer.plan), series }),
        () => ({
          columns: ['location', 'location_name', 'item', 'bucket_start', 'count', 'source'],
          rows: series.flatMap((s) => s.points.map((p) => [s.location, s.location_name, s.item, p.start, p.count, p.source])),
        }),
      );
    });
    sendRendered(res, format, text);
  });

  router.get('/top-items', async (req, res) => {
    const q = readQuery(req.query, ['from', 'to', 'location', 'limit', 'format']);
    const format = wantedFormat(req, q.format);
    const { fromMs, toMs } = timeRange(q.from, q.to);
    const location = q.location === undefined || q.location === 'all' ? ALL_LOCATIONS : parseOid('location', q.location);
    const limit = parseIntParam('limit', q.limit, 10, 1, MAX_TOP);
    const answer = await deps.query.topItems({ location, fromMs, toMs, limit });
    const name = await locationName(deps, location);
    const text = bodies.text(answer, `${format}|${label(location)}|${JSON.stringify(name)}`, () => {
      const items = answer.items.map((item) => ({
        geographical_location_oid: label(location),
        geographical_location: name,
        item_rank: item.rank,
        item_name: item.itemName,
        item_count: item.count.toString(),
      }));
      return renderAnswer(
        format,
        () => ({ location: label(location), location_name: name, ...presentPlan(answer.plan), items }),
        () => ({
          columns: ['geographical_location', 'item_rank', 'item_name', 'geographical_location_oid', 'item_count'],
          rows: items.map((i) => [i.geographical_location, i.item_rank, i.item_name, i.geographical_location_oid, i.item_count]),
        }),
      );
    });
    sendRendered(res, format, text);
  });

  return router;
}

function timeRange(from: string | undefined, to: string | undefined): { fromMs: number; toMs: number } {
  if (from === undefined) throw badParameter('from', 'required (YYYY-MM-DD, ISO 8601 date-time or epoch ms)');
  const fromMs = parseTime('from', from);
  const toMs = to === undefined ? Date.now() : parseTime('to', to);
  if (toMs <= fromMs) throw badParameter('to', 'must be after from');
  return { fromMs, toMs };
}

/** "all" (or absent) = every location (oid 0 in the views), else up to 20 comma-separated oids. */
function parseLocations(raw: string | undefined): bigint[] {
  if (raw === undefined || raw === 'all') return [ALL_LOCATIONS];
  const parts = raw.split(',');
  if (parts.length > MAX_SERIES) throw badParameter('location', `at most ${MAX_SERIES} locations per request`);
  const oids = parts.map((part) => parseOid('location', part.trim()));
  if (new Set(oids).size !== oids.length) throw badParameter('location', 'a location is listed twice');
  return oids;
}

function label(location: bigint): string {
  return location === ALL_LOCATIONS ? 'all' : location.toString();
}

async function locationName(deps: ServingDeps, location: bigint): Promise<string | null> {
  return location === ALL_LOCATIONS ? 'All locations' : deps.reference.nameOf(location);
}
