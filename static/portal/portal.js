// Boligsocial Portal: small progressive enhancements, no inline handlers (CSP-friendly).
(function () {
  "use strict";
  // <form data-confirm="Question?">: ask before submitting.
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (form.dataset && form.dataset.confirm && !window.confirm(form.dataset.confirm)) {
      event.preventDefault();
      return;
    }
    // <form data-csrf>: forms inside a cached page get the visitor's own CSRF token.
    if (form.hasAttribute("data-csrf") && !form.querySelector("input[name=csrfmiddlewaretoken]")) {
      var meta = document.querySelector("meta[name=csrf-token]");
      if (meta) {
        var input = document.createElement("input");
        input.type = "hidden";
        input.name = "csrfmiddlewaretoken";
        input.value = meta.content;
        form.appendChild(input);
      }
    }
  });
  // <input data-dato>: a date typed as Danes write it (1.2.2025, 01-02-2025, 2025-02-01) is
  // shown as 01.02.2025 when the field is left; the server parses the same shapes
  // (portal.params.read_date), so without JavaScript nothing is lost.
  document.addEventListener("change", function (event) {
    var el = event.target;
    if (!el.hasAttribute || !el.hasAttribute("data-dato")) { return; }
    var text = el.value.trim(), m, d, mo, y;
    if ((m = /^([0-9]{1,2})([.\/-])([0-9]{1,2})\2([0-9]{4})$/.exec(text))) {
      d = +m[1]; mo = +m[3]; y = +m[4];
    } else if ((m = /^([0-9]{4})-([0-9]{2})-([0-9]{2})$/.exec(text))) {
      y = +m[1]; mo = +m[2]; d = +m[3];
    } else { return; }
    var check = new Date(Date.UTC(y, mo - 1, d));
    if (check.getUTCFullYear() !== y || check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d) { return; }
    el.value = (d < 10 ? "0" : "") + d + "." + (mo < 10 ? "0" : "") + mo + "." + y;
  });
  // <input data-tidspunkt>: a date and a time typed as Danes write them (3.12.2026 14:30,
  // 03-12-2026 14.30, 2026-12-03T14:30) is shown as 03.12.2026 14:30 (24-hour clock) when
  // the field is left; the server parses the same shapes (portal.params.read_datetime).
  document.addEventListener("change", function (event) {
    var el = event.target;
    if (!el.hasAttribute || !el.hasAttribute("data-tidspunkt")) { return; }
    var text = el.value.trim(), m, d, mo, y, h, mi;
    if ((m = /^([0-9]{1,2})([.\/-])([0-9]{1,2})\2([0-9]{4})\s+([0-9]{1,2})[:.]([0-9]{2})$/.exec(text))) {
      d = +m[1]; mo = +m[3]; y = +m[4]; h = +m[5]; mi = +m[6];
    } else if ((m = /^([0-9]{4})-([0-9]{2})-([0-9]{2})[T ]([0-9]{2}):([0-9]{2})(:[0-9]{2})?$/.exec(text))) {
      y = +m[1]; mo = +m[2]; d = +m[3]; h = +m[4]; mi = +m[5];
    } else { return; }
    var check = new Date(Date.UTC(y, mo - 1, d));
    if (check.getUTCFullYear() !== y || check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d) { return; }
    if (h > 23 || mi > 59) { return; }
    var two = function (n) { return (n < 10 ? "0" : "") + n; };
    el.value = two(d) + "." + two(mo) + "." + y + " " + two(h) + ":" + two(mi);
  });
  // <select data-autosubmit>: submit its form on change.
  document.addEventListener("change", function (event) {
    var el = event.target;
    if (el.hasAttribute && el.hasAttribute("data-autosubmit") && el.form) {
      el.form.submit();
    }
  });
  // <button data-print>: print the page (the print stylesheet gives a clean PDF).
  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.addEventListener("click", function () { window.print(); });
  });
  // After an invalid submit the error summary (templates/includes/error_summary.html) takes
  // focus, so a screen reader announces it and the keyboard starts there; its links move
  // focus to the field they name.
  var summary = document.querySelector("[data-error-summary]");
  if (summary) {
    summary.focus();
    summary.addEventListener("click", function (event) {
      var link = event.target.closest("a[href^='#']");
      var field = link && document.getElementById(link.getAttribute("href").slice(1));
      if (field) {
        event.preventDefault();
        field.focus();
      }
    });
  }
  // <form data-formset="prefix">: "add row" clones the empty form template.
  document.querySelectorAll("[data-formset-add]").forEach(function (button) {
    button.addEventListener("click", function () {
      var prefix = button.dataset.formsetAdd;
      var total = document.getElementById("id_" + prefix + "-TOTAL_FORMS");
      var template = document.getElementById(prefix + "-empty");
      var target = document.getElementById(prefix + "-rows");
      if (!total || !template || !target) { return; }
      var index = parseInt(total.value, 10);
      var html = template.innerHTML.replace(/__prefix__/g, String(index));
      target.insertAdjacentHTML("beforeend", html);
      total.value = String(index + 1);
    });
  });
})();

// Charts in the page's language (issue 12): Danish month names, decimal comma and thousands
// dot in plotly's axes and hover text. Each figure renderer passes its layout through here.
(function () {
  "use strict";
  var registered = false;
  var DA = {
    moduleType: "locale",
    name: "da",
    dictionary: {},
    format: {
      days: ["søndag", "mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag"],
      shortDays: ["søn", "man", "tir", "ons", "tor", "fre", "lør"],
      months: ["januar", "februar", "marts", "april", "maj", "juni", "juli", "august", "september",
        "oktober", "november", "december"],
      shortMonths: ["jan", "feb", "mar", "apr", "maj", "jun", "jul", "aug", "sep", "okt", "nov", "dec"],
      date: "%d.%m.%Y",
      decimal: ",",
      thousands: "."
    }
  };
  window.portalChartLayout = function (layout) {
    var danish = document.documentElement.lang !== "en";
    if (danish && !registered && window.Plotly) {
      window.Plotly.register(DA);
      window.Plotly.setPlotConfig({locale: "da"});
      registered = true;
    }
    return Object.assign({separators: danish ? ",." : ".,"}, layout || {});
  };
})();
