// The live dashboard: polls the API every second (answers touching the speed
// view are at most API_LIVE_CACHE_MS old), so new data shows within 2 s.
// Plain script, no build step; charts by uPlot. Only text is put in the page
// (textContent), never HTML from the API.
'use strict';
(function () {
  const POLL_MS = 1000;
  const CHART_HEIGHT = 290;
  const state = {
    location: 'all',
    locationName: 'All locations',
    key: sessionStorage.getItem('utopia-api-key') || '',
    lastFeedTop: null,
    watermark: null,
  };
  const $ = (id) => document.getElementById(id);
  const fmt = new Intl.NumberFormat('en-US');

  async function api(path) {
    const headers = { Accept: 'application/json' };
    if (state.key) headers['X-API-Key'] = state.key;
    const res = await fetch(path, { headers, cache: 'no-store' });
    if (res.status === 401) {
      $('key-panel').hidden = false;
      throw new Error('API key required');
    }
    const body = await res.json();
    if (!res.ok) throw new Error(body && body.error ? body.error.message : 'HTTP ' + res.status);
    return body;
  }

  function text(el, value) {
    if (el.textContent !== value) el.textContent = value;
  }

  function el(tag, className, content) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (content !== undefined) node.textContent = content;
    return node;
  }

  // ---- charts ----
  // 24-hour UTC labels: dates over multi-day spans, times otherwise.
  function utcTicks(u, splits) {
    const span = u.scales.x.max - u.scales.x.min;
    return splits.map((s) => {
      const iso = new Date(s * 1000).toISOString();
      return span > 2 * 86400 ? iso.slice(5, 10) : iso.slice(11, 16);
    });
  }

  function makeChart(container, label, color) {
    const opts = {
      width: Math.max(300, container.clientWidth),
      height: CHART_HEIGHT,
      legend: { show: false },
      // Event days and buckets are UTC: show UTC whatever the browser's zone.
      tzDate: (ts) => uPlot.tzDate(new Date(ts * 1000), 'Etc/UTC'),
      cursor: { drag: { x: false, y: false } },
      scales: { x: { time: true }, y: { range: (u, min, max) => [0, Math.max(5, max * 1.1)] } },
      axes: [
        { stroke: '#8a97b3', grid: { stroke: '#222b40' }, ticks: { stroke: '#2a3550' }, space: 70, values: utcTicks },
        { stroke: '#8a97b3', grid: { stroke: '#222b40' }, ticks: { stroke: '#2a3550' }, size: 60 },
      ],
      series: [{}, { label, stroke: color, width: 2, fill: color + '22', points: { show: false } }],
    };
    const chart = new uPlot(opts, [[], []], container);
    new ResizeObserver(() => chart.setSize({ width: Math.max(300, container.clientWidth), height: CHART_HEIGHT })).observe(container);
    return chart;
  }

  const minuteChart = makeChart($('chart-minutes'), 'detections / min', '#4fa3ff');
  const hourChart = makeChart($('chart-hours'), 'detections / hour', '#7ce0c3');

  function setSeries(chart, container, answer) {
    const series = answer.series[0];
    const xs = series.points.map((p) => Date.parse(p.start) / 1000);
    const ys = series.points.map((p) => Number(p.count));
    chart.setData([xs, ys]);
    container.dataset.total = series.total;
    container.dataset.points = String(ys.length);
    container.dataset.last = String(ys.length ? ys[ys.length - 1] : 0);
  }

  function describeSources(answer) {
    return (
      answer.sources
        .map((s) => s.source + ' ' + s.from.slice(5, 16).replace('T', ' ') + '→' + s.to.slice(5, 16).replace('T', ' '))
        .join(' · ') + (answer.watermark ? ' (watermark ' + answer.watermark + ')' : '')
    );
  }

  // ---- panels ----
  // Minute buckets exist only after the batch watermark's day (the batch view keeps
  // hours), so in the first hour after that day ends the minute chart starts there.
  function minuteChartStart() {
    const lastHour = Math.floor(Date.now() / 60000) * 60000 - 59 * 60000;
    const watermarkEnd = state.watermark ? Date.parse(state.watermark + 'T00:00:00Z') + 86400000 : -Infinity;
    return { start: Math.max(lastHour, watermarkEnd), clipped: watermarkEnd > lastHour };
  }

  async function refreshMinutes() {
    const { start, clipped } = minuteChartStart();
    text(
      $('kpi-hour-hint'),
      clipped ? 'since ' + new Date(start).toISOString().slice(11, 16) + ' UTC, after the watermark' : 'selected location',
    );
    if (start >= Date.now()) {
      // The watermark covers today (a backfill): no minute buckets to show.
      setSeries(minuteChart, $('chart-minutes'), { series: [{ total: '0', points: [] }] });
      text($('kpi-hour'), '–');
      text($('minute-total'), '');
      text($('minute-source'), 'the batch view covers up to ' + state.watermark + ' in hour buckets');
      return;
    }
    const answer = await api(
      '/api/v1/counts?granularity=minute&from=' + encodeURIComponent(new Date(start).toISOString()) + '&location=' + state.location,
    );
    setSeries(minuteChart, $('chart-minutes'), answer);
    text($('kpi-hour'), fmt.format(Number(answer.series[0].total)));
    text($('minute-total'), 'Σ ' + fmt.format(Number(answer.series[0].total)));
    text($('minute-source'), describeSources(answer));
  }

  async function refreshHours() {
    const from = new Date(Math.floor(Date.now() / 3600000) * 3600000 - 7 * 24 * 3600000 + 3600000).toISOString();
    const answer = await api('/api/v1/counts?granularity=hour&from=' + encodeURIComponent(from) + '&location=' + state.location);
    setSeries(hourChart, $('chart-hours'), answer);
    text($('hour-total'), 'Σ ' + fmt.format(Number(answer.series[0].total)));
    text($('hour-source'), describeSources(answer));
  }

  async function refreshTop() {
    const from = new Date(Math.floor(Date.now() / 60000) * 60000 - 59 * 60000).toISOString();
    const answer = await api('/api/v1/top-items?limit=10&from=' + encodeURIComponent(from) + '&location=' + state.location);
    const list = $('top-items');
    const max = answer.items.length ? Number(answer.items[0].item_count) : 1;
    const rows = answer.items.map((item) => {
      const li = el('li');
      li.dataset.item = item.item_name;
      li.dataset.count = item.item_count;
      li.append(el('span', 'rank', String(item.item_rank)));
      const name = el('div', 'name');
      name.append(el('span', '', item.item_name));
      const bar = el('div', 'bar');
      bar.style.width = Math.max(2, (100 * Number(item.item_count)) / max) + '%';
      name.append(bar);
      li.append(name, el('span', 'count', fmt.format(Number(item.item_count))));
      return li;
    });
    list.replaceChildren(...(rows.length ? rows : [el('li', 'empty', 'No detections in the last 60 minutes')]));
  }

  async function refreshFeed() {
    const body = $('feed');
    if (state.location === 'all') {
      body.replaceChildren(rowOf(['Pick a location to follow its live feed.'], 'empty', 5));
      return;
    }
    const answer = await api('/api/v1/locations/' + state.location + '/recent?limit=15');
    const previousTop = state.lastFeedTop;
    const rows = answer.items.map((d) => {
      const tr = rowOf([
        d.detected_at.replace('T', ' ').slice(0, 23),
        d.item_name,
        d.geographical_location || '(unknown) ' + d.geographical_location_oid,
        d.video_camera_oid,
        d.detection_oid,
      ]);
      if (previousTop !== null && d.detection_oid !== previousTop && Date.parse(d.detected_at) > Date.now() - 10000) tr.className = 'fresh';
      return tr;
    });
    state.lastFeedTop = answer.items.length ? answer.items[0].detection_oid : null;
    body.replaceChildren(...(rows.length ? rows : [rowOf(['No recent detections at this location.'], 'empty', 5)]));
  }

  function rowOf(cells, className, span) {
    const tr = el('tr');
    for (const cell of cells) {
      const td = el('td', className, cell);
      if (span) td.colSpan = span;
      tr.append(td);
    }
    return tr;
  }

  async function refreshQuality() {
    const q = await api('/api/v1/quality');
    state.watermark = q.watermark;
    text($('kpi-eps'), fmt.format(Math.round(q.eventsPerSecond)));
    text($('kpi-eps-hint'), q.speedInstances.length + ' speed instance(s)');
    text($('kpi-dup'), q.duplicateRate === null ? '–' : (q.duplicateRate * 100).toFixed(2) + ' %');
    text($('kpi-dup-hint'), fmt.format(Number(q.counters.duplicates)) + ' duplicates dropped');
    text($('kpi-dead'), fmt.format(Number(q.counters.dead_letters)));
    text(
      $('kpi-dead-hint'),
      q.deadLetterTopicMessages === null ? 'dead-letter topic: ?' : fmt.format(q.deadLetterTopicMessages) + ' in dead-letter topic',
    );
    const lag = q.consumerLag === null ? null : q.consumerLag.reduce((s, g) => s + g.total, 0);
    text($('kpi-lag'), lag === null ? '?' : fmt.format(lag));
    text($('kpi-lag-hint'), q.consumerLag === null ? 'Kafka unreachable' : q.consumerLag.length + ' consumer group(s)');
    text($('kpi-watermark'), q.watermark || 'none yet');
    const recon = q.lastReconciliation;
    text(
      $('kpi-recon'),
      recon && typeof recon === 'object'
        ? 'reconciled ' + (recon.day || '?') + (recon.status ? ' · ' + recon.status : '')
        : 'no reconciliation yet',
    );
    const rows = [
      ['Accepted', q.counters.accepted],
      ['Duplicates dropped', q.counters.duplicates],
      ['Dead letters', q.counters.dead_letters],
      ['Late events', q.counters.late],
      ['Unknown locations', q.counters.unknown_location],
      ['Last batch run', summarise(q.lastBatchRun)],
      ['Last reconciliation', summarise(q.lastReconciliation)],
    ];
    $('quality-table').tBodies[0].replaceChildren(...rows.map(([k, v]) => rowOf([k, /^\d+$/.test(v) ? fmt.format(Number(v)) : v])));
    const lagRows = (q.consumerLag || []).map((g) => rowOf([g.group, fmt.format(g.total)]));
    $('lag-table').tBodies[0].replaceChildren(
      ...(lagRows.length ? lagRows : [rowOf([q.kafkaError ? 'Kafka: ' + q.kafkaError : 'no consumer group yet', ''])]),
    );
  }

  function summarise(report) {
    if (!report || typeof report !== 'object') return '–';
    const parts = [];
    if ('day' in report) parts.push(String(report.day));
    else if (report.watermark) parts.push('up to ' + report.watermark);
    if ('status' in report) parts.push(String(report.status));
    if (typeof report.finishedAt === 'string') parts.push(report.finishedAt.slice(5, 16).replace('T', ' '));
    for (const key of ['repaired', 'onlyInHBase', 'drifted'])
      if (key in report) parts.push(String(report[key]) + ' ' + key.replace('onlyInHBase', 'only in HBase'));
    return parts.length ? parts.join(' · ') : JSON.stringify(report).slice(0, 60);
  }

  async function refreshHealth() {
    const res = await fetch('/api/v1/health', { headers: state.key ? { 'X-API-Key': state.key } : {} });
    const body = await res.json().catch(() => null);
    const pill = $('health');
    pill.className = 'pill ' + (res.ok ? 'ok' : 'bad');
    text(
      pill,
      res.ok
        ? 'all stores up'
        : body && body.stores
          ? 'degraded: ' +
            Object.keys(body.stores)
              .filter((k) => body.stores[k].state !== 'up')
              .join(', ') +
            ' down'
          : 'unavailable',
    );
  }

  // ---- loop ----
  let busy = false;
  let healthTick = 0;
  async function tick() {
    if (busy) return;
    busy = true;
    try {
      // Quality first: it brings the watermark the minute chart's range depends on.
      const results = await Promise.allSettled([refreshQuality()]);
      const jobs = [refreshMinutes(), refreshHours(), refreshTop(), refreshFeed()];
      if (healthTick++ % 5 === 0) jobs.push(refreshHealth());
      results.push(...(await Promise.allSettled(jobs)));
      const failed = results.find((r) => r.status === 'rejected');
      text($('updated'), failed ? 'update failed: ' + failed.reason.message : 'updated ' + new Date().toISOString().slice(11, 19) + ' UTC');
      document.body.dataset.updatedAt = String(Date.now());
    } finally {
      busy = false;
    }
  }

  function select(location, name) {
    state.location = location;
    state.locationName = name;
    state.lastFeedTop = null;
    text($('location-title'), name);
    $('location-results').hidden = true;
    tick();
  }

  // ---- location search (server-side: 10,000 names never reach the page at once) ----
  let searchTimer;
  $('location-search').addEventListener('input', (event) => {
    clearTimeout(searchTimer);
    const q = event.target.value.trim();
    searchTimer = setTimeout(async () => {
      const list = $('location-results');
      if (!q) {
        list.hidden = true;
        return;
      }
      const page = await api('/api/v1/locations?limit=20&q=' + encodeURIComponent(q));
      const items = page.items.map((l) => {
        const li = el('li');
        li.dataset.oid = l.geographical_location_oid;
        li.append(el('span', '', l.geographical_location), el('span', 'oid', l.geographical_location_oid));
        li.addEventListener('click', () => select(l.geographical_location_oid, l.geographical_location));
        return li;
      });
      if (page.total > items.length) items.push(el('li', 'muted', page.total - items.length + ' more: refine the search'));
      list.replaceChildren(...(items.length ? items : [el('li', 'muted', 'No location matches')]));
      list.hidden = false;
    }, 150);
  });
  $('all-locations').addEventListener('click', () => select('all', 'All locations'));
  $('api-key-save').addEventListener('click', () => {
    state.key = $('api-key').value.trim();
    sessionStorage.setItem('utopia-api-key', state.key);
    $('key-panel').hidden = true;
    tick();
  });

  tick();
  setInterval(tick, POLL_MS);
})();
