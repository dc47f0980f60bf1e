/* The dashboard: Chart.js charts, the offline world map (d3-geo + world-atlas),
   and the "Refresh now" button's live progress. Data comes from the page's
   json_script block; nothing is fetched from outside this site. */
(function () {
  "use strict";
  // Translations from Django's JavaScript catalogue (/jsi18n/), loaded before this
  // script; without it the English source text is shown.
  var gettext = window.gettext || function (s) { return s; };
  var ngettext = window.ngettext || function (s, p, n) { return n === 1 ? s : p; };
  var interpolate = window.interpolate || function (fmt, obj) {
    return fmt.replace(/%\((\w+)\)s/g, function (match, key) { return String(obj[key]); });
  };

  var dataElement = document.getElementById("dashboard-data");
  var data = dataElement ? JSON.parse(dataElement.textContent) : null;
  var INK = "#1b2330";
  var MUTED = "#4f5b6b";
  var GRID = "#e3e7ee";
  var BRAND = "#14456b";

  function markDrawn(id) {
    var element = document.getElementById(id);
    if (element) element.setAttribute("data-drawn", "true");
  }

  function emptyNote(canvas, text) {
    var note = document.createElement("p");
    note.className = "empty chart-empty";
    note.textContent = text;
    canvas.parentNode.appendChild(note);
  }

  function horizontalBars(id, rows, colors, outlines) {
    var canvas = document.getElementById(id);
    if (!canvas) return;
    if (!rows.length || rows.every(function (r) { return !r.count; })) {
      emptyNote(canvas, gettext("Nothing recorded in this period."));
    }
    new Chart(canvas, {
      type: "bar",
      data: {
        labels: rows.map(function (r) { return r.label; }),
        datasets: [{
          label: gettext("Engagements"),
          data: rows.map(function (r) { return r.count; }),
          backgroundColor: colors || BRAND,
          // An official SDG colour under 3:1 against white keeps its hue inside a dark outline.
          borderColor: outlines ? outlines.map(function (o) { return o ? INK : "transparent"; }) : "transparent",
          borderWidth: outlines ? 1 : 0,
          borderRadius: 3,
          maxBarThickness: 22
        }]
      },
      options: {
        indexAxis: "y",
        maintainAspectRatio: false,
        animation: false,
        plugins: { legend: { display: false } },
        scales: {
          x: { beginAtZero: true, ticks: { precision: 0, color: MUTED }, grid: { color: GRID } },
          y: { ticks: { color: INK, autoSkip: false }, grid: { display: false } }
        }
      }
    });
    markDrawn(id);
  }

  function drawCharts() {
    if (typeof Chart === "undefined" || !data) return;
    Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;
    Chart.defaults.color = INK;

    var monthly = document.getElementById("chart-monthly");
    if (monthly) {
      new Chart(monthly, {
        type: "bar",
        data: {
          labels: data.monthly.labels,
          datasets: data.monthly.series
            .filter(function (s) { return s.values.some(Boolean); })
            .map(function (s) {
              // White separators between stacked segments, so neighbours never blur together.
              return {
                label: s.label, data: s.values, backgroundColor: s.color, stack: "kinds",
                borderColor: "#ffffff", borderWidth: { top: 1, bottom: 0, left: 0, right: 0 }
              };
            })
        },
        options: {
          maintainAspectRatio: false,
          animation: false,
          interaction: { mode: "index", intersect: false },
          plugins: { legend: { position: "bottom", labels: { boxWidth: 12, color: INK } } },
          scales: {
            x: { stacked: true, ticks: { color: MUTED, maxRotation: 0, autoSkipPadding: 12 }, grid: { display: false } },
            y: { stacked: true, beginAtZero: true, ticks: { precision: 0, color: MUTED }, grid: { color: GRID } }
          }
        }
      });
      markDrawn("chart-monthly");
    }
    horizontalBars("chart-countries", data.countries);
    horizontalBars("chart-topics", data.topics, "#0b6e4f");
    horizontalBars("chart-sdg", data.sdg, data.sdg.map(function (r) { return r.color; }),
      data.sdg.map(function (r) { return r.outline; }));
  }

  /* Sequential blues, light to dark, for engagements per country; each at least
     3:1 against white and against the grey of countries without engagements. */
  var SHADES = ["#4a88c0", "#2f7fc1", "#2b6ca8", "#1d5f99", "#0d3d6b"];

  function shade(count, max) {
    if (!count) return null;
    var index = Math.min(SHADES.length - 1, Math.floor((SHADES.length * Math.log(count)) / Math.log(max + 1)));
    return SHADES[index];
  }

  function svgElement(name, attributes) {
    var element = document.createElementNS("http://www.w3.org/2000/svg", name);
    Object.keys(attributes || {}).forEach(function (key) { element.setAttribute(key, attributes[key]); });
    return element;
  }

  function drawMap() {
    var container = document.getElementById("world-map");
    if (!container || !data || typeof d3 === "undefined" || typeof topojson === "undefined") return;
    fetch(data.atlas_url, { credentials: "same-origin" })
      .then(function (response) { return response.json(); })
      .then(function (world) {
        var width = 960;
        var height = 470;
        var land = topojson.feature(world, world.objects.countries);
        land.features = land.features.filter(function (f) { return f.properties.name !== "Antarctica"; });
        var projection = d3.geoNaturalEarth1().fitExtent([[4, 4], [width - 4, height - 4]], land);
        var path = d3.geoPath(projection);
        var counts = data.map || {};
        var max = Math.max.apply(null, [1].concat(Object.values(counts)));
        var svg = svgElement("svg", { viewBox: "0 0 " + width + " " + height, class: "map-svg" });
        svg.appendChild(svgElement("path", { d: path({ type: "Sphere" }), class: "map-sphere" }));
        land.features.forEach(function (feature) {
          var count = counts[feature.id] || 0;
          var country = svgElement("path", {
            d: path(feature),
            class: "map-country" + (count ? " has-engagements" : ""),
            fill: shade(count, max) || "#e4e8ee",
            "data-id": feature.id || ""
          });
          var title = svgElement("title");
          title.textContent = interpolate(
            ngettext("%(country)s: %(count)s engagement", "%(country)s: %(count)s engagements", count),
            { country: data.map_names[feature.id] || feature.properties.name, count: count },
            true
          );
          country.appendChild(title);
          svg.appendChild(country);
        });
        (data.sister_cities || []).forEach(function (tie) {
          if (tie.longitude === null || tie.latitude === null) return;
          var point = projection([tie.longitude, tie.latitude]);
          if (!point) return;
          var marker = svgElement("circle", {
            cx: point[0].toFixed(1), cy: point[1].toFixed(1), r: 5.5,
            class: "map-tie " + (tie.active ? "active" : "dormant")
          });
          var title = svgElement("title");
          title.textContent = interpolate(
            tie.active ? gettext("%(city)s (%(country)s), active tie") : gettext("%(city)s (%(country)s), dormant tie"),
            { city: tie.name, country: tie.country },
            true
          );
          marker.appendChild(title);
          svg.appendChild(marker);
        });
        container.appendChild(svg);
        container.setAttribute("data-drawn", "true");
        drawLegend(max);
      })
      .catch(function () {
        container.textContent = gettext("The map could not be drawn.");
      });
  }

  function drawLegend(max) {
    var legend = document.getElementById("map-legend");
    if (!legend) return;
    var label = document.createElement("span");
    label.textContent = gettext("Engagements:");
    legend.appendChild(label);
    var seen = {};
    for (var count = 1; count <= max; count++) {
      var colour = shade(count, max);
      if (seen[colour]) continue;
      seen[colour] = true;
      var item = document.createElement("span");
      item.className = "legend-item";
      var swatch = document.createElement("span");
      swatch.className = "swatch";
      swatch.style.background = colour;
      item.appendChild(swatch);
      item.appendChild(document.createTextNode(count + "+"));
      legend.appendChild(item);
    }
  }

  /* "Refresh now": queue the job, then poll its progress every second and
     reload the page once the new figures are stored. */
  function pollJob(url) {
    var box = document.getElementById("refresh-progress");
    var bar = document.getElementById("refresh-bar");
    var text = document.getElementById("refresh-text");
    var button = document.getElementById("refresh-button");
    box.hidden = false;
    button.disabled = true;
    function tick() {
      fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" })
        .then(function (response) { return response.json(); })
        .then(function (job) {
          bar.value = job.percent;
          if (job.state === "done") {
            text.textContent = interpolate(
              ngettext(
                "Done: %(total)s report rebuilt. Loading the new figures…",
                "Done: %(total)s reports rebuilt. Loading the new figures…",
                job.total
              ),
              { total: job.total },
              true
            );
            var here = new URL(window.location.href);
            here.searchParams.delete("job");
            window.location.assign(here.toString());
          } else if (job.state === "failed") {
            text.textContent = interpolate(
              gettext("The refresh failed: %(error)s."),
              { error: job.error || gettext("unknown error") },
              true
            );
            button.disabled = false;
          } else {
            text.textContent = interpolate(
              job.state === "queued"
                ? gettext("Waiting for a worker… %(done)s of %(total)s")
                : gettext("Rebuilding reports: %(done)s of %(total)s"),
              { done: job.done, total: job.total },
              true
            );
            window.setTimeout(tick, 1000);
          }
        })
        .catch(function () { window.setTimeout(tick, 2000); });
    }
    tick();
  }

  function wireRefresh() {
    var form = document.getElementById("refresh-form");
    if (!form) return;
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      fetch(form.action, {
        method: "POST",
        body: new FormData(form),
        headers: { Accept: "application/json" },
        credentials: "same-origin"
      })
        .then(function (response) {
          if (!response.ok) throw new Error(response.status);
          return response.json();
        })
        .then(function (job) { pollJob(job.url); })
        .catch(function () { form.submit(); });
    });
    if (form.dataset.jobUrl) pollJob(form.dataset.jobUrl);
  }

  function wireAutosubmit() {
    document.querySelectorAll("form[data-autosubmit] select").forEach(function (select) {
      select.addEventListener("change", function () { select.form.submit(); });
    });
  }

  wireAutosubmit();
  wireRefresh();
  drawCharts();
  drawMap();
})();
