// Value axes for the console's charts. uPlot picks tick steps from a list that stops at 1e15, so an axis spanning
// FLOP-sized values (1e23–1e27) found no step and drew no ticks, no grid and no labels at all. These steps go to
// 1e45, and every label carries its unit ("1e24 FLOP"). The labels drawn are also written to the chart element's
// data-y-labels, so tests and assistive checks can see what the canvas shows.
window.cgAxes = (function () {
  const incrs = [];
  for (let e = -16; e <= 45; e++) [1, 2, 5].forEach((m) => incrs.push(Number(m + 'e' + e)));

  /** 2.5e+24 → "2.5e24"; plain digits below 10,000. */
  function number(v) {
    if (v === 0) return '0';
    const a = Math.abs(v);
    if (a >= 1e4 || a < 1e-3) {
      return Number(v).toExponential(2).replace(/\.?0+e/, 'e').replace('e+', 'e');
    }
    return Number(v).toLocaleString('en-GB', { maximumFractionDigits: 3 });
  }

  function label(v, unit) {
    return v == null ? '' : number(v) + (unit ? ' ' + unit : '');
  }

  /** The y axis for a chart in element el: labels with the unit, ticks for any magnitude. */
  function y(el, unit) {
    return {
      size: 96,
      incrs: incrs,
      values: (u, vals) => {
        const out = vals.map((v) => label(v, unit));
        el.dataset.yLabels = out.filter((s) => s !== '').join('|');
        return out;
      },
    };
  }

  return { incrs: incrs, label: label, y: y };
})();
