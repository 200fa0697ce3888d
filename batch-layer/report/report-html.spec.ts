import { expect } from 'chai';
import type { DayReport } from './day-report';
import { reportCsv } from './report-csv';
import { reportHtml } from './report-html';

const report: DayReport = {
  day: '2024-05-01',
  runId: 'run-1',
  startedAt: '2024-05-02T02:00:00.000Z',
  finishedAt: '2024-05-02T02:00:05.000Z',
  durationMs: 5000,
  phasesMs: { compaction: 3000, views: 1000, reconciliation: 1000 },
  referenceVersion: 'v1',
  recompaction: false,
  landingFiles: 2,
  totals: {
    landedRows: 10,
    uniqueDetections: 8,
    duplicatesDropped: 2,
    lateEvents: 1,
    invalidEvents: 3,
    unknownLocationEvents: 0,
    locations: 1,
    items: 2,
  },
  warehouse: { path: '/utopia/warehouse/detections/dt=2024-05-01', parts: 1, rows: 8 },
  topX: 10,
  eventsPerHour: [0, 0, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0, 5, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0],
  topItems: [
    {
      geographical_location: '<script>alert(1)</script>',
      geographical_location_oid: '9007199254740993',
      item_rank: 1,
      item_name: 'a,"b"',
      item_count: 5,
    },
  ],
  reconciliation: {
    detectionRows: { hbaseRows: 7, repaired: 1, repairedOids: ['5'], hbaseOnly: 0, hbaseOnlyOids: [], masked: 0, maskedOids: [] },
    liveCounts: { skipped: 'beyond TTL' },
  },
  quarantinedFiles: [],
};

describe('report rendering', () => {
  it('escapes data in the HTML page and draws inline SVG charts', () => {
    const html = reportHtml(report);
    expect(html).to.include('&lt;script&gt;').and.not.include('<script>');
    expect(html).to.include('<svg');
  });

  it('draws one bar per figure in each chart, with its value', () => {
    const html = reportHtml(report);
    const bars = (chart: string): string[] => {
      const start = html.indexOf(`data-chart="${chart}"`);
      expect(start, chart).to.be.greaterThan(-1);
      const svg = html.slice(start, html.indexOf('</svg>', start));
      return [...svg.matchAll(/<rect class="bar" data-label="([^"]*)" data-value="(\d+)"/g)].map((m) => `${m[1]}=${m[2]}`);
    };
    expect(bars('events-per-hour')).to.have.length(24);
    expect(bars('events-per-hour').filter((b) => !b.endsWith('=0'))).to.deep.equal(['02=3', '12=5']);
    expect(bars('top-items:&lt;script&gt;alert(1)&lt;/script&gt; [9007199254740993]')).to.deep.equal(['a,&quot;b&quot;=5']);
    expect(bars('reconcile')).to.deep.equal(['rows repaired=1', 'rows only in HBase=0', 'repairs masked=0']);
  });

  it('says so when a report from before the hourly figures has none', () => {
    const { eventsPerHour: _omitted, ...older } = report;
    expect(reportHtml(older)).to.include('(not recorded for this run)');
  });

  it('quotes CSV fields and keeps int64 exact', () => {
    const csv = reportCsv(report);
    expect(csv).to.include('totals,duplicates_dropped,2');
    expect(csv).to.include('"a,""b""",9007199254740993,5');
    expect(csv).to.include('reconciliation,live_counts,skipped: beyond TTL');
  });

  it('neutralises formulas in item and location names in report.csv', () => {
    const hostile: DayReport = {
      ...report,
      topItems: [
        {
          geographical_location: '@cmd',
          geographical_location_oid: '7',
          item_rank: 1,
          item_name: '=HYPERLINK("http://evil")',
          item_count: 3,
        },
      ],
    };
    const csv = reportCsv(hostile);
    expect(csv).to.include(`'@cmd,1,"'=HYPERLINK(""http://evil"")",7,3`);
    expect(csv).not.to.match(/(^|,)=HYPERLINK/m);
  });
});
