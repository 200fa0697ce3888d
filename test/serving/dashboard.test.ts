// The live dashboard in a real browser (Debian's chromium via playwright-core):
// the charts, top items, feed and quality figures show the seeded truth, and
// new data shows within 2 s. Leaves a screenshot in artifacts/dashboard.png.

import { expect } from 'chai';
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { repoRoot } from '../../common/config';
import { eventDay } from '../../common/contract';
import { DAY_MS } from '../../serving/merge';
import type { SeedEvent } from '../../ops/bench/view-seeder';
import type { PageCanvas, PageDocument, PageElement } from '../helpers/page-dom';
import { createServingFixture, type ServingFixture } from './serving-fixture';
import { generateEvents, truthTop } from './truth';

// The browser's document inside page.evaluate callbacks (the project compiles without the DOM lib).
declare const document: PageDocument;

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const PLAZA = 4242n;
const ITEMS = ['car', 'bus', 'bicycle', 'pedestrian', 'truck', 'scooter', 'van', 'taxi', 'dog', 'tram', 'motorbike'];

describe('serving: live dashboard in Chromium', function () {
  this.timeout(5 * 60_000);
  let fx: ServingFixture;
  let browser: Browser;
  let page: Page;
  let events: SeedEvent[];
  const locations = new Map<bigint, string>(
    Array.from({ length: 10_000 }, (_, i) => [BigInt(i + 1), `Camera site ${String(i + 1).padStart(5, '0')}`]),
  );
  locations.set(PLAZA, 'Central Plaza');

  before(async function () {
    if (!fs.existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} missing: apt-get install -y chromium`);
    fx = await createServingFixture();
    const now = Date.now();
    events = generateEvents(
      800,
      now - 50 * 60_000,
      now - 5_000,
      new Map([
        [PLAZA, 'Central Plaza'],
        [17n, locations.get(17n)!],
      ]),
      ITEMS,
    ).distinct;
    await fx.seeder.reference('20261122T000000Z', locations);
    await seed(events);
    // Run just after midnight UTC, some events fall on the watermark day: the batch view has them too.
    await fx.seeder.batchCounts(events.filter((e) => e.timestampMs < boundaryMs()));
    await fx.seeder.watermark(eventDay(now - 86_400_000));
    await fx.seeder.reconciliation({ day: eventDay(now - 86_400_000), status: 'ok', repaired: 12, onlyInHBase: 0, drifted: 1 });
    await fx.seeder.speedMetrics({
      instance: 'speed-1',
      updatedAt: Date.now() + 60_000,
      eventsPerSecond: 9876,
      batchLatencyMs: { p50: 5, p99: 30 },
      lagByPartition: {},
      rssBytes: 1,
    });
    await fx.seeder.quality([
      { counter: 'accepted', partition: 0, count: 800n },
      { counter: 'duplicates', partition: 0, count: 64n },
      { counter: 'dead_letters', partition: 1, count: 5n },
    ]);
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    });
    page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
    page.on('pageerror', (error) => console.error(`page error: ${error.message}`));
  });

  after(async () => {
    await browser?.close();
    await fx?.close();
  });

  async function seed(all: readonly SeedEvent[]): Promise<void> {
    await fx.seeder.speedCounts(all);
    await fx.seeder.detections(all);
  }

  const plaza = () => events.filter((e) => e.locationOid === PLAZA);
  /** End of the watermark day (yesterday): minute buckets exist only after it. */
  const boundaryMs = () => Math.floor(Date.now() / DAY_MS) * DAY_MS;
  const plazaMinutes = () => plaza().filter((e) => e.timestampMs >= boundaryMs());

  async function waitForTotal(selector: string, expected: number, timeoutMs: number): Promise<number> {
    const started = Date.now();
    await page.waitForFunction(
      ([sel, want]) => document.querySelector(sel)?.getAttribute('data-total') === String(want),
      [selector, expected] as const,
      { timeout: timeoutMs, polling: 50 },
    );
    return Date.now() - started;
  }

  async function waitForText(selector: string, expected: string, timeoutMs: number): Promise<void> {
    try {
      await page.waitForFunction(([sel, want]) => document.querySelector(sel)?.textContent === want, [selector, expected] as const, {
        timeout: timeoutMs,
        polling: 50,
      });
    } catch {
      expect(await page.textContent(selector), selector).to.equal(expected);
    }
  }

  it('shows the truth for a location picked by search among 10,000', async () => {
    await page.goto(fx.server.url);
    await page.waitForFunction(() => document.querySelector('#chart-minutes')?.getAttribute('data-total') !== '', null, {
      timeout: 10_000,
    });
    await waitForText('#kpi-watermark', eventDay(Date.now() - 86_400_000), 5_000);
    await page.fill('#location-search', 'plaza');
    await page.click('#location-results li[data-oid="4242"]');
    expect(await page.textContent('#location-title')).to.equal('Central Plaza');
    await waitForTotal('#chart-minutes', plazaMinutes().length, 5_000);
    await waitForTotal('#chart-hours', plaza().length, 5_000);
    expect(await page.textContent('#kpi-hour')).to.equal(plazaMinutes().length.toLocaleString('en-US'));

    // The charts really drew: uPlot canvases with painted pixels.
    const painted = await page.evaluate(() =>
      [...document.querySelectorAll('.chart canvas')].map((c) => {
        const canvas = c as PageCanvas;
        const data = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
        let n = 0;
        for (let i = 3; i < data.length; i += 4) if (data[i]! > 0) n++;
        return n;
      }),
    );
    expect(painted).to.have.length(2);
    for (const n of painted) expect(n).to.be.greaterThan(1000);

    const top = await page.$$eval('#top-items li', (lis) =>
      lis.map((li, i) => ({
        item_rank: i + 1,
        item_name: (li as PageElement).dataset.item,
        item_count: (li as PageElement).dataset.count,
      })),
    );
    expect(top).to.deep.equal(truthTop(events, { location: PLAZA, fromMs: 0, toMs: Date.now() }, 10));

    await page.waitForSelector('#feed tr td:nth-child(5)');
    const newest = [...plaza()]
      .sort((a, b) => b.timestampMs - a.timestampMs)
      .slice(0, 15)
      .map((e) => e.detectionOid.toString());
    expect(await page.$$eval('#feed tr td:nth-child(5)', (tds) => tds.map((td) => (td as PageElement).textContent))).to.deep.equal(newest);

    await waitForText('#kpi-dead', '5', 5_000);
    await waitForText('#kpi-dup', `${((64 / 864) * 100).toFixed(2)} %`, 5_000);
    await waitForText('#kpi-eps', '9,876', 5_000);
  });

  it('updates within 2 s when new data arrives, and keeps a screenshot', async () => {
    const now = Date.now();
    const fresh = generateEvents(37, now - 2_000, now, new Map([[PLAZA, 'Central Plaza']]), ['tram']).distinct;
    events = [...events, ...fresh];
    const writeStarted = Date.now();
    await seed(events);
    await fx.seeder.quality([{ counter: 'dead_letters', partition: 1, count: 9n }]);
    const writeMs = Date.now() - writeStarted;
    const tookMs = await waitForTotal('#chart-minutes', plazaMinutes().length, 2_000);
    console.log(`      writing the new data took ${writeMs} ms; the dashboard showed it ${tookMs} ms after the write completed`);
    await waitForTotal('#chart-hours', plaza().length, 2_000);
    await page.waitForFunction(
      (oid) => document.querySelector('#feed tr td:nth-child(5)')?.textContent === oid,
      [...fresh].sort((a, b) => b.timestampMs - a.timestampMs)[0]!.detectionOid.toString(),
      { timeout: 2_000 },
    );
    await waitForText('#kpi-dead', '9', 2_000);
    await page.waitForTimeout(300);
    const file = path.join(repoRoot, 'artifacts', 'dashboard.png');
    fs.mkdirSync(path.dirname(file), { recursive: true });
    await page.screenshot({ path: file, fullPage: true });
    expect(fs.statSync(file).size).to.be.greaterThan(20_000);
  });

  it('starts the minute chart where the watermark day ends, in the first hour after it', async () => {
    // A browser whose clock reads 00:20 UTC, the watermark being yesterday: the last
    // 60 minutes reach into a batch day, which has no minute buckets.
    const night = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
    try {
      await night.clock.setFixedTime(boundaryMs() + 20 * 60_000);
      const minuteStarts: string[] = [];
      night.on('request', (request) => {
        const url = new URL(request.url());
        if (url.pathname === '/api/v1/counts' && url.searchParams.get('granularity') === 'minute')
          minuteStarts.push(url.searchParams.get('from')!);
      });
      await night.goto(fx.server.url);
      await night.fill('#location-search', 'plaza');
      await night.click('#location-results li[data-oid="4242"]');
      await night.waitForFunction(
        (want) => document.querySelector('#chart-minutes')?.getAttribute('data-total') === want,
        String(plazaMinutes().length),
        { timeout: 5_000, polling: 50 },
      );
      expect(new Set(minuteStarts)).to.deep.equal(new Set([new Date(boundaryMs()).toISOString()]));
      expect(await night.textContent('#kpi-hour-hint')).to.equal('since 00:00 UTC, after the watermark');
      expect(await night.textContent('#minute-source')).to.include(`(watermark ${eventDay(boundaryMs() - 1)})`);
      expect(await night.textContent('#updated')).to.match(/^updated /);
    } finally {
      await night.close();
    }
  });
});
