// Augur's status page: polls /status.json (INFO's figures now, and a sample every interval for the
// last minutes) and draws them with uPlot. Figures in elements with ids, so a test can read them.
(function () {
  'use strict';

  /** Samples a "last minute" figure spans (at one sample per interval). */
  const MINUTE_SAMPLES = 30;
  const COLORS = ['#2f6fdb', '#e8833a', '#2a9d8f', '#b5179e', '#6a4c93', '#8d99ae'];
  const charts = {};
  let intervalMillis = 2000;

  function el(id) { return document.getElementById(id); }
  function set(id, text) { el(id).textContent = text; }
  /** A share, or null when nothing was counted (the JSON's null stands for INFO's NaN too). */
  function share(part, whole) { return whole > 0 ? part / whole : null; }
  function ratio(x) { return x == null ? '–' : x.toFixed(4); }
  function rate(x) { return x == null ? '–' : x.toFixed(1); }
  /** A counter's growth between two samples; null across a CONFIG RESETSTAT. */
  function delta(b, a, field) { const d = b[field] - a[field]; return d >= 0 ? d : null; }
  function perSecond(d, seconds) { return d == null ? null : d / seconds; }

  /** Per-interval series from the cumulative samples: x in seconds, as uPlot's time scale wants. */
  function derive(samples) {
    const s = { t: [], hitRatio: [], hitRatioAll: [], hitsPerS: [], prefetchHitsPerS: [], precisionAll: [],
      precisionMinute: [], originPerS: [], issuedPerS: [] };
    for (let i = 1; i < samples.length; i++) {
      const a = samples[i - 1], b = samples[i];
      const seconds = (b.timeMillis - a.timeMillis) / 1000;
      if (seconds <= 0) continue;
      const hits = delta(b, a, 'keyspaceHits'), misses = delta(b, a, 'keyspaceMisses');
      const w = samples[Math.max(0, i - MINUTE_SAMPLES)];
      const used = delta(b, w, 'prefetchUsed'), issued = delta(b, w, 'prefetchIssued');
      s.t.push(b.timeMillis / 1000);
      s.hitRatio.push(hits == null || misses == null ? null : share(hits, hits + misses));
      s.hitRatioAll.push(share(b.keyspaceHits, b.keyspaceHits + b.keyspaceMisses));
      s.hitsPerS.push(perSecond(hits, seconds));
      s.prefetchHitsPerS.push(perSecond(delta(b, a, 'prefetchUsed'), seconds));
      s.precisionAll.push(b.prefetchPrecision);
      s.precisionMinute.push(used == null || issued == null ? null : share(used, issued));
      s.originPerS.push(perSecond(delta(b, a, 'originRequests'), seconds));
      s.issuedPerS.push(perSecond(delta(b, a, 'prefetchIssued'), seconds));
    }
    return s;
  }

  /** A line chart in the element {@code id}; rebuilt only when its series' names change. */
  function plot(id, title, unit, names, data, ratioScale) {
    const box = el(id);
    const key = names.join('\u0000');
    let c = charts[id];
    if (!c || c.key !== key) {
      if (c) c.plot.destroy();
      box.textContent = '';
      const opts = {
        title: title,
        width: Math.max(300, box.clientWidth - 8),
        height: 200,
        scales: { x: { time: true }, y: ratioScale ? { range: [0, 1] } : { range: (u, min, max) => [0, Math.max(1, max)] } },
        series: [{}].concat(names.map((n, i) => ({ label: n, stroke: COLORS[i % COLORS.length], width: 2 }))),
        axes: [{}, { label: unit }],
      };
      c = charts[id] = { key: key, plot: new uPlot(opts, data, box) };
    } else {
      c.plot.setData(data);
    }
  }

  function placeholder(id, text) {
    if (charts[id]) { charts[id].plot.destroy(); delete charts[id]; }
    const box = el(id);
    box.textContent = '';
    const p = document.createElement('p');
    p.className = 'empty';
    p.textContent = text;
    box.appendChild(p);
  }

  function renderFigures(now, samples) {
    const reads = now.keyspaceHits + now.keyspaceMisses;
    set('hit-ratio', ratio(share(now.keyspaceHits, reads)));
    set('keyspace-hits', String(now.keyspaceHits));
    set('keyspace-misses', String(now.keyspaceMisses));
    set('prefetch-used', String(now.prefetchUsed));
    set('prefetch-used-share', ratio(share(now.prefetchUsed, now.keyspaceHits)));
    set('prefetch-precision', ratio(now.prefetchPrecision));
    set('prefetch-issued', String(now.prefetchIssued));
    set('prefetch-late', String(now.prefetchLate));
    set('origin-requests', String(now.originRequests));
    set('predictor', now.predictor || 'none');
    set('ab-test', now.ab ? now.ab.predictorA + ' vs ' + now.ab.predictorB : 'off');
    set('updated', new Date(now.timeMillis).toLocaleTimeString());
    set('history', String(samples.length));
  }

  function renderPredictors(now) {
    const body = el('predictors');
    body.textContent = '';
    for (const p of now.predictors) {
      const row = document.createElement('tr');
      const cells = [[p.name, null], [p.active ? 'active' : 'shadow', null],
        [String(p.predictions), 'predictions'], [ratio(p.precision), 'precision'], [ratio(p.coverage), 'coverage']];
      for (const [text, field] of cells) {
        const td = document.createElement('td');
        td.textContent = text;
        if (field) td.id = 'predictor-' + p.name + '-' + field;
        row.appendChild(td);
      }
      body.appendChild(row);
    }
    const ab = now.ab;
    set('ab-standing', ab ? 'A/B: arm a ' + ab.predictorA + ' hit ratio ' + ratio(ab.hitRatioA) + ' (' + ab.readsA
      + ' reads), arm b ' + ab.predictorB + ' ' + ratio(ab.hitRatioB) + ' (' + ab.readsB + ' reads); p-value '
      + (ab.pValue == null ? '–' : ab.pValue.toPrecision(3)) + '; leader: ' + ab.leader
      : 'No A/B test runs (setting ab-test).');
  }

  function renderCharts(samples) {
    const s = derive(samples);
    const last = s.originPerS.length - 1;
    set('origin-rate', rate(last >= 0 ? s.originPerS[last] : null));
    const peak = s.originPerS.reduce((m, x) => (x != null && x > m ? x : m), 0);
    set('origin-rate-peak', rate(s.t.length ? peak : null));
    plot('chart-hit-ratio', 'Hit ratio', 'ratio', ['per interval', 'since start'], [s.t, s.hitRatio, s.hitRatioAll], true);
    plot('chart-prefetch-hits', 'Hits served by prefetched keys', 'reads/s', ['all hits', 'prefetched keys'],
      [s.t, s.hitsPerS, s.prefetchHitsPerS], false);
    plot('chart-precision', 'Prefetch precision (used / issued)', 'ratio', ['since start', 'last minute'],
      [s.t, s.precisionAll, s.precisionMinute], true);
    plot('chart-origin', 'Origin load', 'requests/s', ['origin requests', 'prefetches issued'],
      [s.t, s.originPerS, s.issuedPerS], false);

    const rows = samples.slice(1).filter((b, i) => b.timeMillis > samples[i].timeMillis);
    const names = [];
    // Before the first predictor is chosen its name is empty: nothing to chart yet.
    rows.forEach(b => b.predictors.forEach(p => { if (p.name && !names.includes(p.name)) names.push(p.name); }));
    if (names.length === 0) {
      placeholder('chart-predictors', 'No predictor is scored: prefetch runs only with an origin (setting origin).');
    } else {
      const data = [s.t].concat(names.map(n => rows.map(b => {
        const p = b.predictors.find(x => x.name === n);
        return p ? p.precision : null;
      })));
      plot('chart-predictors', 'Predictors on live traffic: precision', 'ratio', names, data, true);
    }
    const ab = rows.length ? rows[rows.length - 1].ab : null;
    if (!ab) {
      placeholder('chart-ab', 'No A/B test runs (setting ab-test).');
    } else {
      plot('chart-ab', 'A/B test: hit ratio per arm', 'ratio', ['a: ' + ab.predictorA, 'b: ' + ab.predictorB],
        [s.t, rows.map(b => (b.ab ? b.ab.hitRatioA : null)), rows.map(b => (b.ab ? b.ab.hitRatioB : null))], true);
    }
  }

  function render(status) {
    intervalMillis = status.intervalSeconds * 1000;
    set('interval', String(status.intervalSeconds));
    renderFigures(status.now, status.samples);
    renderPredictors(status.now);
    renderCharts(status.samples);
    document.body.dataset.samples = String(status.samples.length);
  }

  async function poll() {
    const error = el('error');
    try {
      const response = await fetch('/status.json', { cache: 'no-store' });
      if (!response.ok) throw new Error('HTTP ' + response.status);
      render(await response.json());
      error.hidden = true;
    } catch (e) {
      error.textContent = 'status.json: ' + e.message;
      error.hidden = false;
    } finally {
      setTimeout(poll, intervalMillis);
    }
  }

  window.addEventListener('resize', () => {
    for (const id in charts) {
      const box = el(id);
      charts[id].plot.setSize({ width: Math.max(300, box.clientWidth - 8), height: 200 });
    }
  });
  poll();
})();
