// The map page: Natural Earth outlines (no tile server needed), events as circles by type and toll.
// No inline script anywhere (the CSP forbids it); popups are built with textContent, never innerHTML.
(function () {
  "use strict";
  var COLOURS = {"Battles": "#d62728", "Explosions/Remote violence": "#ff7f0e", "Violence against civilians": "#9467bd",
                 "Protests": "#2ca02c", "Riots": "#8c564b", "Strategic developments": "#1f77b4"};
  var el = document.getElementById("map");
  var map = L.map(el, {preferCanvas: false}).setView([35.0, 39.0], 6);
  var tiles = el.getAttribute("data-tiles");
  if (tiles) { L.tileLayer(tiles, {maxZoom: 18}).addTo(map); }
  fetch("/basemap/countries.json").then(function (r) { return r.ok ? r.json() : null; }).then(function (topo) {
    if (!topo) { return; }
    var land = topojson.feature(topo, topo.objects.countries);
    L.geoJSON(land, {style: {color: "#78909c", weight: 1, fillColor: "#f5f5f0", fillOpacity: 1}, interactive: false}).addTo(map).bringToBack();
  });
  // governorates of the gazetteer as labels (HTML markers: Arabic is shaped by the browser)
  fetch("/api/admin-areas").then(function (r) { return r.json(); }).then(function (areas) {
    areas.forEach(function (a) {
      var div = document.createElement("div");
      var ar = document.createElement("bdi"); ar.textContent = a.name_ar || ""; ar.className = "admin-ar";
      var en = document.createElement("span"); en.textContent = a.name || ""; en.className = "admin-en";
      div.appendChild(ar); div.appendChild(document.createElement("br")); div.appendChild(en);
      L.marker([a.lat, a.lon], {icon: L.divIcon({className: "admin-label", html: div, iconSize: null}), interactive: false,
        keyboard: false}).addTo(map);
    });
  });
  var layer = L.layerGroup().addTo(map);
  function line(parent, label, value) {
    var p = document.createElement("div");
    var b = document.createElement("b"); b.textContent = label + ": ";
    var s = document.createElement("bdi"); s.textContent = value == null ? "" : String(value);
    p.appendChild(b); p.appendChild(s); parent.appendChild(p);
  }
  function popup(p) {
    var d = document.createElement("div");
    var a = document.createElement("a"); a.href = "/events/" + encodeURIComponent(p.event_id); a.textContent = p.event_type;
    d.appendChild(a);
    line(d, "date", p.date_start); line(d, "place", p.location); line(d, "actors", (p.actor1 || "—") + " → " + (p.actor2 || "—"));
    line(d, "killed", p.fatalities); line(d, "outlet", p.outlet); line(d, "status", p.status);
    if (p.recon_id) {
      var r = document.createElement("a"); r.href = "/reconciled/" + encodeURIComponent(p.recon_id); r.textContent = "reconciled (" + p.grade + ")";
      d.appendChild(r);
    }
    var art = document.createElement("a"); art.href = "/articles/" + encodeURIComponent(p.doc_id) + "#ev-" + p.event_id; art.textContent = " · article";
    d.appendChild(art);
    return d;
  }
  function load() {
    var params = new URLSearchParams(new FormData(document.getElementById("filters")));
    Array.from(params.keys()).forEach(function (k) { if (!params.get(k)) { params.delete(k); } });
    fetch("/api/map?" + params.toString()).then(function (r) { return r.json(); }).then(function (fc) {
      layer.clearLayers();
      fc.features.forEach(function (f) {
        var p = f.properties, c = f.geometry.coordinates;
        var radius = 4 + Math.sqrt(p.fatalities || 0) * 2;
        L.circleMarker([c[1], c[0]], {radius: Math.min(radius, 30), color: COLOURS[p.event_type] || "#777", weight: 1,
          fillOpacity: 0.6, className: "event-marker"}).bindPopup(popup(p)).addTo(layer);
      });
      document.getElementById("count").textContent = (fc.total_estimated ? "about " : "") + fc.total.toLocaleString("en") +
        " events with coordinates" +
        (fc.shown < fc.total ? " (the latest " + fc.shown + " shown)" : "");
    });
  }
  document.getElementById("filters").addEventListener("submit", function (ev) {
    ev.preventDefault();
    var params = new URLSearchParams(new FormData(ev.target));
    history.replaceState(null, "", "/?" + params.toString());
    load();
  });
  load();
})();
