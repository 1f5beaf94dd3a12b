/* The atlas map's own Leaflet code. Each folium element of components/map_layers.py renders one
   call into this file with its data as JSON (e.g. `ClusterAtlas.actorLayer(group, {...})`).
   Names from the data only ever reach the page through `textContent`. */
(function () {
    "use strict";
    var atlas = window.ClusterAtlas = window.ClusterAtlas || {};

    function textNode(value) {
        var span = document.createElement("span");
        span.textContent = value;
        return span;
    }

    // Pending or finished downloads of the actor file, by URL: a filter change swaps the layers
    // (st_folium's feature groups) and draws again from the rows it already has.
    var actorFiles = {};

    function actorRows(url) {
        if (!actorFiles[url]) {
            actorFiles[url] = fetch(url).then(function (response) {
                if (!response.ok) { throw new Error(url + ": " + response.status); }
                return response.json();
            });
            actorFiles[url].catch(function () { delete actorFiles[url]; });
        }
        return actorFiles[url];
    }

    /* All actors in one Leaflet.markercluster group, from rows [lat, lon, type, name, city].
       options: {types: {type: {colour, label}}, url, shown} (rows of the file at `url`, `shown`
       their indices or null for all) or {types, rows}. The markers are made after the first
       paint, their tooltips on hover. */
    atlas.actorLayer = function (group, options) {
        var types = options.types;
        var markers = L.markerClusterGroup({chunkedLoading: true, maxClusterRadius: 45, showCoverageOnHover: false,
            chunkProgress: function (done, total) { markers.drawn = done === total; }});
        group.addLayer(markers);
        // st_folium keeps every layer group it replaced (window.feature_group): let go of the markers,
        // and draw none into a group that a newer filter replaced before its actors arrived.
        var replaced = false;
        group.once("remove", function () { replaced = true; markers.clearLayers(); });
        // st_folium evaluates the layers inside a function: this is how tests and the benchmark find them
        // (`drawn` once every marker is placed).
        atlas.actors = markers;

        function tooltip(marker) {
            var row = marker.options.row;
            return textNode(row[3] + " · " + types[row[2]].label + " · " + row[4]);
        }
        function draw(rows) {
            // After the browser has painted the boundaries and circles, not before.
            requestAnimationFrame(function () {
                setTimeout(function () {
                    if (replaced) { return; }
                    markers.addLayers(rows.map(function (row) {
                        return L.circleMarker([row[0], row[1]], {radius: 6, color: "#ffffff", weight: 1.5,
                            fillColor: types[row[2]].colour, fillOpacity: 0.95, row: row}).bindTooltip(tooltip);
                    }));
                }, 0);
            });
        }
        if (options.url) {
            actorRows(options.url).then(function (all) {
                draw(options.shown === null ? all : options.shown.map(function (i) { return all[i]; }));
            });
        } else {
            draw(options.rows);
        }
        return markers;
    };

    /* Lighthouse projects as ◆ markers from rows [lat, lon, label]. */
    atlas.projectLayer = function (group, rows) {
        var icon = L.divIcon({className: "", html: '<div class="atlas-project" aria-hidden="true">\u25c6</div>',
                              iconSize: [18, 18], iconAnchor: [9, 9]});
        rows.forEach(function (row) {
            var marker = L.marker([row[0], row[1]], {icon: icon}).bindTooltip(textNode(row[2]));
            // Leaflet makes the marker a focusable button; without a name a screen reader says "◆".
            marker.on("add", function () { marker.getElement().setAttribute("aria-label", row[2]); });
            marker.addTo(group);
        });
    };

    /* District lines from zoom options.minZoom on, fetched on first need so that the first load
       stays light; and the source attribution as a link. */
    atlas.boundaryDetail = function (map, options) {
        map.attributionControl.setPrefix(false);
        var link = document.createElement("a");
        link.href = options.attributionUrl;
        link.target = "_blank";
        link.textContent = options.attribution;
        map.attributionControl.addAttribution(link.outerHTML);
        var districts = null, loading = false;
        function update() {
            var wanted = map.getZoom() >= options.minZoom;
            if (wanted && !districts && !loading) {
                loading = true;
                fetch(options.url).then(function (response) { return response.json(); }).then(function (data) {
                    districts = L.geoJSON(data, {interactive: false,
                                                 style: {color: "#8a8a8a", weight: 0.6, fill: false}});
                    update();
                });
            }
            if (districts) {
                if (wanted && !map.hasLayer(districts)) { districts.addTo(map); districts.bringToBack(); }
                if (!wanted && map.hasLayer(districts)) { map.removeLayer(districts); }
            }
        }
        map.on("zoomend", update);
        update();
    };

    /* Show what a filter leaves: view = {bounds, padding, maxZoom}. Only when it differs from the
       last view fitted, so that new layers for the same filter (another size figure) keep the
       reader's pan and zoom. */
    atlas.fitView = function (map, view) {
        var key = JSON.stringify(view);
        if (map.clusterAtlasView === key) { return; }
        map.clusterAtlasView = key;
        map.fitBounds(view.bounds, {padding: view.padding, maxZoom: view.maxZoom});
    };

    /* Names in the page's language for what a keyboard reaches: the map itself (Leaflet makes it
       focusable for arrow-key panning but leaves it unnamed) and the zoom buttons (Leaflet names
       them in English). options: {label, zoomIn, zoomOut}. */
    atlas.mapControls = function (map, options) {
        var container = map.getContainer();
        container.setAttribute("role", "region");
        container.setAttribute("aria-label", options.label);
        L.control.zoom({zoomInTitle: options.zoomIn, zoomOutTitle: options.zoomOut}).addTo(map);
    };

    /* The layer switch's name in the page's language. options: {label}. */
    atlas.layersControl = function (control, options) {
        var toggle = control.getContainer().querySelector(".leaflet-control-layers-toggle");
        toggle.title = options.label;
        toggle.setAttribute("aria-label", options.label);
    };
})();
