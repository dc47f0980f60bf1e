// Poll an import job while it runs; reload once it has finished to show every row.
(function () {
  "use strict";
  // Translations from Django's JavaScript catalogue (/jsi18n/), loaded before this
  // script; without it the English source text is shown.
  var gettext = window.gettext || function (s) { return s; };
  var box = document.getElementById("job-state");
  if (!box || box.dataset.running !== "true") return;
  var rowsOf = box.dataset.rowsOf || gettext("%(processed)s of %(total)s rows");
  function poll() {
    fetch(box.dataset.statusUrl, {credentials: "same-origin"})
      .then(function (r) { return r.json(); })
      .then(function (s) {
        var bar = document.getElementById("job-progress");
        if (bar) { bar.value = s.percent; bar.textContent = s.percent + "%"; }
        var text = document.getElementById("job-progress-text");
        if (text) {
          text.textContent = rowsOf.replace("%(processed)s", s.processed).replace("%(total)s", s.total);
        }
        document.getElementById("job-status").textContent = s.status_display;
        if (s.running) { setTimeout(poll, 1500); } else { window.location.reload(); }
      })
      .catch(function () { setTimeout(poll, 5000); });
  }
  setTimeout(poll, 1000);
})();
