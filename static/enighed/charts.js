// Draws the agreement survey's plotly figures. Each <div data-figure="id"> takes its figure
// from <script type="application/json" id="id"> (Django's json_script). No inline scripts.
(function () {
  "use strict";
  function draw() {
    if (typeof window.Plotly === "undefined") { return; }
    document.querySelectorAll("[data-figure]").forEach(function (el) {
      var source = document.getElementById(el.dataset.figure);
      if (!source) { return; }
      var figure = JSON.parse(source.textContent);
      if (window.portalChartLayout) { figure.layout = window.portalChartLayout(figure.layout); } // issue 12: Danish axes and numbers
      window.Plotly.newPlot(el, figure.data || [], figure.layout || {}, {
        displaylogo: false,
        responsive: true,
        modeBarButtonsToRemove: ["select2d", "lasso2d"]
      }).then(function () { el.dataset.drawn = "1"; });
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", draw);
  } else {
    draw();
  }
})();
