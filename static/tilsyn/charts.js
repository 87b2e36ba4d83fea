// Tilsyn: draw the plotly figures embedded with json_script (no inline scripts).
(function () {
  "use strict";
  document.querySelectorAll(".tilsyn-chart[data-figure]").forEach(function (el) {
    var data = document.getElementById(el.dataset.figure);
    if (!data || !window.Plotly) { return; }
    var fig = JSON.parse(data.textContent);
    if (window.portalChartLayout) { fig.layout = window.portalChartLayout(fig.layout); } // issue 12: Danish axes and numbers
    window.Plotly.newPlot(el, fig.data || [], fig.layout || {}, { responsive: true, displaylogo: false });
  });
})();
