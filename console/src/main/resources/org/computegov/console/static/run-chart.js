// A run's cumulative compute over time (uPlot, log scale), each regime's threshold as a line, and the recent rate
// extended to the next threshold as a dashed line. The page's tables carry the same figures for readers without
// scripts or sight of the chart.
(function () {
  const el = document.getElementById('run-chart');
  if (!el || typeof uPlot === 'undefined' || typeof cgAxes === 'undefined') return;
  const series = JSON.parse(el.dataset.series || '[]');
  const thresholds = JSON.parse(el.dataset.thresholds || '[]');
  if (series.length === 0) { el.textContent = 'No usage is attributed to this run yet.'; return; }
  const xs = series.map((p) => p[0]);
  const ys = series.map((p) => p[1]);
  const forecastAt = el.dataset.forecastAt ? Date.parse(el.dataset.forecastAt) / 1000 : null;
  const forecastFlop = el.dataset.forecastFlop ? Number(el.dataset.forecastFlop) : null;
  const projected = xs.map(() => null);
  if (forecastAt && forecastFlop && forecastAt > xs[xs.length - 1]) {
    projected[projected.length - 1] = ys[ys.length - 1];
    xs.push(forecastAt); ys.push(null); projected.push(forecastFlop);
  }
  const top = Math.max(...ys.filter((y) => y !== null), forecastFlop || 0);
  // Thresholds far above the run would flatten the chart: show those up to 100× its compute.
  const shown = thresholds.filter((t) => t.flop <= top * 100);
  const palette = ['#d4351c', '#f47738', '#912b88', '#5694ca', '#28a197', '#85994b'];
  const data = [xs, ys, projected, ...shown.map((t) => xs.map(() => t.flop))];
  const opts = {
    width: el.clientWidth || 900, height: 360,
    scales: { y: { distr: 3 } },
    axes: [{}, cgAxes.y(el, 'FLOP')],
    series: [
      {},
      { label: 'Cumulative FLOP', stroke: '#1d70b8', width: 3, fill: 'rgba(29,112,184,0.08)' },
      { label: 'At the recent rate', stroke: '#1d70b8', dash: [6, 6], width: 2, spanGaps: true },
      ...shown.map((t, i) => ({ label: t.name, stroke: palette[i % palette.length], width: 1.5, dash: [2, 4] })),
    ],
  };
  el.replaceChildren();
  new uPlot(opts, data, el);
})();
