// Public surface of the HTTP ingest.

export { createIngestApp, INGEST_SOURCE, type IngestAppOptions } from './ingest-app';
export { checkIngestExposure, startIngestServer, type IngestServer } from './ingest-server';
export { parseBody, formatOf, type RawRecord, type BodyFormat } from './parse-body';
