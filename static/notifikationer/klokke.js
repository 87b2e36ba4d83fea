// The bell in the top bar: its unread count comes from /notifikationer/antal.json after the
// page has loaded, so rendering a page costs no query for it.
(function () {
  "use strict";
  var bell = document.getElementById("notifikationsklokke");
  if (!bell || !window.fetch) { return; }
  fetch(bell.dataset.antalUrl, { credentials: "same-origin", headers: { Accept: "application/json" } })
    .then(function (r) { return r.ok ? r.json() : null; })
    .then(function (data) {
      if (!data) { return; }
      var badge = bell.querySelector(".badge");
      var label = bell.querySelector(".visually-hidden");
      if (data.ulaeste > 0) {
        badge.textContent = String(data.ulaeste);
        badge.classList.remove("d-none");
      } else {
        badge.classList.add("d-none");
      }
      if (label && data.tekst) { label.textContent = data.tekst; }
    })
    .catch(function () { /* the bell still links to the list */ });
})();
