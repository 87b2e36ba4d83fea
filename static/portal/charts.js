// Draws every plotly figure on the page from its JSON (json_script), no inline scripts: the
// one drawing code of every chart page (board dashboard, monitoring, LBF's national charts,
// the agreement survey). Each <div data-figure="id"> takes its figure from
// <script type="application/json" id="id">; a drawn chart is marked data-drawn="1".
//
// The figure's layout.height (set in Python) becomes the height of its container (issue 18):
// plotly's responsive resize lays a chart out to its container's size, so a container
// without a height shrank every chart to the CSS min-height when the window was resized (a
// phone turned, a narrow window), and the chart spilled over the links and the card below.
// A legend takes more lines on a narrow card: the container grows by those lines, so the
// plot under the legend keeps its height.
(function () {
  "use strict";
  if (!window.Plotly) { return; }
  var LEGEND_LINE = 20; // px: one line of legend entries (12 px text)

  function legendLines(el, figure) {
    var layout = figure.layout || {};
    if (!layout.showlegend) { return 0; }
    var names = (figure.data || []).filter(function (t) { return t.showlegend !== false && t.name; });
    if (!names.length) { return 0; }
    var room = Math.max(1, el.clientWidth - 20), lines = 1, used = 0;
    names.forEach(function (t) {
      var entry = 48 + 7 * String(t.name).replace(/<[^>]*>/g, "").length; // symbol + text
      if (used && used + entry > room) { lines += 1; used = 0; }
      used += entry;
    });
    return lines;
  }

  function fit(el, figure, height) {
    var h = height + LEGEND_LINE * Math.max(0, legendLines(el, figure) - 1);
    if (el.style.height !== h + "px") { el.style.height = h + "px"; return true; }
    return false;
  }

  var charts = [];
  function draw() {
    document.querySelectorAll("[data-figure]").forEach(function (el) {
      var source = document.getElementById(el.dataset.figure);
      if (!source) { return; }
      var figure = JSON.parse(source.textContent);
      if (window.portalChartLayout) { figure.layout = window.portalChartLayout(figure.layout); } // issue 12: Danish axes and numbers
      var layout = figure.layout || {};
      var height = layout.height;
      if (height) {
        delete layout.height; // the container's height rules (autosize)
        layout.autosize = true;
        fit(el, figure, height);
        charts.push({el: el, figure: figure, height: height});
      }
      window.Plotly.newPlot(el, figure.data || [], layout, {displaylogo: false, responsive: true, displayModeBar: false})
        .then(function () { el.dataset.drawn = "1"; });
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", draw);
  } else {
    draw();
  }

  // A narrower card wraps the legend onto more lines: grow the container before plotly's own
  // (debounced) responsive resize lays the chart out to it.
  var pending = false;
  window.addEventListener("resize", function () {
    if (pending) { return; }
    pending = true;
    window.requestAnimationFrame(function () {
      pending = false;
      charts.forEach(function (c) {
        if (fit(c.el, c.figure, c.height)) { window.Plotly.Plots.resize(c.el); }
      });
    });
  });
})();
