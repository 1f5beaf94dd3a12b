/* The atlas map's own Leaflet code. Each folium element of components/map_layers.py renders one
   call into this file with its data as JSON (e.g. `ClusterAtlas.actorLayer(group, {...})`).
   Names from the data only ever reach the page through `textContent`. */
(function () {
    "use strict";
    var atlas = window.ClusterAtlas = window.ClusterAtlas || {};

    /* A click on a marker gives st_folium the marker's feature (`last_active_drawing`): it carries
       what was clicked (`properties`: cluster, actor or project) and the map's click count, so that a
       second click on the same marker (after the selection was cleared) is a new value and selects again.
       Registered before st_folium's own handler, which runs on the parent layer. */
    // Counted for the whole map, not per marker: a filter or selection change rebuilds the markers,
    // and a fresh per-marker count would repeat the value st_folium returned last.
    var clicks = 0;
    // A new properties object, not a changed one: st_folium keeps the feature it sent last and
    // compares against it, and it shares this object with the marker.
    function countClick(feature) {
        clicks += 1;
        feature.properties = Object.assign({}, feature.properties, {clicks: clicks});
    }
    function clickable(marker, properties) {
        marker.feature = {type: "Feature", properties: properties};
        marker.on("click", function () { countClick(marker.feature); });
        return marker;
    }
    atlas.countClicks = function (feature, layer) {
        layer.on("click", function () { countClick(feature); });
    };

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

    /* All actors in one Leaflet.markercluster group, from rows [lat, lon, type, name, city, position].
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
                        return clickable(L.circleMarker([row[0], row[1]], {radius: 6, color: "#ffffff", weight: 1.5,
                            fillColor: types[row[2]].colour, fillOpacity: 0.95, row: row}), {actor: row[5]})
                            .bindTooltip(tooltip);
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

    /* Lighthouse projects as ◆ markers from rows [lat, lon, label, id]. */
    atlas.projectLayer = function (group, rows) {
        var icon = L.divIcon({className: "", html: '<div class="atlas-project" aria-hidden="true">\u25c6</div>',
                              iconSize: [18, 18], iconAnchor: [9, 9]});
        rows.forEach(function (row) {
            var marker = clickable(L.marker([row[0], row[1]], {icon: icon}), {project: row[3]})
                .bindTooltip(textNode(row[2]));
            // Leaflet makes the marker a focusable button; without a name a screen reader says "◆".
            marker.on("add", function () { marker.getElement().setAttribute("aria-label", row[2]); });
            marker.addTo(group);
        });
    };

    /* What lies under the data, in panes of its own: `base` (z-index 250, under the overlay
       pane's circles and markers at 400) holds the states, the water and the district lines;
       `labels` (350) the place names, and never takes a pointer event, so that a name under a
       circle neither hides it nor catches its click. */
    function basePanes(map, panes) {
        if (!map.getPane(panes.base)) {
            map.createPane(panes.base).style.zIndex = 250;
        }
        if (!map.getPane(panes.labels)) {
            var labels = map.createPane(panes.labels);
            labels.style.zIndex = 350;
            labels.style.pointerEvents = "none";
        }
    }

    /* The source attribution as a link. */
    function sourceAttribution(map, options) {
        map.attributionControl.setPrefix(false);
        var link = document.createElement("a");
        link.href = options.url;
        link.target = "_blank";
        link.textContent = options.text;
        map.attributionControl.addAttribution(link.outerHTML);
    }

    function fetchJson(url) {
        return fetch(url).then(function (response) {
            if (!response.ok) { throw new Error(url + ": " + response.status); }
            return response.json();
        });
    }

    // After the browser has painted the states and circles, not before.
    function afterPaint(callback) {
        requestAnimationFrame(function () { setTimeout(callback, 0); });
    }

    /* District lines from zoom options.minZoom on, fetched on first need so that the first load
       stays light. options: {url, minZoom, pane}. */
    function districtLines(map, options) {
        var districts = null, loading = false;
        function update() {
            var wanted = map.getZoom() >= options.minZoom;
            if (wanted && !districts && !loading) {
                loading = true;
                fetchJson(options.url).then(function (data) {
                    districts = L.geoJSON(data, {pane: options.pane, interactive: false,
                                                 style: {color: "#8a8a8a", weight: 0.6, fill: false}});
                    update();
                });
            }
            if (districts) {
                if (wanted && !map.hasLayer(districts)) { districts.addTo(map); }
                if (!wanted && map.hasLayer(districts)) { map.removeLayer(districts); }
            }
        }
        map.on("zoomend", update);
        update();
    }

    /* The 16 states, the land of the offline map, each named in a tooltip (the feature's
       property options.nameField) and lit under the pointer. From a static file rather than inside
       the map script: the script is sent and rendered on every rerun of every visitor, the file
       once per browser. Resolves when the states are drawn. options: {url, pane, nameField}. */
    function stateAreas(map, options) {
        var plain = {color: "#7a7a7a", weight: 1, fillColor: "#eef2ee", fillOpacity: 1};
        var lit = {fillColor: "#dfe8df", weight: 1.5};
        return fetchJson(options.url).then(function (data) {
            var states = L.geoJSON(data, {pane: options.pane, style: plain, onEachFeature: function (feature, layer) {
                layer.bindTooltip(textNode(feature.properties[options.nameField]), {sticky: true});
                layer.on("mouseover", function () { layer.setStyle(lit); });
                layer.on("mouseout", function () { states.resetStyle(layer); });
            }});
            states.addTo(map);
        });
    }

    /* The coastal waters and Lake Constance as a light-blue fill over the land, and the coast
       as a thin darker line (features of kind "water" and "coast"). options: {url, pane}. */
    function waterAreas(map, options) {
        return fetchJson(options.url).then(function (data) {
            L.geoJSON(data, {pane: options.pane, interactive: false, style: function (feature) {
                return feature.properties.kind === "coast"
                    ? {color: "#6f9fbf", weight: 0.8, fill: false}
                    : {stroke: false, fill: true, fillColor: "#cde3f1", fillOpacity: 1};
            }}).addTo(map);
        });
    }

    /* Place names from rows [lat, lon, name, rank] in priority order, each shown from zoom
       options.minZoom[rank] on. After every move the names in view are placed in that order: a
       city's name beside its dot, on the first side (right, left, below, above) that neither a
       name placed before nor a circle or marker of the data covers (past a circle drawn on the
       city itself); a district's name centred in the district. A name that meets a name placed
       before it is hidden. The names are text (textContent) in non-interactive markers.
       options: {url, pane, minZoom}. */
    function placeLabels(map, options) {
        var layer = L.layerGroup().addTo(map), labels = [], gap = 3, dot = 6, timer = null;
        function label(row) {
            var text = document.createElement("span");
            text.textContent = row[2];
            var icon = L.divIcon({className: "atlas-place atlas-place-" + row[3], html: text, iconSize: null});
            var marker = L.marker([row[0], row[1]], {icon: icon, pane: options.pane, interactive: false,
                                                     keyboard: false});
            return {rank: row[3], latLng: marker.getLatLng(), marker: marker, text: text, size: null};
        }
        function apart(a, b) {
            return a.right + gap <= b.left || b.right + gap <= a.left ||
                a.bottom + gap <= b.top || b.bottom + gap <= a.top;
        }
        function box(at, dx, dy, size) {
            return {dx: dx, dy: dy, left: at.left + dx, top: at.top + dy,
                    right: at.left + dx + size.width, bottom: at.top + dy + size.height};
        }
        // Where a name may go: beside the dot, or past an obstacle drawn on the dot itself.
        function candidates(entry, at, obstacles) {
            var w = entry.size.width, h = entry.size.height;
            if (entry.rank === 3) { return [box(at, -w / 2, -h / 2, entry.size)]; }
            var under = obstacles.filter(function (o) {
                return o.left <= at.left && at.left <= o.right && o.top <= at.top && at.top <= o.bottom;
            });
            // apart() wants `gap` pixels between boxes: a name pushed past an obstacle keeps one more.
            var reach = function (side) {
                return under.reduce(function (most, o) { return Math.max(most, side(o) + 1); }, dot);
            };
            var right = reach(function (o) { return o.right - at.left + gap; });
            var left = reach(function (o) { return at.left - o.left + gap; });
            var below = reach(function (o) { return o.bottom - at.top + gap; });
            var above = reach(function (o) { return at.top - o.top + gap; });
            return [box(at, dot, -h / 2, entry.size), box(at, -dot - w, -h / 2, entry.size),
                    box(at, -w / 2, dot - 2, entry.size), box(at, -w / 2, 2 - dot - h, entry.size),
                    box(at, right, -h / 2, entry.size), box(at, -left - w, -h / 2, entry.size),
                    box(at, -w / 2, below, entry.size), box(at, -w / 2, -above - h, entry.size)];
        }
        function update() {
            var zoom = map.getZoom(), view = map.getBounds().pad(0.1);
            var shown = labels.filter(function (entry) {
                var wanted = zoom >= options.minZoom[entry.rank] && view.contains(entry.latLng);
                if (wanted !== layer.hasLayer(entry.marker)) {
                    if (wanted) { layer.addLayer(entry.marker); } else { layer.removeLayer(entry.marker); }
                }
                return wanted;
            });
            // Everything is measured first (one layout), then placed, which moves nothing measured.
            var obstacles = [];
            ["overlayPane", "markerPane"].forEach(function (pane) {
                map.getPane(pane).querySelectorAll(".leaflet-interactive").forEach(function (element) {
                    obstacles.push(element.getBoundingClientRect());
                });
            });
            var anchors = shown.map(function (entry) {
                if (!entry.size) {
                    var measured = entry.text.getBoundingClientRect();
                    entry.size = {width: measured.width, height: measured.height};
                }
                return entry.marker.getElement().getBoundingClientRect();
            });
            var placed = [];
            shown.forEach(function (entry, i) {
                var free = candidates(entry, anchors[i], obstacles).filter(function (spot) {
                    return placed.every(function (other) { return apart(spot, other); });
                });
                var spot = free.filter(function (candidate) {
                    return obstacles.every(function (other) { return apart(candidate, other); });
                })[0] || free[0];
                entry.marker.getElement().style.visibility = spot ? "" : "hidden";
                if (spot) {
                    entry.text.style.left = spot.dx + "px";
                    entry.text.style.top = spot.dy + "px";
                    placed.push(spot);
                }
            });
        }
        // Circles and markers come and go with the filters and the actors' grouping, and are
        // redrawn for a new view by handlers that may run after ours: look again once they settle.
        function later(event) {
            if (event.layer && (event.layer === layer || layer.hasLayer(event.layer))) { return; }
            clearTimeout(timer);
            timer = setTimeout(update, 150);
        }
        afterPaint(function () {
            fetchJson(options.url).then(function (rows) {
                labels = rows.map(label);
                map.on("zoomend moveend", update);
                map.on("moveend layeradd layerremove", later);
                update();
            });
        });
    }

    /* The map's base detail, that no filter changes: panes, attribution, states, water, district
       lines and place names. options: {panes: {base, labels}, attribution: {text, url},
       states: {url, nameField}, water: {url}, districts: {url, minZoom},
       places: {url, minZoom: {rank: zoom}}}. */
    atlas.baseDetail = function (map, options) {
        var base = {pane: options.panes.base};
        basePanes(map, options.panes);
        sourceAttribution(map, options.attribution);
        // In this order within the base pane: the water over the land, the district lines over both.
        // A file that fails to load leaves the rest to come (the failure is in the console).
        function lines() { districtLines(map, L.extend({}, base, options.districts)); }
        function water() {
            afterPaint(function () { waterAreas(map, L.extend({}, base, options.water)).then(lines, lines); });
        }
        stateAreas(map, L.extend({}, base, options.states)).then(water, water);
        placeLabels(map, L.extend({pane: options.panes.labels}, options.places));
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
