// Tilsyn: poll a background export and show the download link when it is done.
(function () {
  "use strict";
  var box = document.getElementById("eksport");
  if (!box) { return; }
  var url = box.dataset.statusUrl;
  function poll() {
    fetch(url, { credentials: "same-origin" }).then(function (r) { return r.json(); }).then(function (s) {
      box.querySelector("[data-eksport-status]").textContent = s.status_label;
      var bar = box.querySelector("[data-eksport-bar]");
      bar.style.width = s.fremskridt + "%";
      bar.textContent = s.fremskridt + " %";
      bar.parentElement.setAttribute("aria-valuenow", s.fremskridt);
      if (s.url) { box.querySelector("[data-eksport-link]").hidden = false; }
      if (s.aktiv) { window.setTimeout(poll, 1500); }
    }).catch(function () { window.setTimeout(poll, 5000); });
  }
  poll();
})();
