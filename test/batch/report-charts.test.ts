// The nightly HTML report in a real browser (Debian's chromium via
// playwright-core): after a real batch run over one landed day, `utopia report
// show --format html` is opened from a file (it must be self-contained) and
// its charts must be drawn: every bar a visible SVG rect, as many bars as the
// report has figures, each with the figure's value, and those figures equal
// to the truth of the events sent. Leaves artifacts/report.png.

import { expect } from 'chai';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { repoRoot } from '../../common/config';
import { eventDay } from '../../common/contract';
import { runBatch, type DayReport } from '../../batch-layer';
import { generateEvents, produceEvents, truthOf, truthTopX } from '../helpers/batch-events';
import type { PageDocument } from '../helpers/page-dom';
import { runCli } from '../helpers/run-cli';
import {
  createBatchWorld,
  landedMessages,
  landingFiles,
  startLandingProcess,
  stopProcess,
  waitFor,
  type BatchWorld,
} from './batch-fixture';

// The browser's document inside page.evaluate callbacks (the project compiles without the DOM lib).
declare const document: PageDocument;

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const DAY_MS = 86_400_000;

interface DrawnBar {
  readonly label: string;
  readonly value: number;
  readonly width: number;
  readonly height: number;
}

describe('batch: the nightly HTML report draws its charts in Chromium', function () {
  this.timeout(8 * 60_000);
  const today = Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), new Date().getUTCDate());
  const day = eventDay(today - 2 * DAY_MS);
  let world: BatchWorld;
  let browser: Browser | undefined;

  before(async () => {
    if (!fs.existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} missing: apt-get install -y chromium`);
    world = await createBatchWorld('report-html');
  });

  after(async () => {
    await browser?.close();
    await world?.remove();
  });

  it('shows events per hour, top items per location and reconcile differences equal to the report', async () => {
    const events = generateEvents({
      seed: 7,
      days: [day],
      perDay: 1200,
      locations: 5,
      hotShare: 0.3,
      items: 8,
      duplicateRate: 0.05,
      firstOid: 2n ** 53n + 11n,
    });
    await produceEvents(world.config, events);
    const writer = startLandingProcess(world);
    try {
      await waitFor(
        async () => landedMessages(await landingFiles(world)) >= events.length,
        120_000,
        `all ${events.length} messages landed`,
      );
    } finally {
      await stopProcess(writer, 'SIGTERM');
    }
    const run = await runBatch({ config: world.config, hdfs: world.hdfs, hbase: world.hbase, logger: world.logger }, { date: day });
    expect(run.exitCode).to.equal(0);

    const shownJson = await runCli(['report', 'show', '--date', day, '--json'], world.env);
    expect(shownJson.code, shownJson.stderr).to.equal(0);
    const report = JSON.parse(shownJson.stdout) as DayReport;
    const truth = truthOf(events, day);
    expect(report.totals.uniqueDetections).to.equal(truth.rows.size);
    const perHour = new Array<number>(24).fill(0);
    for (const { event } of truth.rows.values()) perHour[new Date(event.timestampDetected).getUTCHours()]! += 1;
    expect(report.eventsPerHour).to.deep.equal(perHour);

    const shownHtml = await runCli(['report', 'show', '--date', day, '--format', 'html'], world.env);
    expect(shownHtml.code, shownHtml.stderr).to.equal(0);
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'report-html-')), 'report.html');
    fs.writeFileSync(file, shownHtml.stdout);

    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run'] });
    const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    // Self-contained: nothing but the file itself may be loaded.
    const outside: string[] = [];
    page.on('request', (request) => {
      if (!request.url().startsWith('file:')) outside.push(request.url());
    });
    await page.goto(`file://${file}`);
    const charts = (await page.evaluate(() => {
      const out: Record<string, { label: string; value: number; width: number; height: number }[]> = {};
      for (const svg of document.querySelectorAll('svg.chart')) {
        out[svg.getAttribute('data-chart') ?? ''] = [...svg.querySelectorAll('rect.bar')].map((rect) => {
          const box = rect.getBoundingClientRect();
          return {
            label: rect.getAttribute('data-label') ?? '',
            value: Number(rect.getAttribute('data-value')),
            width: box.width,
            height: box.height,
          };
        });
      }
      return out;
    })) as Record<string, DrawnBar[]>;
    fs.mkdirSync(path.join(repoRoot, 'artifacts'), { recursive: true });
    await page.screenshot({ path: path.join(repoRoot, 'artifacts', 'report.png'), fullPage: true });
    expect(outside, 'requests leaving the file').to.deep.equal([]);

    const drawn = (name: string): DrawnBar[] => {
      const bars = charts[name];
      expect(bars, `chart ${name} (charts: ${Object.keys(charts).join(', ')})`).to.not.equal(undefined);
      for (const bar of bars!) expect(bar.width > 0 && bar.height > 0, `${name}: bar ${bar.label} drawn with a size`).to.equal(true);
      return bars!;
    };

    // Events per hour: one column per hour, each the hour's count.
    expect(drawn('events-per-hour').map((b) => b.value)).to.deep.equal(perHour);

    // Top items per location: one chart per location (5 < the 12 charted), its bars the report's top-X of that location.
    const top = truthTopX(truth, world.config.batch.topX);
    const topCharts = Object.keys(charts).filter((name) => name.startsWith('top-items:'));
    expect(topCharts).to.have.length(top.size);
    for (const [location, items] of top) {
      const name = topCharts.find((n) => n.endsWith(`[${location}]`));
      expect(name, `chart of location ${location}`).to.not.equal(undefined);
      expect(drawn(name!).map((b) => [b.label, b.value])).to.deep.equal(items.map((i) => [i.item, i.count]));
    }

    // Reconcile differences: no speed layer ran, so every row was repaired from the warehouse.
    const rows = report.reconciliation.detectionRows;
    const counts = report.reconciliation.liveCounts;
    expect(rows.skipped).to.equal(undefined);
    expect(counts.skipped).to.equal(undefined);
    const reconcile = drawn('reconcile').map((b) => [b.label, b.value]);
    expect(reconcile).to.deep.equal([
      ['rows repaired', rows.skipped === undefined ? rows.repaired : -1],
      ['rows only in HBase', rows.skipped === undefined ? rows.hbaseOnly : -1],
      ['repairs masked', rows.skipped === undefined ? rows.masked : -1],
      ['count cells corrected', counts.skipped === undefined ? counts.cellsCorrected : -1],
    ]);
    expect(reconcile[0]![1]).to.equal(truth.rows.size);
  });
});
