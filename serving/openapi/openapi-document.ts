// The OpenAPI 3.1 description of /api/v1, served at /api/v1/openapi.json.
// Hand-written next to the routes it describes; int64 values are strings.

import { REPORT_FILES } from '../../common/contract';

const int64 = { type: 'string', pattern: '^-?[0-9]{1,19}$', description: 'int64 as a decimal string' };
const time = { type: 'string', description: 'YYYY-MM-DD (UTC midnight), ISO 8601 date-time with zone, or epoch milliseconds' };
const format = {
  name: 'format',
  in: 'query',
  schema: { type: 'string', enum: ['json', 'csv'] },
  description: 'csv for a table (also Accept: text/csv)',
};
const q = (name: string, schema: object, description: string, required = false) => ({ name, in: 'query', required, schema, description });
const p = (name: string, schema: object, description: string) => ({ name, in: 'path', required: true, schema, description });
const errors = {
  '400': {
    description:
      'Bad parameter: {"error":{"status":400,"code":"bad_parameter","parameter":"from","message":"...","request_id":"..."}}; every error body carries code and request_id (also X-Request-Id)',
  },
  '401': { description: 'Missing or unknown API key (when keys are configured)' },
  '403': {
    description:
      'Host/Origin not allowed (host_not_allowed), a client not on this machine while no keys are configured, or a role that may not do this',
  },
  '429': { description: 'Rate limit; see Retry-After' },
  '503': { description: 'A store is unavailable' },
};
const ok = (description: string) => ({ '200': { description }, ...errors });
const merged =
  'The answer names the watermark and, in "sources", which view served which part: days at or before the watermark come from the batch view (hour buckets), later time from the speed view (minute buckets).';

