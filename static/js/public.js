/* A city's public page: its sister cities on the offline world map (d3-geo + world-atlas). */
(function () {
  "use strict";
  // Translations from Django's JavaScript catalogue (/jsi18n/), loaded before this
  // script; without it the English source text is shown.
  var gettext = window.gettext || function (s) { return s; };
  var source = document.getElementById("public-map-data");
  var container = document.getElementById("world-map");
  if (!source || !container || typeof d3 === "undefined" || typeof topojson === "undefined") return;
  var data = JSON.parse(source.textContent);

  function svgElement(name, attributes) {
    var element = document.createElementNS("http://www.w3.org/2000/svg", name);
    Object.keys(attributes || {}).forEach(function (key) { element.setAttribute(key, attributes[key]); });
    return element;
  }

  fetch(data.atlas_url)
    .then(function (response) { return response.json(); })
    .then(function (world) {
      var width = 960;
      var height = 470;
      var land = topojson.feature(world, world.objects.countries);
      land.features = land.features.filter(function (f) { return f.properties.name !== "Antarctica"; });
      var projection = d3.geoNaturalEarth1().fitExtent([[4, 4], [width - 4, height - 4]], land);
      var path = d3.geoPath(projection);
      var svg = svgElement("svg", { viewBox: "0 0 " + width + " " + height, class: "map-svg" });
      svg.appendChild(svgElement("path", { d: path({ type: "Sphere" }), class: "map-sphere" }));
      land.features.forEach(function (feature) {
        svg.appendChild(svgElement("path", { d: path(feature), class: "map-country", fill: "#e4e8ee" }));
      });
      (data.sister_cities || []).forEach(function (tie) {
        if (tie.longitude === null || tie.latitude === null) return;
        var point = projection([tie.longitude, tie.latitude]);
        if (!point) return;
        var marker = svgElement("circle", {
          cx: point[0].toFixed(1), cy: point[1].toFixed(1), r: 5.5, class: "map-tie active"
        });
        var title = svgElement("title");
        title.textContent = tie.name + " (" + tie.country + ")";
        marker.appendChild(title);
        svg.appendChild(marker);
      });
      container.appendChild(svg);
      container.setAttribute("data-drawn", "true");
    })
    .catch(function () {
      container.textContent = gettext("The map could not be drawn.");
    });
})();
