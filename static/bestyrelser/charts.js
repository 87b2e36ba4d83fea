// Draws every plotly figure on the page from its JSON (json_script), no inline scripts.
(function () {
  "use strict";
  if (!window.Plotly) { return; }
  document.querySelectorAll("[data-figure]").forEach(function (el) {
    var source = document.getElementById(el.dataset.figure);
    if (!source) { return; }
    var figure = JSON.parse(source.textContent);
    if (window.portalChartLayout) { figure.layout = window.portalChartLayout(figure.layout); } // issue 12: Danish axes and numbers
    window.Plotly.newPlot(el, figure.data, figure.layout, {displaylogo: false, responsive: true, displayModeBar: false});
  });
})();
