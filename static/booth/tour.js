/* The booth tour, run in the browser: slides from the tour's data file (presentation/booth_tour.py)
   fade into each other while the map flies to the next region, so no slide change is a script run
   of the server. A touch opens a chooser; idle time returns to the tour. Every text comes from the
   data file or the settings and is set as text, never as markup. */
(function () {
  "use strict";

  const settings = JSON.parse(document.getElementById("tour-settings").textContent);
  const tour = document.getElementById("tour");
  const panels = [document.getElementById("panel-a"), document.getElementById("panel-b")];
  const mapElement = document.getElementById("map");
  const chooser = document.getElementById("chooser");
  const footer = tour.querySelector(".footer");
  const touchButton = document.getElementById("touch");
  const progress = document.getElementById("progress");
  const attribution = document.getElementById("attribution");

  const dwell = clamp(Number(settings.dwell), 1, 3600, 12);
  const idle = clamp(Number(settings.idle), 1, 3600, 60);
  // Transitions take at most a fraction of a slide's time, so a short dwell never stacks them.
  const fade = Math.min(0.8, dwell * 0.3);
  const flight = Math.min(1.6, dwell * 0.5);
  document.documentElement.style.setProperty("--fade", fade + "s");

  const ACTOR_COLOURS = ["#ffd166", "#7ee0ff", "#ffffff"];
  const REGION_COLOUR = "#ffd166";
  const RETRY_MS = 5000;
  const LISTED_PROJECTS = 6; // on a theme's panel (fewer where they do not fit); all are on its map

  let data = null;
  let map = null;
  let layer = null;
  let slides = [];
  let index = 0;
  let loop = 0;
  let shown = 0;
  let mode = "tour"; // "tour", "chooser" or "explore"
  let visitorLang = null; // the language a visitor chose; the tour's own otherwise
  let current = 0; // which of the two panels is shown
  let timer = null;
  let idleTimer = null;

  function clamp(value, low, high, fallback) {
    return Number.isFinite(value) ? Math.min(Math.max(value, low), high) : fallback;
  }

  function vh(share) {
    return Math.max(1, (window.innerHeight * share) / 100);
  }

  function tourLang() {
    return settings.lang === "auto" ? (loop % 2 ? "de" : "en") : settings.lang;
  }

  function lang() {
    return visitorLang || tourLang();
  }

  function words(key, values) {
    let text = data.words[lang()][key] || "";
    for (const [name, value] of Object.entries(values || {})) text = text.split("{" + name + "}").join(String(value));
    return text;
  }

  function element(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = text;
    return node;
  }

  // ---------------------------------------------------------------- slides

  function parseSlides() {
    return (settings.slides || [])
      .map((key) => {
        const [kind, ref] = key.split(/:(.*)/s);
        return { key, kind, ref };
      })
      .filter(
        (slide) =>
          slide.kind === "overview" ||
          (slide.kind === "cluster" && data.clusters[slide.ref]) ||
          (slide.kind === "theme" && data.themes[slide.ref])
      );
  }

  // "more than 250": the number drawn largest, the qualifier's words around it smaller.
  function figureBlock(figure, l) {
    const block = element("div", "figure");
    const value = element("p", "figure-value");
    const number = figure.number[l];
    const at = figure.value[l].indexOf(number);
    const [before, after] = at < 0 ? ["", ""] : [figure.value[l].slice(0, at), figure.value[l].slice(at + number.length)];
    if (before.trim()) value.append(element("span", "figure-words", before.trim()), " ");
    value.append(element("span", "figure-number", at < 0 ? figure.value[l] : number));
    if (after.trim()) value.append(" ", element("span", "figure-words", after.trim()));
    block.append(value, element("p", "figure-label", figure.label[l]));
    return block;
  }

  function chips(labels, className) {
    const list = element("ul", "chips " + (className || ""));
    for (const label of labels) list.append(element("li", "chip", label));
    return list;
  }

  function overviewPanel(panel, l) {
    panel.append(element("p", "kicker", words("loading")), element("h1", "title title-overview", words("overview_title")));
    const totals = element("div", "figures totals");
    for (const total of data.totals) totals.append(figureBlock(total, l));
    panel.append(totals);
    const legend = element("ul", "chips legend");
    for (const entry of data.legend) {
      const chip = element("li", "chip chip-theme", entry.label[l]);
      chip.style.setProperty("--colour", entry.colour);
      legend.append(chip);
    }
    panel.append(legend, element("p", "note", words("overview_note")));
  }

  function clusterPanel(panel, cluster, id, l) {
    panel.append(element("h1", "title", cluster.name), element("p", "place", cluster.place[l]));
    const figures = element("div", "figures");
    for (const figure of cluster.figures) figures.append(figureBlock(figure, l));
    if (cluster.figures.length) panel.append(figures);
    if (cluster.focus[l].length) panel.append(chips(cluster.focus[l], "focus"));
    const qr = (settings.qr || {})[id];
    if (qr && qr[l]) {
      const box = element("div", "qr");
      const image = element("img", "qr-image");
      image.src = qr[l].image;
      image.alt = words("qr", { url: qr[l].url });
      box.append(image, element("p", "qr-text", words("qr", { url: qr[l].url })));
      panel.append(box);
    }
    if (mode === "explore" && cluster.named.length) {
      panel.append(element("h2", "subtitle", words("named")), chips(cluster.named, "names"));
    }
  }

  function themePanel(panel, theme, l) {
    panel.append(element("p", "kicker", words("lighthouses")), element("h1", "title", theme.label[l]));
    panel.style.setProperty("--colour", theme.colour);
    const list = element("ul", "projects");
    for (const project of theme.projects.slice(0, LISTED_PROJECTS)) {
      const item = element("li", "project");
      item.append(element("p", "project-name", project.name + " · " + project.place));
      if (project.fact[l]) item.append(element("p", "project-fact", project.fact[l]));
      list.append(item);
    }
    panel.append(list);
  }

  // A slide never overflows the screen: what does not fit is shortened, the least important first.
  function overflowing(panel) {
    return panel.scrollHeight > panel.clientHeight + 1 || panel.scrollWidth > panel.clientWidth + 1;
  }

  function shrink(panel, selector, floorVh) {
    const node = panel.querySelector(selector);
    if (!node) return false;
    const size = parseFloat(getComputedStyle(node).fontSize);
    const floor = vh(floorVh);
    if (size <= floor) return false;
    for (const each of panel.querySelectorAll(selector)) each.style.fontSize = Math.max(floor, size * 0.92) + "px";
    return true;
  }

  function dropLast(panel, listSelector, itemSelector, more) {
    const lists = [...panel.querySelectorAll(listSelector)].reverse();
    for (const list of lists) {
      const items = [...list.querySelectorAll(itemSelector)].filter((item) => !item.classList.contains("chip-more"));
      if (items.length <= 1) continue;
      items[items.length - 1].remove();
      if (more) {
        let note = list.querySelector(".chip-more");
        const hidden = (Number(list.dataset.hidden) || 0) + 1;
        list.dataset.hidden = String(hidden);
        if (!note) {
          note = element("li", "chip chip-more");
          list.append(note);
        }
        note.textContent = words("more", { n: hidden });
      }
      return true;
    }
    return false;
  }

  function fit(panel) {
    const steps = [
      () => dropLast(panel, ".names", ".chip", true),
      () => dropLast(panel, ".focus", ".chip", true),
      () => dropLast(panel, ".projects", ".project", false),
      () => panel.querySelectorAll(".figure").length > 3 && dropLast(panel, ".figures", ".figure", false),
      () => shrink(panel, ".title", 4.6),
      () => shrink(panel, ".figure-number", 5.6),
      () => {
        const names = panel.querySelector(".names");
        if (!names) return false;
        names.previousElementSibling.remove();
        names.remove();
        return true;
      },
      () => {
        const text = panel.querySelector(".qr-text");
        if (!text) return false;
        text.remove();
        return true;
      },
      () => panel.querySelectorAll(".figure").length > 2 && dropLast(panel, ".figures", ".figure", false),
      () => {
        const focus = panel.querySelector(".focus");
        if (!focus) return false;
        focus.remove();
        return true;
      },
    ];
    for (let guard = 0; guard < 400 && overflowing(panel); guard++) {
      if (!steps.some((step) => step())) break;
    }
  }

  // ---------------------------------------------------------------- map

  function startMap() {
    map = L.map(mapElement, {
      zoomControl: false,
      attributionControl: false,
      keyboard: false,
      dragging: false,
      touchZoom: false,
      scrollWheelZoom: false,
      doubleClickZoom: false,
      boxZoom: false,
      zoomSnap: 0,
      inertia: false,
    });
    map.fitBounds(data.germany);
    loadStates();
  }

  function loadStates() {
    fetch(settings.states)
      .then((response) => (response.ok ? response.json() : Promise.reject(response.status)))
      .then(
        (states) => {
        L.geoJSON(states, {
          interactive: false,
          style: { color: "#6f8fb3", weight: Math.max(1, vh(0.12)), fillColor: "#1d3350", fillOpacity: 1 },
        }).addTo(map);
          if (layer) layer.eachLayer((shape) => shape.bringToFront && shape.bringToFront());
        },
        () => setTimeout(loadStates, RETRY_MS)
      );
  }

  function dot(point, radius, colour, delay) {
    const marker = L.circleMarker(point, {
      interactive: false,
      radius,
      color: "#0b1a2b",
      weight: Math.max(1, radius / 5),
      fillColor: colour,
      fillOpacity: 1,
      className: "lights-up",
    });
    marker.on("add", () => {
      const path = marker.getElement();
      if (path) path.style.animationDelay = delay + "s";
    });
    return marker;
  }

  function mapLayer(slide) {
    const group = L.layerGroup();
    let bounds = data.germany;
    let label = "";
    if (slide.kind === "overview") {
      data.dots.forEach((cluster, i) => group.addLayer(dot(cluster.point, vh(1.1), cluster.colour, (i % 12) * 0.04)));
      label = words("map_overview", { n: data.dots.length });
    } else if (slide.kind === "cluster") {
      const cluster = data.clusters[slide.ref];
      if (cluster.outline) {
        group.addLayer(
          L.geoJSON(cluster.outline, {
            interactive: false,
            style: { color: REGION_COLOUR, weight: vh(0.35), fillColor: REGION_COLOUR, fillOpacity: 0.14 },
          })
        );
      }
      cluster.actors.forEach((actor, i) =>
        group.addLayer(dot([actor[0], actor[1]], vh(0.8), ACTOR_COLOURS[actor[2]], (i % 20) * 0.03))
      );
      if (cluster.seat[0] !== null) group.addLayer(dot(cluster.seat, vh(1.3), cluster.colour, 0));
      bounds = cluster.bounds || (cluster.seat[0] !== null ? L.latLng(cluster.seat).toBounds(60000) : data.germany);
      label = words("map_cluster", { name: cluster.name, n: cluster.actors.length });
    } else {
      const theme = data.themes[slide.ref];
      const points = theme.projects.filter((project) => project.point).map((project) => project.point);
      points.forEach((point, i) => group.addLayer(dot(point, vh(1.4), theme.colour, i * 0.06)));
      if (points.length > 1) bounds = L.latLngBounds(points).pad(0.15);
      else if (points.length === 1) bounds = L.latLng(points[0]).toBounds(120000);
      label = words("map_theme", { n: points.length });
    }
    return { group, bounds, label };
  }

  // What the dots of a cluster's region are, beside the map.
  function showKey(slide) {
    const key = document.getElementById("key");
    key.replaceChildren();
    if (slide.kind !== "cluster") {
      key.hidden = true;
      return;
    }
    const actors = data.clusters[slide.ref].actors;
    ["legend_companies", "legend_research", "legend_higher"].forEach((word, kind) => {
      if (!actors.some((actor) => actor[2] === kind)) return;
      const chip = element("li", "chip chip-dot", words(word));
      chip.style.setProperty("--colour", ACTOR_COLOURS[kind]);
      key.append(chip);
    });
    key.hidden = !key.childElementCount;
  }

  function showOnMap(slide) {
    const { group, bounds, label } = mapLayer(slide);
    const old = layer;
    layer = group.addTo(map);
    mapElement.setAttribute("aria-label", label);
    showKey(slide);
    const padding = [vh(6), vh(6)];
    if (flight > 0.3) map.flyToBounds(bounds, { padding, duration: flight, maxZoom: 11 });
    else map.fitBounds(bounds, { padding, maxZoom: 11, animate: false });
    if (old) setTimeout(() => map.removeLayer(old), fade * 1000);
  }

  // ---------------------------------------------------------------- showing

  function show(slide) {
    const l = lang();
    document.documentElement.lang = l;
    const next = panels[1 - current];
    const previous = panels[current];
    next.replaceChildren();
    next.removeAttribute("style");
    if (slide.kind === "overview") overviewPanel(next, l);
    else if (slide.kind === "cluster") clusterPanel(next, data.clusters[slide.ref], slide.ref, l);
    else themePanel(next, data.themes[slide.ref], l);
    next.hidden = false;
    fit(next);
    next.classList.add("is-shown");
    next.removeAttribute("aria-hidden");
    next.inert = false;
    previous.classList.remove("is-shown");
    previous.setAttribute("aria-hidden", "true");
    previous.inert = true;
    current = 1 - current;
    showOnMap(slide);
    shown += 1;
    tour.dataset.slide = slide.kind;
    tour.dataset.key = slide.key;
    tour.dataset.shown = String(shown);
    tour.dataset.lang = l;
    tour.dataset.state = mode;
    updateFooter();
  }

  function updateFooter() {
    footer.querySelectorAll(".explore-bar").forEach((bar) => bar.remove());
    if (mode === "explore") {
      touchButton.hidden = true;
      progress.textContent = "";
      const bar = element("div", "explore-bar");
      bar.append(
        button(words("back"), "choice choice-main", resume),
        button(words("again"), "choice", openChooser),
        languageButton()
      );
      footer.prepend(bar);
    } else {
      touchButton.hidden = false;
      touchButton.textContent = words("explore");
      progress.textContent = words("progress", { i: index + 1, n: slides.length }) + " · ";
    }
    attribution.textContent = data.attribution;
  }

  function button(text, className, action) {
    const node = element("button", className, text);
    node.type = "button";
    node.addEventListener("click", (event) => {
      event.stopPropagation();
      action();
    });
    return node;
  }

  function languageButton() {
    const other = lang() === "de" ? "en" : "de";
    const node = button(words("other_language"), "choice", () => {
      visitorLang = other;
      if (mode === "chooser") fillChooser();
      else if (mode === "explore") show(explored);
    });
    node.lang = other;
    return node;
  }

  // ---------------------------------------------------------------- tour, chooser, idle

  let explored = null;

  function schedule() {
    clearTimeout(timer);
    timer = setTimeout(advance, dwell * 1000);
  }

  function advance() {
    if (mode !== "tour") return;
    index = (index + 1) % slides.length;
    if (index === 0) loop += 1;
    show(slides[index]);
    schedule();
  }

  function noteInput() {
    if (mode === "tour") return;
    clearTimeout(idleTimer);
    idleTimer = setTimeout(resume, idle * 1000);
  }

  function resume() {
    clearTimeout(idleTimer);
    mode = "tour";
    visitorLang = null;
    explored = null;
    chooser.hidden = true;
    tour.inert = false;
    tour.removeAttribute("aria-hidden");
    index = 0;
    show(slides[0]);
    schedule();
  }

  function fillChooser() {
    const l = lang();
    document.documentElement.lang = l;
    document.getElementById("chooser-title").textContent = words("chooser_title");
    document.getElementById("chooser-themes-heading").textContent = words("chooser_themes");
    document.getElementById("chooser-clusters-heading").textContent = words("chooser_clusters");
    const themes = document.getElementById("chooser-themes");
    const clusters = document.getElementById("chooser-clusters");
    themes.replaceChildren();
    clusters.replaceChildren();
    for (const slide of slides) {
      if (slide.kind === "theme") {
        const node = button(data.themes[slide.ref].label[l], "choice choice-theme", () => explore(slide));
        node.style.setProperty("--colour", data.themes[slide.ref].colour);
        themes.append(node);
      } else if (slide.kind === "cluster") {
        clusters.append(button(data.clusters[slide.ref].short, "choice", () => explore(slide)));
      }
    }
    layoutChoices();
    const bar = chooser.querySelector(".chooser-bar");
    const back = document.getElementById("chooser-back");
    const overview = document.getElementById("chooser-overview");
    back.textContent = words("back");
    overview.textContent = words("overview");
    const language = languageButton();
    language.id = "chooser-language";
    bar.replaceChild(language, document.getElementById("chooser-language"));
  }

  // As many rows of finger-sized buttons (7 % of the screen's height) as the space below the
  // themes holds, and the columns that then take every cluster.
  function layoutChoices() {
    const clusters = document.getElementById("chooser-clusters");
    if (chooser.hidden) return;
    const gap = vh(1);
    const rows = Math.max(1, Math.floor((clusters.clientHeight + gap) / (vh(7) + gap)));
    clusters.style.setProperty("--columns", String(Math.max(4, Math.ceil(clusters.childElementCount / rows))));
  }

  function openChooser() {
    clearTimeout(timer);
    mode = "chooser";
    tour.dataset.state = mode;
    fillChooser();
    chooser.hidden = false;
    layoutChoices();
    tour.inert = true;
    tour.setAttribute("aria-hidden", "true");
    document.getElementById("chooser-back").focus({ preventScroll: true });
    noteInput();
  }

  function explore(slide) {
    mode = "explore";
    explored = slide;
    chooser.hidden = true;
    tour.inert = false;
    tour.removeAttribute("aria-hidden");
    show(slide);
    noteInput();
  }

  function start(loaded) {
    data = loaded;
    slides = parseSlides();
    if (!slides.length) slides = [{ key: "overview", kind: "overview", ref: null }];
    attribution.textContent = data.attribution;
    startMap();
    show(slides[0]);
    schedule();
    tour.addEventListener("click", () => {
      if (mode === "tour") openChooser();
    });
    document.getElementById("chooser-back").addEventListener("click", resume);
    document.getElementById("chooser-overview").addEventListener("click", () =>
      explore({ key: "overview", kind: "overview", ref: null })
    );
    for (const kind of ["pointerdown", "keydown"]) document.addEventListener(kind, noteInput, true);
    document.addEventListener("keydown", (event) => {
      if (event.key === "Escape" && mode !== "tour") resume();
    });
    window.addEventListener("resize", () => map.invalidateSize());
  }

  function load() {
    if (settings.document) {
      start(settings.document);
      return;
    }
    fetch(settings.data)
      .then((response) => (response.ok ? response.json() : Promise.reject(response.status)))
      // Only a failed fetch is retried (a booth whose server restarts gets its data later); an
      // error of the tour itself is reported, not hidden by endless retries.
      .then(start, () => setTimeout(load, RETRY_MS));
  }

  if (window.L) load();
  else window.addEventListener("DOMContentLoaded", load);
})();
