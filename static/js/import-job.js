// Poll the job while it runs; reload once it has finished to show every row.
(function () {
  var box = document.getElementById("job-state");
  if (!box || box.dataset.running !== "true") return;
  function poll() {
    fetch(box.dataset.statusUrl, {credentials: "same-origin"})
      .then(function (r) { return r.json(); })
      .then(function (s) {
        var bar = document.getElementById("job-progress");
        if (bar) { bar.value = s.percent; bar.textContent = s.percent + "%"; }
        var text = document.getElementById("job-progress-text");
        if (text) { text.textContent = s.processed + " of " + s.total + " rows"; }
        document.getElementById("job-status").textContent = s.status_display;
        if (s.running) { setTimeout(poll, 1500); } else { window.location.reload(); }
      })
      .catch(function () { setTimeout(poll, 5000); });
  }
  setTimeout(poll, 1000);
})();
