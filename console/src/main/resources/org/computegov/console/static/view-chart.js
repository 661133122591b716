// Charts on capability pages (view.jte): each .cg-view-chart carries its series and threshold lines as JSON; uPlot
// draws them on one x axis (time or number), y on a log scale where asked, thresholds as dashed lines. The page's
// table under each chart carries the same figures for readers without scripts or sight of the chart.
(function () {
  if (typeof uPlot === 'undefined' || typeof cgAxes === 'undefined') return;
  const palette = ['#1d70b8', '#f47738', '#912b88', '#28a197', '#85994b'];
  const linePalette = ['#d4351c', '#505a5f', '#942514', '#0b0c0c'];
  document.querySelectorAll('.cg-view-chart').forEach((el) => {
    const c = JSON.parse(el.dataset.chart || '{}');
    const series = c.series || [];
    const xs = Array.from(new Set(series.flatMap((s) => s.points.map((p) => p[0])))).sort((a, b) => a - b);
    if (xs.length === 0) { el.textContent = 'Nothing to chart yet.'; return; }
    const at = new Map(xs.map((x, i) => [x, i]));
    const data = [xs];
    const defs = [{}];
    series.forEach((s, i) => {
      const ys = xs.map(() => null);
      s.points.forEach((p) => { ys[at.get(p[0])] = p[1]; });
      data.push(ys);
      defs.push(s.dots
        ? { label: s.label, stroke: palette[i % palette.length], width: 0, points: { show: true, size: 5, fill: palette[i % palette.length] } }
        : { label: s.label, stroke: palette[i % palette.length], width: 2.5, spanGaps: true, points: { show: false } });
    });
    (c.lines || []).forEach((l, i) => {
      data.push(xs.map(() => l.y));
      defs.push({ label: l.label, stroke: linePalette[i % linePalette.length], width: 1.5, dash: [6, 4], points: { show: false } });
    });
    const opts = {
      width: el.clientWidth || 900, height: 340,
      scales: { x: { time: !!c.time }, y: c.logY ? { distr: 3, log: 10 } : {} },
      axes: [{}, cgAxes.y(el, c.yLabel)],
      series: defs,
    };
    el.replaceChildren();
    new uPlot(opts, data, el);
  });
})();
