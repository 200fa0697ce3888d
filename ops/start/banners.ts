// What `npm start` prints once the pipeline runs: where to look and what the
// newcomer sees. Pure text, kept apart from the orchestration.

import { REPORT_FILES } from '../../common/contract';
import type { DemoWindow } from './demo-plan';

export function dashboardUrl(host: string, port: number): string {
  // A wildcard address is reachable on the loopback one.
  const shown = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
  return `http://${shown}:${port}/`;
}

export function liveBanner(url: string, rate: number, withScheduler: boolean): string {
  return [
    '',
    `  Dashboard: ${url}`,
    `  API:       ${url}api/v1/openapi.json`,
    rate > 0
      ? `  Running: simulator (${rate} events/s), speed layer, landing writer${withScheduler ? ', batch scheduler (BATCH_CRON)' : ''}, API`
      : `  Running: speed layer, landing writer${withScheduler ? ', batch scheduler' : ''}, API (no simulator: publish with \`npx utopia simulate\` or POST to \`npx utopia ingest\`)`,
    '  Ctrl-C stops everything.',
    '',
  ].join('\n');
}

export function demoBanner(url: string, window: DemoWindow, rate: number, namespace: string): string {
  const counts = `${url}api/v1/counts?from=${window.closedDay}&granularity=hour`;
  return [
    '',
    `  Demo ready. Dashboard: ${url}`,
    `  ${window.closedDay} (yesterday, closed): compacted by the nightly batch into the Parquet warehouse;`,
    `      served from the batch view, as the batch watermark is now ${window.closedDay}.`,
    `  ${window.openDay} (today, open): served from the speed view in HBase, growing live${rate > 0 ? ` (simulator at ${rate} events/s)` : ''}.`,
    `  Each answer says which source served which part: curl '${counts}'`,
    `  Yesterday's nightly report: ${url}api/v1/reports/${window.closedDay}/${REPORT_FILES.html}`,
    `  The demo's data lives in HBase namespace ${namespace} (and its own topics and HDFS root) until the next --demo.`,
    '  Ctrl-C stops everything.',
    '',
  ].join('\n');
}
