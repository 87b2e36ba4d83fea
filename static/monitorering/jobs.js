// The job table polls each running job's status and moves its progress bar; it stops
// when no job is active. No inline scripts: rows carry their status URL in data-job-url.
(function () {
  "use strict";
  var INTERVAL_MS = 2000;
  var MAX_POLLS = 900; // 30 minutes, then the page must be reloaded by hand
  // Danish pages write decimals with a comma, English ones with a point.
  var DECIMAL = (document.documentElement.lang || "da").indexOf("da") === 0 ? "," : ".";

  function update(row, data) {
    var bar = row.querySelector(".progress-bar");
    var wrapper = row.querySelector(".progress");
    bar.style.width = data.fremskridt + "%";
    bar.textContent = data.fremskridt + " %";
    wrapper.setAttribute("aria-valuenow", data.fremskridt);
    if (!data.aktiv) {
      bar.classList.remove("progress-bar-striped", "progress-bar-animated");
    }
    var state = row.querySelector(".job-state");
    state.textContent = data.status_label;
    state.className = "badge job-state " + ({
      faerdig: "text-bg-success", fejlet: "text-bg-danger", koerer: "text-bg-primary"
    }[data.status] || "text-bg-secondary");
    row.querySelector(".job-attempts").textContent = data.forsoeg;
    row.querySelector(".job-message").textContent = data.besked;
    row.querySelector(".job-duration").textContent =
      data.varighed === null ? "–" : data.varighed.toFixed(2).replace(".", DECIMAL) + " s";
    row.querySelector(".job-error").textContent = data.fejl;
    row.dataset.jobActive = data.aktiv ? "1" : "0";
  }

  function poll(count) {
    var rows = document.querySelectorAll("tr[data-job-active='1']");
    if (!rows.length || count > MAX_POLLS) {
      return;
    }
    var pending = Array.prototype.map.call(rows, function (row) {
      return fetch(row.dataset.jobUrl, { headers: { Accept: "application/json" }, credentials: "same-origin" })
        .then(function (response) { return response.ok ? response.json() : null; })
        .then(function (data) { if (data) { update(row, data); } })
        .catch(function () { /* try again next round */ });
    });
    Promise.all(pending).then(function () {
      window.setTimeout(function () { poll(count + 1); }, INTERVAL_MS);
    });
  }

  document.addEventListener("DOMContentLoaded", function () { poll(0); });
})();
