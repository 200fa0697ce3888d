// `utopia ingest`: the ingest app on INGEST_HOST:INGEST_PORT with its own Kafka producer.
// The exposure rule of the API holds here too: a non-loopback INGEST_HOST needs INGEST_API_KEYS.

import type { Server } from 'node:http';
import type { Config } from '../../common/config';
import { Partitioners } from 'kafkajs';
import { checkExposure } from '../../common/http-guard';
import { createKafka } from '../../common/kafka';
import type { Logger } from '../../common/log';
import { createIngestApp } from './ingest-app';

export interface IngestServer {
  readonly url: string;
  close(): Promise<void>;
}

/** Throws ConfigError for a non-loopback INGEST_HOST without ingest keys; else says how the ingest is protected. */
export function checkIngestExposure(config: Config): string {
  return checkExposure({
    what: 'the HTTP ingest',
    host: config.ingest.host,
    hostVariable: 'INGEST_HOST',
    keyCount: config.ingest.keys.length,
    keyVariables: ['INGEST_API_KEYS'],
  });
}

export async function startIngestServer(config: Config, log: Logger, port = config.ingest.port): Promise<IngestServer> {
  const exposure = checkIngestExposure(config);
  const producer = createKafka(config, { clientIdSuffix: 'ingest', logger: log.child('kafka') }).producer({
    idempotent: true,
    maxInFlightRequests: 1,
    createPartitioner: Partitioners.DefaultPartitioner,
  });
  await producer.connect();
  const app = createIngestApp({
    producer,
    keys: config.ingest.keys,
    bindHost: config.ingest.host,
    allowedHosts: config.ingest.allowedHosts,
    detectionsTopic: config.kafka.detectionsTopic,
    deadLetterTopic: config.kafka.deadLetterTopic,
    maxBodyBytes: config.ingest.maxBodyBytes,
    maxRecords: config.ingest.maxRecords,
    log,
  });
  const server = await new Promise<Server>((resolve, reject) => {
    const s = app.listen(port, config.ingest.host, () => resolve(s));
    s.once('error', reject);
  });
  const address = server.address();
  const url = `http://${config.ingest.host}:${typeof address === 'object' && address ? address.port : port}`;
  log.info(`ingest listening on ${url}/ingest (${exposure})`);
  return {
    url,
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await producer.disconnect();
    },
  };
}
