// Draws each [data-map] element as a Leaflet map of a GeoJSON FeatureCollection.
// Each feature's properties may carry `name` and `url`; the list on the page is the
// accessible, no-JavaScript version of the same results, so the map is an extra.
(function () {
  "use strict";

  function escapeHtml(text) {
    var div = document.createElement("div");
    div.textContent = text == null ? "" : String(text);
    return div.innerHTML;
  }

  function draw(element, data) {
    var map = L.map(element, { scrollWheelZoom: false });
    L.tileLayer(element.dataset.tileUrl, {
      attribution: element.dataset.tileAttribution,
      maxZoom: 18,
    }).addTo(map);
    var layer = L.geoJSON(data, {
      onEachFeature: function (feature, marker) {
        var p = feature.properties || {};
        var label = escapeHtml(p.name);
        if (p.url) label = '<a href="' + encodeURI(p.url) + '">' + label + "</a>";
        if (p.summary) label += "<br>" + escapeHtml(p.summary);
        marker.bindPopup(label);
        marker.options.title = p.name || "";
        marker.options.alt = p.name || "";
      },
    }).addTo(map);
    var bounds = layer.getBounds();
    if (bounds.isValid()) {
      map.fitBounds(bounds, { padding: [24, 24], maxZoom: 15 });
    } else if (element.dataset.center) {
      var c = element.dataset.center.split(",").map(Number);
      map.setView(c, 13);
    } else {
      map.setView([54.5, -3.5], 5);
    }
    element.dataset.markers = String(layer.getLayers().length);
  }

  function init() {
    if (typeof L === "undefined") return;
    document.querySelectorAll("[data-map]").forEach(function (element) {
      element.hidden = false;
      if (element.dataset.geojsonId) {
        var source = document.getElementById(element.dataset.geojsonId);
        draw(element, JSON.parse(source.textContent));
      } else if (element.dataset.geojsonUrl) {
        fetch(element.dataset.geojsonUrl, { headers: { Accept: "application/geo+json" } })
          .then(function (r) { return r.json(); })
          .then(function (data) { draw(element, data); })
          .catch(function () { element.hidden = true; });
      }
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