export const openApiDocument = {
  openapi: '3.1.0',
  info: {
    title: 'Utopia detections serving API',
    version: '1.0.0',
    description: 'Merged batch and speed views of camera detections. All int64 values are decimal strings.',
  },
  servers: [{ url: '/api/v1' }],
  components: {
    securitySchemes: { bearer: { type: 'http', scheme: 'bearer' }, apiKey: { type: 'apiKey', in: 'header', name: 'X-API-Key' } },
    schemas: { int64 },
  },
  security: [{ bearer: [] }, { apiKey: [] }, {}],
  paths: {
    '/locations': {
      get: {
        summary: 'Search locations by name (case-insensitive substring), paged',
        parameters: [
          q('q', { type: 'string', maxLength: 500 }, 'name contains'),
          q('offset', { type: 'integer', minimum: 0 }, 'skip'),
          q('limit', { type: 'integer', minimum: 1 }, 'page size (at most API_MAX_PAGE_SIZE)'),
          format,
        ],
        responses: ok('{reference_version,total,offset,limit,items:[{geographical_location_oid,geographical_location}]}'),
      },
    },
    '/locations/{oid}': {
      get: {
        summary: 'One location of the current reference data',
        parameters: [p('oid', int64, 'geographical_location_oid')],
        responses: { ...ok('{geographical_location_oid,geographical_location}'), '404': { description: 'unknown oid' } },
      },
    },
    '/locations/{oid}/recent': {
      get: {
        summary: 'Live feed: newest detections of a location, paged by cursor',
        parameters: [
          p('oid', int64, 'geographical_location_oid'),
          q('limit', { type: 'integer', minimum: 1 }, 'page size'),
          q('cursor', { type: 'string' }, '"next" of the previous page'),
          format,
        ],
        responses: ok('{items:[detection],next}'),
      },
    },
    '/detections/{oid}': {
      get: {
        summary: 'One detection by detection_oid',
        parameters: [p('oid', int64, 'detection_oid')],
        responses: {
          ...ok(
            '{detection_oid,geographical_location_oid,video_camera_oid,item_name,timestamp_detected,detected_at,geographical_location,location_known,lineage}',
          ),
          '404': { description: 'not found' },
        },
      },
    },
    '/counts': {
      get: {
        summary:
          'Distinct detections over time by location and/or item. ' +
          merged +
          ' Minute granularity over a batch day is refused (400 on granularity). The range is widened to whole buckets. Over API_MAX_ROW_KEYS view rows (locations x buckets): 413 query_too_large.',
        parameters: [
          q('from', time, 'start (inclusive)', true),
          q('to', time, 'end (exclusive); default now'),
          q('granularity', { type: 'string', enum: ['minute', 'hour', 'day'], default: 'hour' }, 'bucket size'),
          q('location', { type: 'string' }, '"all" (default) or up to 20 comma-separated oids, one series each'),
          q('item', { type: 'string' }, 'only this item_name'),
          format,
        ],
        responses: ok('{granularity,from,to,watermark,sources,series:[{location,location_name,item,total,points:[{start,count,source}]}]}'),
      },
    },
    '/top-items': {
      get: {
        summary:
          'Top-X items of a location over a range: distinct detection_oid per item_name, by count desc then item_name asc, ranks 1..X (row_number). ' +
          merged +
          ' More than 10,000 buckets: 413 query_too_large.',
        parameters: [
          q('from', time, 'start', true),
          q('to', time, 'end; default now'),
          q('location', { type: 'string' }, '"all" (default) or an oid'),
          q('limit', { type: 'integer', minimum: 1, maximum: 1000, default: 10 }, 'X'),
          format,
        ],
        responses: ok(
          '{location,location_name,from,to,watermark,sources,items:[{geographical_location,item_rank,item_name,geographical_location_oid,item_count}]}',
        ),
      },
    },
    '/quality': {
      get: {
        summary:
          'Data quality: duplicates dropped, dead letters, late events, unknown locations, duplicate rate, throughput, consumer lag per group, batch watermark, last batch run and reconciliation',
        responses: ok('quality figures'),
      },
    },
    '/reports/{date}': {
      get: {
        summary: 'Files of the nightly report of a day (HDFS)',
        parameters: [p('date', { type: 'string', format: 'date' }, 'event day')],
        responses: { ...ok('{date,files:[{name,bytes,modifiedAt,href}]}'), '404': { description: 'no report' } },
      },
    },
    '/reports/{date}/{file}': {
      get: {
        summary: 'One report file',
        parameters: [
          p('date', { type: 'string', format: 'date' }, 'event day'),
          p('file', { type: 'string', enum: Object.values(REPORT_FILES) }, 'file'),
        ],
        responses: { ...ok('the file'), '404': { description: 'no such file' } },
      },
    },
    '/health': {
      get: {
        summary: "Each store's state (hbase, hdfs, kafka); 503 when one is down",
        responses: { '200': { description: 'all up' }, '503': { description: 'degraded' } },
      },
    },
    '/jobs': { get: { summary: 'Recent admin jobs', responses: ok('{jobs:[job]}') } },
    '/jobs/{id}': {
      get: {
        summary: 'One job: state running|succeeded|failed, exit code, output tail (admin keys only; redacted for others)',
        parameters: [p('id', { type: 'string' }, 'job id')],
        responses: ok('job'),
      },
    },
    '/jobs/batch-runs': {
      post: {
        summary: 'Start `utopia batch run --date D` (admin key)',
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: {
                type: 'object',
                properties: { date: { type: 'string', format: 'date' } },
                required: ['date'],
                additionalProperties: false,
              },
            },
          },
        },
        responses: {
          ...errors,
          '202': { description: 'job started' },
          '403': { description: 'not an admin key, no keys configured (admin routes off), or Host/Origin not allowed' },
          '409': { description: 'a batch run is already running' },
        },
      },
    },
    '/jobs/reference-loads': {
      post: {
        summary: 'Start `utopia reference load <path>` (admin key)',
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: { type: 'object', properties: { path: { type: 'string' } }, required: ['path'], additionalProperties: false },
            },
          },
        },
        responses: {
          ...errors,
          '202': { description: 'job started' },
          '403': { description: 'not an admin key, no keys configured (admin routes off), or Host/Origin not allowed' },
          '409': { description: 'a load is already running' },
        },
      },
    },
  },
} as const;
