"""The one catalogue of UI texts (English first, German one click away).

No Streamlit here: the pages, the components, the PDF and the command line all word their
messages through `t`, and the tests check the catalogue directly.
"""

from __future__ import annotations

from babel import Locale

from clusters.records.model import Text

LANGUAGES = ("en", "de")
DEFAULT_LANGUAGE = "en"
LOCALES = {"en": "en_GB", "de": "de_DE"}

CATALOGUE: dict[str, dict[str, str]] = {
    "app.title": {"en": "Cluster Atlas", "de": "Cluster-Atlas"},
    "nav.clusters": {"en": "Clusters", "de": "Cluster"},
    "nav.atlas": {"en": "Atlas", "de": "Karte"},
    "nav.booth": {"en": "Booth tour", "de": "Messe-Rundgang"},
    "booth.overview_title": {"en": "Life science in Germany", "de": "Life Science in Deutschland"},
    "booth.overview_note": {
        "en": "Every figure and every name from a public source.",
        "de": "Jede Zahl und jeder Name aus einer öffentlichen Quelle.",
    },
    "booth.explore": {"en": "Touch here to explore", "de": "Hier tippen und entdecken"},
    "booth.back": {"en": "◀ Back to the tour", "de": "◀ Zurück zum Rundgang"},
    "booth.again": {"en": "Choose something else", "de": "Etwas anderes wählen"},
    "booth.chooser_title": {"en": "What would you like to see?", "de": "Was möchten Sie sehen?"},
    "booth.chooser_clusters": {"en": "Clusters", "de": "Cluster"},
    "booth.chooser_themes": {"en": "Lighthouse projects by theme", "de": "Leuchtturmprojekte nach Themen"},
    "booth.overview": {"en": "Germany at a glance", "de": "Deutschland im Überblick"},
    "booth.other_language": {"en": "Deutsch", "de": "English"},
    "booth.progress": {"en": "Slide {i} of {n}", "de": "Folie {i} von {n}"},
    "booth.qr": {"en": "Scan for the full profile: {url}", "de": "Scannen für das vollständige Profil: {url}"},
    "booth.lighthouses": {"en": "Lighthouse projects", "de": "Leuchtturmprojekte"},
    "booth.named": {"en": "Named by its sources", "de": "Von seinen Quellen genannt"},
    "booth.more": {"en": "+{n} more", "de": "+{n} weitere"},
    "booth.frame_title": {
        "en": "Booth tour: clusters and lighthouse projects on the map",
        "de": "Messe-Rundgang: Cluster und Leuchtturmprojekte auf der Karte",
    },
    "booth.map_overview": {
        "en": "Map of Germany with {n} active clusters",
        "de": "Karte Deutschlands mit {n} aktiven Clustern",
    },
    "booth.map_cluster": {
        "en": "Map of the region of {name} with {n} actors",
        "de": "Karte der Region von {name} mit {n} Akteuren",
    },
    "booth.map_theme": {"en": "Map with the places of {n} projects", "de": "Karte mit den Orten von {n} Projekten"},
    "booth.legend_companies": {"en": "companies", "de": "Unternehmen"},
    "booth.legend_research": {"en": "research institutes", "de": "Forschungsinstitute"},
    "booth.legend_higher": {"en": "universities and hospitals", "de": "Hochschulen und Kliniken"},
    "booth.on_map": {"en": "actors on the map", "de": "Akteure auf der Karte"},
    "booth.since": {"en": "since {year}", "de": "seit {year}"},
    "booth.total_clusters": {"en": "active clusters", "de": "aktive Cluster"},
    "booth.total_companies": {"en": "companies", "de": "Unternehmen"},
    "booth.total_institutes": {"en": "research institutes", "de": "Forschungsinstitute"},
    "booth.total_figures": {"en": "sourced figures", "de": "belegte Kennzahlen"},
    "booth.loading": {"en": "Cluster Atlas", "de": "Cluster-Atlas"},
    "lh.title": {"en": "Lighthouse projects by theme", "de": "Leuchtturm\u00adprojekte nach Themen"},
    "lh.intro": {
        "en": "Profiles of {n} lighthouse and flagship projects of {owners} clusters and initiatives across Germany, in the five International Health Ruhr themes. Every statement is a quoted fact with its page and year. A project appears under every theme its focus areas map to.",
        "de": "Steckbriefe von {n} Leuchtturm- und Vorzeigeprojekten aus {owners} Clustern und Initiativen in ganz Deutschland, in den fünf Themen von International Health Ruhr. Jede Aussage ist ein zitierter Fakt mit Seite und Jahr. Ein Projekt erscheint unter jedem Thema, auf das seine Schwerpunkte abbilden.",
    },
    "filter.all": {"en": "All", "de": "Alle"},
    "bench.pick_columns": {"en": "Choose figures", "de": "Kennzahlen wählen"},
    "fact.what": {"en": "What it is", "de": "Was es ist"},
    "fact.lead": {"en": "Lead", "de": "Leitung"},
    "fact.partner": {"en": "Partners", "de": "Partner"},
    "fact.place": {"en": "Place", "de": "Ort"},
    "fact.start": {"en": "Start", "de": "Start"},
    "fact.end": {"en": "End", "de": "Ende"},
    "fact.status": {"en": "Status", "de": "Stand"},
    "fact.staff": {"en": "Staff", "de": "Beschäftigte"},
    "fact.size": {"en": "Size", "de": "Größe"},
    "fact.partners_count": {"en": "Number of partners", "de": "Zahl der Partner"},
    "fact.funding": {"en": "Funding", "de": "Förderung"},
    "fact.programme": {"en": "Programme", "de": "Programm"},
    "fact.award": {"en": "Award", "de": "Auszeichnung"},
    "fact.offer": {"en": "For partners", "de": "Für Partner"},
    "fact.contact": {"en": "Contact", "de": "Kontakt"},
    "fact.website": {"en": "Website", "de": "Website"},
    "lh.since": {"en": "since {year}", "de": "seit {year}"},
    "lh.period": {"en": "{start}–{end}", "de": "{start}–{end}"},
    "lh.open": {"en": "Open the profile", "de": "Steckbrief öffnen"},
    "lh.back": {"en": "◀ All projects", "de": "◀ Alle Projekte"},
    "lh.facts": {"en": "Facts and their sources", "de": "Fakten und ihre Quellen"},
    "lh.offers": {"en": "For visitors and partners", "de": "Für Besucher und Partner"},
    "lh.sources": {"en": "Sources", "de": "Quellen"},
    "lh.pdf": {"en": "Profile as PDF (A4)", "de": "Steckbrief als PDF (A4)"},
    "lh.count": {
        "en": {"one": "{n} project", "other": "{n} projects"},
        "de": {"one": "{n} Projekt", "other": "{n} Projekte"},
    },
    "col.fact": {"en": "Fact", "de": "Fakt"},
    "col.quote": {"en": "The page's words", "de": "Wortlaut der Quelle"},
    "pdf.key_facts": {"en": "Key facts", "de": "Eckdaten"},
    "pdf.project_footer": {
        "en": "Cluster Atlas lighthouse profile · data as of {date} · every statement with its source's own words; the sources are public pages and documents · Map: {attribution}",
        "de": "Cluster-Atlas-Steckbrief · Datenstand {date} · jede Aussage mit dem Wortlaut ihrer Quelle; die Quellen sind öffentliche Seiten und Dokumente · Karte: {attribution}",
    },
    "pdf.more_facts": {
        "en": {
            "one": "+ {n} more fact on the online profile: {link}",
            "other": "+ {n} more facts on the online profile: {link}",
        },
        "de": {
            "one": "+ {n} weiterer Fakt im Online-Steckbrief: {link}",
            "other": "+ {n} weitere Fakten im Online-Steckbrief: {link}",
        },
    },
    "lh.count_facts": {
        "en": {
            "one": "{n} quoted fact with its source in the full profile",
            "other": "{n} quoted facts with their sources in the full profile",
        },
        "de": {
            "one": "{n} zitierter Fakt mit Quelle im vollständigen Steckbrief",
            "other": "{n} zitierte Fakten mit Quellen im vollständigen Steckbrief",
        },
    },
    "lh.mapping": {"en": "How projects get their themes", "de": "Wie Projekte ihren Themen zugeordnet werden"},
    "lh.mapping_note": {
        "en": "Not a guess per card: each project lists its focus areas, and this documented table maps focus areas to themes.",
        "de": "Keine Einzelfall-Schätzung: Jedes Projekt nennt seine Schwerpunkte, und diese dokumentierte Tabelle bildet Schwerpunkte auf Themen ab.",
    },
    "lh.none": {
        "en": "The sources name no lighthouse project for this theme with the current filters.",
        "de": "Die Quellen nennen mit den aktuellen Filtern kein Leuchtturmprojekt für dieses Thema.",
    },
    "data.title": {"en": "Sources and data", "de": "Quellen und Daten"},
    "data.intro": {
        "en": "Data as of {date}: {figures} sourced figures from five public documents. Every figure keeps its source, section, year and qualifier.",
        "de": "Datenstand {date}: {figures} belegte Zahlen aus fünf öffentlichen Dokumenten. Jede Zahl behält Quelle, Abschnitt, Jahr und Qualifizierung.",
    },
    "data.sources": {"en": "Source documents", "de": "Quelldokumente"},
    "data.file": {"en": "File", "de": "Datei"},
    "data.date": {"en": "Date", "de": "Datum"},
    "data.document": {"en": "Document", "de": "Dokument"},
    "data.publisher": {"en": "Publisher", "de": "Herausgeber"},
    "data.kind": {"en": "Kind", "de": "Art"},
    "data.takes": {"en": "What the app takes from it", "de": "Was die App daraus übernimmt"},
    "data.figures": {"en": "Figures", "de": "Zahlen"},
    "data.coverage": {"en": "Coverage of the key figures", "de": "Abdeckung der Kennzahlen"},
    "data.coverage_reading": {
        "en": "Each cell: exact, lower bound (>), upper bound (<), approximate (~) or unknown, and the source document's number (001 = Life Science Nord strategy).",
        "de": "Jede Zelle: genau, Untergrenze (>), Obergrenze (<), ungefähr (~) oder unbekannt, dazu die Nummer des Quelldokuments (001 = Strategie Life Science Nord).",
    },
    "data.mark_exact": {"en": "exact", "de": "genau"},
    "data.mark_lower": {"en": "> lower bound", "de": "> Untergrenze"},
    "data.mark_upper": {"en": "< upper bound", "de": "< Obergrenze"},
    "data.mark_about": {"en": "~ approximate", "de": "~ ungefähr"},
    "data.mark_unknown": {"en": "unknown", "de": "unbekannt"},
    "data.downloads": {"en": "Download the dataset", "de": "Datensatz herunterladen"},
    "data.downloads_note": {
        "en": "The same files as `python -m cli export`; text cells that a spreadsheet would run as formulas are neutralised.",
        "de": "Dieselben Dateien wie `python -m cli export`; Textzellen, die eine Tabellenkalkulation als Formel ausführen würde, sind entschärft.",
    },
    "data.kind_clusters": {"en": "Clusters", "de": "Cluster"},
    "data.kind_actors": {"en": "Actors", "de": "Akteure"},
    "data.kind_lighthouses": {"en": "Lighthouse projects", "de": "Leuchtturmprojekte"},
    "data.xlsx_all": {
        "en": "Everything as one Excel workbook (with sources)",
        "de": "Alles als eine Excel-Arbeitsmappe (mit Quellen)",
    },
    "data.licence": {"en": "Boundaries: licence and attribution", "de": "Grenzen: Lizenz und Namensnennung"},
    "data.postcodes_note": {
        "en": "CSV conversion by zauberware (github.com/zauberware/postal-codes-json-xml-csv). Actors with a postcode are placed at its point (precision “postcode”); member lists are checked against it.",
        "de": "CSV-Umwandlung von zauberware (github.com/zauberware/postal-codes-json-xml-csv). Akteure mit Postleitzahl liegen an deren Punkt (Genauigkeit „Postleitzahl“); Mitgliederlisten werden damit geprüft.",
    },
    "data.licence_note": {
        "en": "Reprojected to WGS84 and simplified, hence “Daten verändert”.",
        "de": "Nach WGS84 umprojiziert und vereinfacht, daher „Daten verändert“.",
    },
    "profile.unknown": {
        "en": "There is no cluster with the id {id}. Choose one of these:",
        "de": "Es gibt keinen Cluster mit der Kennung {id}. Bitte einen davon wählen:",
    },
    "profile.choose": {"en": "Choose a cluster:", "de": "Bitte einen Cluster wählen:"},
    "profile.pdf": {"en": "Download PDF profile (A4)", "de": "PDF-Steckbrief herunterladen (A4)"},
    "profile.figures": {"en": "Key figures and where they come from", "de": "Kennzahlen und ihre Quellen"},
    "profile.over_time": {"en": "Over time", "de": "Im Zeitverlauf"},
    "profile.over_time_reading": {
        "en": "Points are the years the sources give; the line only connects them.",
        "de": "Punkte sind die Jahre, die die Quellen nennen; die Linie verbindet sie nur.",
    },
    "profile.context": {"en": "Region context", "de": "Regionaler Kontext"},
    "atlas.profile_link": {"en": "Open the full profile", "de": "Vollständiges Profil öffnen"},
    "nav.profile": {"en": "Cluster profile", "de": "Clusterprofil"},
    "nav.lighthouses": {"en": "Lighthouse projects", "de": "Leuchtturmprojekte"},
    "nav.data": {"en": "Sources and data", "de": "Quellen und Daten"},
    "pdf.key_figures": {
        "en": "Key figures (qualifier, year, source)",
        "de": "Kennzahlen (Qualifizierung, Jahr, Quelle)",
    },
    "pdf.actors": {"en": "Actors ({shown} of {n} in the dataset)", "de": "Akteure ({shown} von {n} im Datensatz)"},
    "pdf.projects": {"en": "Projects ({shown} of {n})", "de": "Projekte ({shown} von {n})"},
    "pdf.none": {"en": "None named in the sources.", "de": "In den Quellen keine genannt."},
    "pdf.peers": {"en": "Most similar clusters", "de": "Ähnlichste Cluster"},
    "pdf.more": {"en": "+ {n} more", "de": "+ {n} weitere"},
    "pdf.footer": {
        "en": "Cluster Atlas profile · data as of {date} · >250 = more than 250, ~ = about, < = almost, n/a = not given in the sources · Map: {attribution}, www.bkg.bund.de, dl-de/by-2-0",
        "de": "Cluster-Atlas-Profil · Datenstand {date} · >250 = mehr als 250, ~ = rund, < = fast, k. A. = in den Quellen nicht angegeben · Karte: {attribution}, www.bkg.bund.de, dl-de/by-2-0",
    },
    "nav.benchmark": {"en": "Benchmark", "de": "Vergleich"},
    "bench.title": {"en": "Benchmark the clusters", "de": "Cluster vergleichen"},
    "bench.intro": {
        "en": "Figures and indicators side by side. Bounds stay bounds: >250 actors over 16 staff is >15.6 actors per person; two lower bounds give no ratio (n/a, with the reason).",
        "de": "Kennzahlen und Indikatoren nebeneinander. Grenzen bleiben Grenzen: >250 Akteure auf 16 Beschäftigte sind >15,6 Akteure je Person; zwei Untergrenzen ergeben kein Verhältnis (k. A., mit Grund).",
    },
    "bench.upload_title": {"en": "Compare your own figures", "de": "Eigene Zahlen vergleichen"},
    "bench.upload_help": {
        "en": "Upload a CSV or Excel file with the template's columns. Your rows appear marked “(yours)”. They stay in this browser session only: never saved, never shown to anyone else, gone on reload.",
        "de": "CSV- oder Excel-Datei mit den Spalten der Vorlage hochladen. Ihre Zeilen erscheinen mit dem Zusatz „(Ihre Zahlen)“. Sie bleiben nur in dieser Sitzung: nie gespeichert, niemandem sonst gezeigt, nach Neuladen weg.",
    },
    "bench.template": {"en": "Download the template (CSV)", "de": "Vorlage herunterladen (CSV)"},
    "bench.upload": {
        "en": "Your figures (CSV or XLSX, at most 5 MB, 1,000 rows)",
        "de": "Ihre Zahlen (CSV oder XLSX, höchstens 5 MB, 1.000 Zeilen)",
    },
    "bench.upload_ok": {
        "en": "{n} row(s) of yours added to the comparison.",
        "de": "{n} eigene Zeile(n) in den Vergleich aufgenommen.",
    },
    "bench.choose_clusters": {"en": "Clusters to compare", "de": "Zu vergleichende Cluster"},
    "bench.all_clusters": {"en": "All clusters", "de": "Alle Cluster"},
    "bench.choose_columns": {"en": "Figures and indicators", "de": "Kennzahlen und Indikatoren"},
    "bench.rank": {"en": "Rank by {figure}", "de": "Rang nach {figure}"},
    "bench.percentile": {"en": "Percentile", "de": "Perzentil"},
    "bench.rank_note": {
        "en": "Ranks: 1 = largest. Where a figure is a bound (>250) or tied, the rank is the range its true value allows (“2–4”); unknown figures are not ranked.",
        "de": "Ränge: 1 = größter Wert. Ist eine Zahl eine Grenze (>250) oder gleichauf, ist der Rang der Bereich, den der wahre Wert zulässt („2–4“); das Perzentil sagt, wie viele der anderen er mindestens erreicht. Unbekannte Zahlen erhalten keinen Rang.",
    },
    "bench.download_csv": {"en": "Download table (CSV)", "de": "Tabelle herunterladen (CSV)"},
    "bench.download_xlsx": {"en": "Download table (Excel)", "de": "Tabelle herunterladen (Excel)"},
    "bench.charts": {"en": "Charts", "de": "Diagramme"},
    "bench.bar_measure": {
        "en": "Figure or indicator (bar chart and ranks)",
        "de": "Kennzahl oder Indikator (Balken und Ränge)",
    },
    "bench.bar_title": {"en": "{figure} by cluster", "de": "{figure} je Cluster"},
    "bench.bar_reading": {
        "en": "Solid bars are exact or approximate; pale bars with ▶ are lower bounds (the true value is larger), with ◀ upper bounds. Unknown values are left out.",
        "de": "Volle Balken sind genau oder gerundet; blasse Balken mit ▶ sind Untergrenzen (der wahre Wert ist größer), mit ◀ Obergrenzen. Unbekannte Werte fehlen.",
    },
    "bench.x": {"en": "Horizontal axis", "de": "Waagerechte Achse"},
    "bench.y": {"en": "Vertical axis", "de": "Senkrechte Achse"},
    "bench.scatter_title": {"en": "Two figures against each other", "de": "Zwei Kennzahlen gegeneinander"},
    "bench.scatter_reading": {
        "en": "Dashed lines are the medians: clusters top right are above the median on both. Bounds are plotted at their printed number.",
        "de": "Gestrichelte Linien sind die Mediane: Cluster oben rechts liegen bei beiden darüber. Grenzen stehen bei ihrer gedruckten Zahl.",
    },
    "bench.matrix_title": {"en": "Who shares which focus area", "de": "Wer teilt welchen Schwerpunkt"},
    "bench.matrix_reading": {
        "en": "Darker cells: focus areas that more of the shown clusters share.",
        "de": "Dunklere Felder: Schwerpunkte, die mehr der gezeigten Cluster teilen.",
    },
    "bench.profile_title": {"en": "Profiles", "de": "Profile"},
    "bench.profile_axis": {"en": "% of the largest shown value", "de": "% des größten gezeigten Werts"},
    "bench.profile_reading": {
        "en": "Each line is a cluster; each figure is scaled to the largest shown cluster (100 %).",
        "de": "Jede Linie ist ein Cluster; jede Kennzahl ist auf den größten gezeigten Cluster (100 %) skaliert.",
    },
    "bench.chart_data": {"en": "Data behind the charts", "de": "Daten hinter den Diagrammen"},
    "bench.peers": {"en": "Peers and cooperation candidates", "de": "Vergleichbare Cluster und Kooperationskandidaten"},
    "bench.peer_of": {"en": "Find peers of", "de": "Vergleichbare Cluster zu"},
    "bench.why": {"en": "Why", "de": "Warum"},
    "bench.score": {"en": "Similarity", "de": "Ähnlichkeit"},
    "bench.peer_reason": {"en": "shares {areas}; {size}", "de": "teilt {areas}; {size}"},
    "bench.size_similar": {"en": "similar size", "de": "ähnliche Größe"},
    "bench.size_different": {"en": "different size", "de": "andere Größe"},
    "bench.size_unknown": {"en": "size not comparable", "de": "Größe nicht vergleichbar"},
    "bench.cooperation": {"en": "Cooperation candidates", "de": "Kooperationskandidaten"},
    "bench.shared": {"en": "Common base", "de": "Gemeinsame Basis"},
    "bench.they_add": {"en": "They add", "de": "Sie ergänzen"},
    "bench.we_add": {"en": "You add", "de": "Sie bringen ein"},
    "bench.cooperation_reading": {
        "en": "Clusters with a common base where each side brings what the other lacks — like biosaxony and BioRegio STERN's joint medtech action plan (2015).",
        "de": "Cluster mit gemeinsamer Basis, bei denen jede Seite mitbringt, was der anderen fehlt — wie der gemeinsame Aktionsplan Medizintechnik von biosaxony und BioRegio STERN (2015).",
    },
    "bench.yours": {"en": "{name} (yours)", "de": "{name} (Ihre Zahlen)"},
    # Headers of the tables behind the charts and titles of the charts' tooltips and legends.
    "chart.qualifier": {"en": "Qualifier (>, <, ~)", "de": "Qualifizierung (>, <, ~)"},
    "chart.as_shown": {"en": "As shown", "de": "Wie angezeigt"},
    "chart.yours": {"en": "Your figures", "de": "Ihre Zahlen"},
    "chart.x": {"en": "Horizontal axis: {figure}", "de": "Waagerechte Achse: {figure}"},
    "chart.y": {"en": "Vertical axis: {figure}", "de": "Senkrechte Achse: {figure}"},
    "chart.x_label": {"en": "Horizontal axis: {figure}, as shown", "de": "Waagerechte Achse: {figure}, wie angezeigt"},
    "chart.y_label": {"en": "Vertical axis: {figure}, as shown", "de": "Senkrechte Achse: {figure}, wie angezeigt"},
    "chart.shared_by": {"en": "Clusters sharing it", "de": "Cluster mit diesem Schwerpunkt"},
    "col.focus_area": {"en": "Focus area", "de": "Schwerpunkt"},
    "col.sme_share": {"en": "SME share", "de": "KMU-Anteil"},
    "col.large_company_share": {"en": "Large-company share", "de": "Anteil Großunternehmen"},
    "col.research_share": {"en": "Research share", "de": "Forschungsanteil"},
    # --- what a figure counts, what a cluster is, whether it works now (issue 22) ---
    "counts.members": {"en": "members", "de": "Mitglieder"},
    "counts.partners": {"en": "partners", "de": "Partner"},
    "counts.project_partners": {"en": "project partners", "de": "Projektpartner"},
    "counts.companies_in_region": {"en": "companies in the region", "de": "Unternehmen in der Region"},
    "counts.institutions_in_region": {"en": "institutions in the region", "de": "Einrichtungen in der Region"},
    "counts.employees": {"en": "employees", "de": "Beschäftigte"},
    "counts.staff": {"en": "management staff", "de": "Personal des Managements"},
    "counts.other": {"en": "other", "de": "Sonstiges"},
    "figure.counts_unstated": {"en": "what it counts is not stated", "de": "was gezählt wird, ist nicht angegeben"},
    "cluster_kind.biotech": {"en": "Biotechnology", "de": "Biotechnologie"},
    "cluster_kind.pharma": {"en": "Pharma", "de": "Pharma"},
    "cluster_kind.medtech": {"en": "Medical technology", "de": "Medizintechnik"},
    "cluster_kind.life_sciences": {"en": "Life sciences", "de": "Life Sciences"},
    "cluster_kind.health_economy": {"en": "Health economy", "de": "Gesundheitswirtschaft"},
    "cluster_kind.bioeconomy": {"en": "Bioeconomy", "de": "Bioökonomie"},
    "cluster_kind.project_consortium": {"en": "Funded project consortium", "de": "Gefördertes Projektkonsortium"},
    "lifecycle.active": {"en": "active", "de": "aktiv"},
    "status_note.active_unconfirmed": {
        "en": "active as far as known (no recent page found)",
        "de": "aktiv, soweit bekannt (keine aktuelle Seite gefunden)",
    },
    "lifecycle.ended": {"en": "ended", "de": "beendet"},
    "lifecycle.part_of": {"en": "part of {cluster}", "de": "Teil von {cluster}"},
    "lifecycle.renamed": {"en": "renamed: now {into}", "de": "umbenannt: heute {into}"},
    "lifecycle.merged": {"en": "merged into {into}", "de": "aufgegangen in {into}"},
    "event.founded": {"en": "founded", "de": "gegründet"},
    "event.renamed": {"en": "renamed", "de": "umbenannt"},
    "event.merged": {"en": "formed by a merger", "de": "durch Fusion entstanden"},
    "event.started": {"en": "project start", "de": "Projektstart"},
    "col.status": {"en": "Status", "de": "Status"},
    "col.kind": {"en": "Kind", "de": "Art"},
    "col.counts": {"en": "Counts", "de": "Zählt"},
    "col.region_population": {"en": "Inhabitants of the region", "de": "Einwohner der Region"},
    "col.members_per_100k": {"en": "Members per 100,000 inhabitants", "de": "Mitglieder je 100.000 Einwohner"},
    "col.listed_per_100k": {
        "en": "Listed actors in the region per 100,000 inhabitants",
        "de": "Gelistete Akteure in der Region je 100.000 Einwohner",
    },
    "col.per_100k": {"en": "{type} per 100,000 inhabitants", "de": "{type} je 100.000 Einwohner"},
    "chart.more_sources": {
        "en": {
            "one": "… and {n} more source: see “Where each figure comes from”",
            "other": "… and {n} more sources: see “Where each figure comes from”",
        },
        "de": {
            "one": "… und {n} weitere Quelle: siehe „Woher jede Zahl stammt“",
            "other": "… und {n} weitere Quellen: siehe „Woher jede Zahl stammt“",
        },
    },
    "unit.inhabitants": {"en": "inhabitants", "de": "Einwohner"},
    "unit.per_100k": {"en": "per 100,000 inhabitants", "de": "je 100.000 Einwohner"},
    "figure.year_old": {"en": "{year}, old", "de": "{year}, alt"},
    "reason.different_kinds": {
        "en": "“{first}” and “{second}” count different things",
        "de": "„{first}“ und „{second}“ zählen Verschiedenes",
    },
    "reason.not_members": {"en": "“{first}” does not count members", "de": "„{first}“ zählt keine Mitglieder"},
    "bench.counts_of": {"en": "{figure}: counts", "de": "{figure}: zählt"},
    "bench.rank_of": {"en": "{rank} of {of}", "de": "{rank} von {of}"},
    "bench.not_ranked": {"en": "not ranked ({why})", "de": "ohne Rang ({why})"},
    "bench.mixed_kinds": {
        "en": "What the figures count differs between clusters ({kinds}) in {figure}: ranks, shares and bars compare only figures of the same kind.",
        "de": "Was die Zahlen zählen, unterscheidet sich zwischen den Clustern ({kinds}) bei {figure}: Ränge, Anteile und Balken vergleichen nur Zahlen derselben Art.",
    },
    "bench.status_note": {
        "en": "Clusters that have ended, merged or are part of another stay in the table with their status and are not ranked. “old”: a figure more than five years old.",
        "de": "Beendete, aufgegangene oder zu einem anderen gehörende Cluster bleiben mit ihrem Status in der Tabelle und erhalten keinen Rang. „alt“: eine Zahl, die älter als fünf Jahre ist.",
    },
    "region.population": {
        "en": "{n} inhabitants in the region ({date})",
        "de": "{n} Einwohner in der Region ({date})",
    },
    "data.population_note": {
        "en": "The population of each cluster region is the sum of its districts on 31 Dec 2023 (official update based on Census 2011); the figures per 100,000 inhabitants divide by it.",
        "de": "Die Einwohnerzahl jeder Clusterregion ist die Summe ihrer Kreise am 31.12.2023 (Fortschreibung auf Basis Zensus 2011); die Kennzahlen je 100.000 Einwohner teilen durch sie.",
    },
    "profile.region_figures": {
        "en": "About the state or region (not the cluster's own figures)",
        "de": "Zu Land oder Region (keine Zahlen des Clusters selbst)",
    },
    "col.actors_per_staff": {"en": "Actors per staff member", "de": "Akteure je Beschäftigtem"},
    "col.age_years": {"en": "Age (years)", "de": "Alter (Jahre)"},
    "atlas.title": {"en": "Atlas of German life-science clusters", "de": "Karte der deutschen Life-Science-Cluster"},
    "atlas.intro": {
        "en": "Circles are clusters (size: the chosen figure; colour: main theme), dots are actors, ◆ are lighthouse projects. Click a circle, a dot or a ◆ for details, or pick a cluster below the map.",
        "de": "Kreise sind Cluster (Größe: gewählte Kennzahl; Farbe: Hauptthema), Punkte sind Akteure, ◆ Leuchtturmprojekte. Für Details einen Kreis, Punkt oder ◆ anklicken oder unter der Karte ein Cluster wählen.",
    },
    "atlas.filters": {"en": "Filters", "de": "Filter"},
    "atlas.filters_active": {"en": "Filters ({n} active)", "de": "Filter ({n} aktiv)"},
    "atlas.pick": {"en": "Select a cluster", "de": "Cluster auswählen"},
    "atlas.search": {"en": "Search names and cities", "de": "Namen und Orte suchen"},
    "atlas.focus": {"en": "Focus areas", "de": "Schwerpunkte"},
    "atlas.types": {"en": "Actor types", "de": "Akteurstypen"},
    "atlas.states": {"en": "States", "de": "Bundesländer"},
    "atlas.themes": {"en": "Themes (International Health Ruhr)", "de": "Themen (International Health Ruhr)"},
    "atlas.size": {"en": "Circle size", "de": "Kreisgröße"},
    "atlas.online_tiles": {"en": "Online street map (needs internet)", "de": "Online-Straßenkarte (braucht Internet)"},
    "atlas.reset": {"en": "Clear filters", "de": "Filter zurücksetzen"},
    "atlas.notice_unknown": {
        "en": "Ignored unknown value(s) in the link — {items}. Showing the view without them.",
        "de": "Unbekannte Angabe(n) im Link ignoriert — {items}. Die Ansicht wird ohne sie gezeigt.",
    },
    "atlas.count": {
        "en": "{clusters} clusters · {actors} actors · {projects} projects",
        "de": "{clusters} Cluster · {actors} Akteure · {projects} Projekte",
    },
    "atlas.list": {"en": "Show", "de": "Anzeigen"},
    "atlas.tab_clusters": {"en": "Clusters ({n})", "de": "Cluster ({n})"},
    "atlas.tab_actors": {"en": "Actors ({n})", "de": "Akteure ({n})"},
    "atlas.tab_projects": {"en": "Projects ({n})", "de": "Projekte ({n})"},
    "atlas.nothing": {"en": "Nothing matches these filters.", "de": "Nichts passt zu diesen Filtern."},
    "atlas.select_hint": {
        "en": "Click a cluster, an actor or a project on the map, or pick a cluster in the list.",
        "de": "Ein Cluster, einen Akteur oder ein Projekt auf der Karte anklicken oder ein Cluster in der Liste wählen.",
    },
    "atlas.selected_hidden": {
        "en": "The selected cluster is hidden by the current filters.",
        "de": "Der gewählte Cluster ist durch die aktuellen Filter ausgeblendet.",
    },
    "atlas.cluster_projects": {"en": "Projects ({n})", "de": "Projekte ({n})"},
    "atlas.focus_areas": {"en": "Focus areas", "de": "Schwerpunkte"},
    "atlas.region": {"en": "Region", "de": "Region"},
    "atlas.website": {"en": "Website (as given by the source)", "de": "Website (laut Quelle)"},
    "atlas.close": {"en": "Clear selection", "de": "Auswahl aufheben"},
    "atlas.compare_add": {"en": "Add to comparison", "de": "Zum Vergleich hinzufügen"},
    "atlas.compare_remove": {"en": "Remove from comparison", "de": "Aus dem Vergleich nehmen"},
    "atlas.compare_help": {
        "en": "Set aside up to {n} clusters, then open them side by side in the benchmark.",
        "de": "Bis zu {n} Cluster vormerken und dann im Vergleich nebeneinander öffnen.",
    },
    "atlas.compare_list": {"en": "To compare ({n} of {limit})", "de": "Zum Vergleich ({n} von {limit})"},
    "atlas.compare_go": {"en": "Compare these {n} in the benchmark", "de": "Diese {n} im Vergleich öffnen"},
    "atlas.compare_clear": {"en": "Empty the comparison", "de": "Vergleich leeren"},
    "atlas.actor_clusters": {"en": "Linked by the sources to", "de": "Laut Quellen verbunden mit"},
    "atlas.actor_no_cluster": {"en": "no cluster (a listed actor)", "de": "keinem Cluster (ein gelisteter Akteur)"},
    "atlas.actor_regions": {"en": "Lies in the region of", "de": "Liegt in der Region von"},
    "atlas.project_link": {"en": "Open the project profile", "de": "Projekt-Steckbrief öffnen"},
    "atlas.legend": {"en": "Legend", "de": "Legende"},
    "atlas.legend_size": {
        "en": "Circle area ∝ {figure}. Filled = exact; lighter = about (~); open ring = more than (>), a lower bound; dashed ring = almost (<); small dotted ring = unknown.",
        "de": "Kreisfläche ∝ {figure}. Gefüllt = genau; heller = rund (~); offener Ring = mehr als (>), eine Untergrenze; gestrichelter Ring = fast (<); kleiner gepunkteter Ring = unbekannt.",
    },
    "atlas.legend_colour": {
        "en": "Circle colour = main theme of the cluster's focus areas:",
        "de": "Kreisfarbe = Hauptthema der Schwerpunkte des Clusters:",
    },
    "atlas.legend_actors": {
        "en": "Actor dots by type (grouped with a count when close together):",
        "de": "Akteurspunkte nach Typ (nah beieinander mit Anzahl gruppiert):",
    },
    "atlas.legend_projects": {"en": "◆ lighthouse project", "de": "◆ Leuchtturmprojekt"},
    "atlas.precision": {
        "en": "Locations are municipality points from the BKG table, register grid cells or, where a page or the organisation gives one, a postcode's GeoNames point — not street addresses.",
        "de": "Standorte sind Gemeindepunkte aus der BKG-Tabelle, Gitterzellen des Verzeichnisses oder, wo eine Seite oder die Organisation sie nennt, der GeoNames-Punkt einer Postleitzahl — keine Adressen.",
    },
    "atlas.layer_clusters": {"en": "Clusters", "de": "Cluster"},
    "atlas.layer_projects": {"en": "Lighthouse projects", "de": "Leuchtturmprojekte"},
    "atlas.layer_online": {"en": "OpenStreetMap (online)", "de": "OpenStreetMap (online)"},
    "atlas.project": {"en": "Project", "de": "Projekt"},
    # Names of map controls and alternative texts of pictures, for screen readers (issue 11).
    "atlas.map_label": {
        "en": "Map of the clusters, actors and lighthouse projects in the list beside it. Arrow keys move the map, "
        "plus and minus zoom.",
        "de": "Karte der Cluster, Akteure und Leuchtturmprojekte aus der Liste daneben. Pfeiltasten verschieben die "
        "Karte, Plus und Minus zoomen.",
    },
    "atlas.zoom_in": {"en": "Zoom in", "de": "Vergrößern"},
    "atlas.zoom_out": {"en": "Zoom out", "de": "Verkleinern"},
    "atlas.layers": {"en": "Map layers", "de": "Kartenebenen"},
    "alt.locator": {"en": "Locator map: {place} in {region}", "de": "Lagekarte: {place} in {region}"},
    "col.type": {"en": "Type", "de": "Typ"},
    "col.entry": {"en": "Name", "de": "Name"},
    "col.clusters": {"en": "Clusters", "de": "Cluster"},
    "col.themes": {"en": "Themes", "de": "Themen"},
    "col.lead": {"en": "Lead", "de": "Federführung"},
    "actor_type.company": {"en": "Company", "de": "Unternehmen"},
    "actor_type_plural.company": {"en": "Companies", "de": "Unternehmen"},
    "actor_type_plural.research_institute": {"en": "Research institutes", "de": "Forschungsinstitute"},
    "actor_type_plural.university_hospital": {"en": "University hospitals", "de": "Universitätsklinika"},
    "actor_type_plural.university": {"en": "Universities", "de": "Universitäten"},
    "kind.biotech": {"en": "Biotech", "de": "Biotechnologie"},
    "kind.pharma": {"en": "Pharma", "de": "Pharma"},
    "kind.medtech": {"en": "Medical technology", "de": "Medizintechnik"},
    "kind.diagnostics": {"en": "Diagnostics", "de": "Diagnostik"},
    "kind.cro_cdmo": {
        "en": "Contract research and manufacturing (CRO/CDMO)",
        "de": "Auftragsforschung und -fertigung (CRO/CDMO)",
    },
    "kind.digital_health": {"en": "Digital health", "de": "Digitale Gesundheit"},
    "kind.supplier": {"en": "Supplier to life science", "de": "Zulieferer der Life Sciences"},
    "status.historical": {"en": "No longer exists under this name", "de": "Besteht unter diesem Namen nicht mehr"},
    "status_reason.acquired": {"en": "acquired", "de": "übernommen"},
    "status_reason.renamed": {"en": "renamed", "de": "umbenannt"},
    "status_reason.merged": {"en": "merged", "de": "fusioniert"},
    "status_reason.closed": {"en": "closed", "de": "geschlossen"},
    "actor.as_of": {
        "en": "As of {year}: the newest page naming it",
        "de": "Stand {year}: die neueste Seite, die es nennt",
    },
    "actor.page": {"en": "Named on: {page}", "de": "Genannt auf: {page}"},
    "actor.successor": {"en": "Now: {name}", "de": "Heute: {name}"},
    "precision.municipality": {
        "en": "placed at its municipality's centre",
        "de": "am Mittelpunkt seiner Gemeinde verortet",
    },
    "precision.postcode": {
        "en": "placed at its postcode (GeoNames)",
        "de": "an seiner Postleitzahl verortet (GeoNames)",
    },
    "precision.100 m grid cell": {
        "en": "placed in the register's 100 m grid cell",
        "de": "in der 100-m-Gitterzelle des Verzeichnisses verortet",
    },
    "precision.state": {"en": "only its state is known", "de": "nur sein Land ist bekannt"},
    "atlas.kinds": {"en": "Company kinds", "de": "Unternehmensarten"},
    "atlas.higher_education": {
        "en": "All higher-education sites (Destatis register, all subjects)",
        "de": "Alle Hochschulstandorte (Destatis-Verzeichnis, alle Fächer)",
    },
    "atlas.higher_education_help": {
        "en": "Life science first: by default the map shows companies, institutes, university hospitals and the universities that run one.",
        "de": "Life Science zuerst: Standardmäßig zeigt die Karte Unternehmen, Institute, Universitätsklinika und die Universitäten, die eines betreiben.",
    },
    "actor_type.university": {"en": "University", "de": "Universität"},
    "actor_type.university_of_applied_sciences": {"en": "University of applied sciences", "de": "Fachhochschule"},
    "actor_type.university_hospital": {"en": "University hospital", "de": "Universitätsklinikum"},
    "actor_type.hospital": {"en": "Hospital", "de": "Klinik"},
    "actor_type.research_institute": {"en": "Research institute", "de": "Forschungsinstitut"},
    "actor_type.network": {"en": "Network", "de": "Netzwerk"},
    "actor_type.public_body": {"en": "Public body", "de": "Öffentliche Einrichtung"},
    "actor_type.technology_park": {"en": "Technology park", "de": "Technologiepark"},
    "sidebar.language": {"en": "Language", "de": "Sprache"},
    "sidebar.about": {
        "en": "Data as of {date}: {clusters} clusters, {actors} actors, {figures} sourced figures from {sources} public documents.",
        "de": "Datenstand {date}: {clusters} Cluster, {actors} Akteure, {figures} belegte Zahlen aus {sources} öffentlichen Dokumenten.",
    },
    "clusters.title": {"en": "Life-science clusters in Germany", "de": "Life-Science-Cluster in Deutschland"},
    "clusters.intro": {
        "en": "Key figures as the sources word them: >250 means “more than 250”, ~150 “about 150”, <200 “almost 200”; n/a means the sources give no figure.",
        "de": "Kennzahlen so, wie die Quellen sie nennen: >250 heißt „mehr als 250“, ~150 „rund 150“, <200 „fast 200“; k. A. heißt, die Quellen nennen keine Zahl.",
    },
    "clusters.search": {
        "en": "Search clusters, cities, states, focus areas",
        "de": "Cluster, Städte, Länder, Schwerpunkte suchen",
    },
    "clusters.search_help": {
        "en": "Case and accents are ignored: “munchen” finds München.",
        "de": "Groß-/Kleinschreibung und Akzente sind egal: „munchen“ findet München.",
    },
    "clusters.sort_by": {"en": "Sort by", "de": "Sortieren nach"},
    "clusters.descending": {"en": "Largest first", "de": "Größte zuerst"},
    "clusters.count": {"en": "{shown} of {total} clusters", "de": "{shown} von {total} Clustern"},
    "clusters.none": {
        "en": "No cluster matches {query}. Try a city, a state or a focus area.",
        "de": "Kein Cluster passt zu {query}. Versuchen Sie eine Stadt, ein Land oder einen Schwerpunkt.",
    },
    "clusters.sources_title": {"en": "Where each figure comes from", "de": "Woher jede Zahl stammt"},
    "clusters.unknown_note": {"en": "not given in the sources", "de": "in den Quellen nicht angegeben"},
    "col.name": {"en": "Cluster", "de": "Cluster"},
    "col.city": {"en": "Seat", "de": "Sitz"},
    "col.state": {"en": "State", "de": "Land"},
    "col.founded": {"en": "Founded", "de": "Gründung"},
    "col.management_staff": {"en": "Management staff", "de": "Beschäftigte im Clustermanagement"},
    # Short labels for the circle-size control in the narrow sidebar.
    "size.actors": {"en": "Actors", "de": "Akteure"},
    "size.smes": {"en": "SMEs", "de": "KMU"},
    "size.research_institutions": {"en": "Research institutions", "de": "Forschungseinrichtungen"},
    "size.management_staff": {"en": "Management staff", "de": "Clustermanagement"},
    "col.actors": {"en": "Actors", "de": "Akteure"},
    "col.smes": {"en": "SMEs", "de": "KMU"},
    "col.large_companies": {"en": "Large companies", "de": "Großunternehmen"},
    "col.research_institutions": {"en": "Research institutions", "de": "Forschungseinrichtungen"},
    "col.focus_areas": {"en": "Focus areas", "de": "Schwerpunkte"},
    "col.sources": {"en": "Sources", "de": "Quellen"},
    "data.citation": {"en": "Cited as", "de": "Zitiert als"},
    "data.zip_all": {
        "en": "Every table as CSV in one ZIP (with sources and licences)",
        "de": "Alle Tabellen als CSV in einer ZIP-Datei (mit Quellen und Lizenzen)",
    },
    "reason.unknown": {"en": "“{first}” not given", "de": "„{first}“ nicht angegeben"},
    "reason.zero": {"en": "“{first}” is 0", "de": "„{first}“ ist 0"},
    "reason.both_lower_bounds": {
        "en": "“{first}” and “{second}” are both lower bounds",
        "de": "„{first}“ und „{second}“ sind beide Untergrenzen",
    },
    "reason.both_upper_bounds": {
        "en": "“{first}” and “{second}” are both upper bounds",
        "de": "„{first}“ und „{second}“ sind beide Obergrenzen",
    },
    "reason.bounds_over_time": {
        "en": "“{first}” is a bound of the same direction in both years",
        "de": "„{first}“ ist in beiden Jahren eine Schranke derselben Richtung",
    },
    "col.change": {"en": "Change", "de": "Veränderung"},
    "cite.undated": {"en": "undated", "de": "ohne Datum"},
    "change.text": {"en": "{change} since {year} ({earlier})", "de": "{change} seit {year} ({earlier})"},
    "bench.change": {"en": "Change in {figure}", "de": "Veränderung {figure}"},
    "bench.years_note": {
        "en": "Each value shows the year it refers to in brackets; the newest value of each cluster is compared, so years can differ between clusters.",
        "de": "Jeder Wert nennt in Klammern das Jahr, auf das er sich bezieht; verglichen wird der neueste Wert jedes Clusters, die Jahre können sich daher unterscheiden.",
    },
    "profile.awards": {"en": "Federal programme awards", "de": "Auszeichnungen in Bundesprogrammen"},
    "programme.leading-edge-cluster": {
        "en": "Leading-Edge Cluster (BMBF Spitzencluster competition)",
        "de": "Spitzencluster (Spitzencluster-Wettbewerb des BMBF)",
    },
    "programme.clusters4future": {
        "en": "Future Cluster (BMBF Clusters4Future initiative)",
        "de": "Zukunftscluster (Zukunftscluster-Initiative des BMBF)",
    },
    "col.programme": {"en": "Programme", "de": "Programm"},
    "data.origin": {"en": "Who speaks", "de": "Wer spricht"},
    "data.address": {"en": "Address", "de": "Adresse"},
    "origin.cluster": {"en": "The cluster itself", "de": "Das Cluster selbst"},
    "origin.government": {"en": "Ministry or public body", "de": "Ministerium oder Behörde"},
    "origin.third-party": {"en": "Third party", "de": "Dritte"},
    "unit.persons": {"en": "persons", "de": "Personen"},
    "unit.FTE": {"en": "full-time equivalents", "de": "Vollzeitäquivalente"},
    "unit.actors": {"en": "actors", "de": "Akteure"},
    "unit.smes": {"en": "SMEs", "de": "KMU"},
    "unit.companies": {"en": "companies", "de": "Unternehmen"},
    "unit.institutions": {"en": "institutions", "de": "Einrichtungen"},
    "unit.percent": {"en": "%", "de": "%"},
    "unit.actors_per_person": {"en": "actors per person", "de": "Akteure je Person"},
    "unit.years": {"en": "years", "de": "Jahre"},
    "unit.jobs": {"en": "jobs", "de": "Arbeitsplätze"},
    "unit.members": {"en": "members", "de": "Mitglieder"},
    "unit.partners": {"en": "partners", "de": "Partner"},
    "unit.talks": {"en": "talks", "de": "Vorträge"},
    "unit.parks": {"en": "parks", "de": "Parks"},
    "unit.EUR": {"en": "EUR", "de": "EUR"},
    "unit.m EUR": {"en": "m EUR", "de": "Mio. EUR"},
    "unit.bn EUR": {"en": "bn EUR", "de": "Mrd. EUR"},
    "unit.%": {"en": "%", "de": "%"},
    "unit.organisations": {"en": "organisations", "de": "Organisationen"},
    "unit.projects": {"en": "projects", "de": "Projekte"},
    "unit.patents": {"en": "patents", "de": "Patente"},
    "unit.publications": {"en": "publications", "de": "Veröffentlichungen"},
    "unit.doctorates": {"en": "doctorates", "de": "Promotionen"},
    "unit.studies": {"en": "studies", "de": "Studien"},
    "unit.applications": {"en": "applications", "de": "Bewerbungen"},
    "unit.countries": {"en": "countries", "de": "Länder"},
    "unit.profiles": {"en": "profiles", "de": "Profile"},
    "unit.places": {"en": "places", "de": "Plätze"},
    "col.relation": {"en": "Relation", "de": "Beziehung"},
    "col.count": {"en": "Number", "de": "Anzahl"},
    "relation.member": {"en": "member", "de": "Mitglied"},
    "relation.cluster_management": {"en": "cluster management", "de": "Clustermanagement"},
    "relation.shareholder": {"en": "shareholder", "de": "Gesellschafter"},
    "relation.funder": {"en": "funder", "de": "Förderer"},
    "relation.partner": {"en": "partner", "de": "Partner"},
    "relation.in_region": {"en": "in the region", "de": "in der Region"},
    "region.named": {
        "en": "Named in the sources: {n} ({members} of them as members)",
        "de": "In den Quellen genannt: {n} (davon {members} als Mitglieder)",
    },
    "region.in_region": {
        "en": {
            "one": "In the region (listings): {n} life-science actor",
            "other": "In the region (listings): {n} life-science actors",
        },
        "de": {
            "one": "In der Region (Verzeichnisse): {n} Life-Science-Akteur",
            "other": "In der Region (Verzeichnisse): {n} Life-Science-Akteure",
        },
    },
    "region.other_higher_education": {
        "en": {
            "one": "Not counted above: {n} further site of the higher-education register (Destatis, all subjects)",
            "other": "Not counted above: {n} further sites of the higher-education register (Destatis, all subjects)",
        },
        "de": {
            "one": "Oben nicht gezählt: {n} weiterer Standort des Hochschulverzeichnisses (Destatis, alle Fächer)",
            "other": "Oben nicht gezählt: {n} weitere Standorte des Hochschulverzeichnisses (Destatis, alle Fächer)",
        },
    },
    "col.other_higher_education": {
        "en": "Other higher-education sites (all subjects)",
        "de": "Weitere Hochschulstandorte (alle Fächer)",
    },
    "region.basis": {"en": "Region: {basis}", "de": "Region: {basis}"},
    "region.defined_by": {"en": "Region as defined by: {sources}", "de": "Region laut: {sources}"},
    "region.list": {"en": "All {n} in the region", "de": "Alle {n} in der Region"},
    "region.none": {
        "en": "No region is defined for this cluster yet.",
        "de": "Für diesen Cluster ist noch keine Region festgelegt.",
    },
    "region.title": {
        "en": "Actors: named in the sources and in the region",
        "de": "Akteure: in den Quellen genannt und in der Region",
    },
    "col.total": {"en": "Total", "de": "Summe"},
    "region.compare_title": {
        "en": "In the regions: companies, institutes, university hospitals and universities (listings)",
        "de": "In den Regionen: Unternehmen, Institute, Universitätsklinika und Universitäten (Verzeichnisse)",
    },
    "region.compare_reading": {
        "en": "Counted the same way for every cluster's region: university hospitals and universities from the official register, institutes and companies from the compiled public pages (as complete as the pages found, not a census). They are not the clusters' own figures above and are never added to them.",
        "de": "Für die Region jedes Clusters auf dieselbe Weise gezählt: Universitätsklinika und Universitäten aus dem amtlichen Verzeichnis, Institute und Unternehmen aus den zusammengestellten öffentlichen Seiten (so vollständig wie die gefundenen Seiten, keine Vollerhebung). Es sind nicht die eigenen Zahlen der Cluster oben, und sie werden nie zu ihnen addiert.",
    },
    "cite.upload": {"en": "your upload {file}, row {row}", "de": "Ihr Upload {file}, Zeile {row}"},
    "cite.your_upload": {"en": "your upload", "de": "Ihr Upload"},
    "cite.sources": {"en": "Sources: {sources}", "de": "Quellen: {sources}"},
    "cite.source": {"en": "Source: {source}", "de": "Quelle: {source}"},
    "col.figure": {"en": "Figure", "de": "Kennzahl"},
    "col.value": {"en": "Value", "de": "Wert"},
    "col.year": {"en": "Year", "de": "Jahr"},
    "col.wording": {"en": "Source wording", "de": "Wortlaut der Quelle"},
    "col.source": {"en": "Source", "de": "Quelle"},
    "col.note": {"en": "Note", "de": "Anmerkung"},
    "note.own_figure": {"en": "Your own figure", "de": "Ihre eigene Zahl"},
    "figure.unknown": {"en": "n/a", "de": "k. A."},
    "qualifier.>": {"en": "more than {n}", "de": "mehr als {n}"},
    "qualifier.<": {"en": "almost {n}", "de": "fast {n}"},
    "qualifier.~": {"en": "about {n}", "de": "rund {n}"},
    "qualifier.": {"en": "{n}", "de": "{n}"},
    "data.error": {
        "en": "The dataset could not be loaded. Nothing was changed. Details:",
        "de": "Der Datensatz konnte nicht geladen werden. Es wurde nichts verändert. Details:",
    },
    "data.error_more": {
        "en": "… and {n} more (python -m cli validate lists all)",
        "de": "… und {n} weitere (python -m cli validate nennt alle)",
    },
    # Upload messages (presentation.messages): row-level texts follow "row 2, column 'x': ".
    "upload.at_cell": {
        "en": "row {row}, column '{column}': {message}",
        "de": "Zeile {row}, Spalte „{column}“: {message}",
    },
    "upload.at_row": {"en": "row {row}: {message}", "de": "Zeile {row}: {message}"},
    "upload.file_too_large": {
        "en": "The file has {size} MB; the limit is {limit} MB. Upload only the clusters you want to compare.",
        "de": "Die Datei hat {size} MB; erlaubt sind höchstens {limit} MB. Laden Sie nur die Cluster hoch, die Sie vergleichen möchten.",
    },
    "upload.empty": {
        "en": "The file is empty. Download the template and fill in your figures.",
        "de": "Die Datei ist leer. Laden Sie die Vorlage herunter und tragen Sie Ihre Zahlen ein.",
    },
    "upload.not_csv": {
        "en": "'{file}' is not a CSV or Excel (.xlsx) file. Download the template and save your table in that format.",
        "de": "„{file}“ ist keine CSV- oder Excel-Datei (.xlsx). Laden Sie die Vorlage herunter und speichern Sie Ihre Tabelle in diesem Format.",
    },
    "upload.csv_unreadable": {
        "en": "The CSV cannot be read from line {line} on: a quotation mark may be left open or a cell be far too long. Save the table again as CSV from your spreadsheet program.",
        "de": "Die CSV-Datei ist ab Zeile {line} nicht lesbar: Vielleicht ist ein Anführungszeichen nicht geschlossen oder eine Zelle viel zu lang. Speichern Sie die Tabelle in Ihrem Tabellenprogramm erneut als CSV.",
    },
    "upload.xlsx_unreadable": {
        "en": "The Excel file cannot be read: it is damaged or not a real .xlsx file. Open it in Excel or LibreOffice and save it again as .xlsx or CSV.",
        "de": "Die Excel-Datei kann nicht gelesen werden: Sie ist beschädigt oder keine echte .xlsx-Datei. Öffnen Sie sie in Excel oder LibreOffice und speichern Sie sie erneut als .xlsx oder CSV.",
    },
    "upload.xlsx_no_sheet": {
        "en": "The Excel file has no worksheet. Put your table on the first sheet.",
        "de": "Die Excel-Datei enthält kein Tabellenblatt. Legen Sie Ihre Tabelle auf das erste Blatt.",
    },
    "upload.xlsx_too_many_parts": {
        "en": "The Excel file consists of more than {limit} parts; a table of clusters needs a few dozen. Save your table alone as .xlsx or CSV.",
        "de": "Die Excel-Datei besteht aus mehr als {limit} Teilen; eine Clustertabelle braucht ein paar Dutzend. Speichern Sie nur Ihre Tabelle als .xlsx oder CSV.",
    },
    "upload.xlsx_part_too_large": {
        "en": "Unpacked, the part '{part}' of the Excel file has {size} MB; the limit is {limit} MB. Save your table alone as .xlsx or CSV.",
        "de": "Entpackt hat der Teil „{part}“ der Excel-Datei {size} MB; erlaubt sind höchstens {limit} MB. Speichern Sie nur Ihre Tabelle als .xlsx oder CSV.",
    },
    "upload.xlsx_unpacked_too_large": {
        "en": "Unpacked, the Excel file has {size} MB; the limit is {limit} MB. Save your table alone as .xlsx or CSV.",
        "de": "Entpackt hat die Excel-Datei {size} MB; erlaubt sind höchstens {limit} MB. Speichern Sie nur Ihre Tabelle als .xlsx oder CSV.",
    },
    "upload.xlsx_compressed_too_much": {
        "en": "The part '{part}' of the Excel file is compressed {ratio} to 1, far more than any spreadsheet (at most {limit} to 1 is unpacked). Save your table again as .xlsx or CSV.",
        "de": "Der Teil „{part}“ der Excel-Datei ist im Verhältnis {ratio} zu 1 komprimiert, weit stärker als jede Tabelle (entpackt wird höchstens {limit} zu 1). Speichern Sie Ihre Tabelle erneut als .xlsx oder CSV.",
    },
    "upload.xlsx_too_complex": {
        "en": "The Excel file holds more than {limit} elements (cells, styles, names); a table of clusters needs far fewer. Save your table alone as .xlsx or CSV.",
        "de": "Die Excel-Datei enthält mehr als {limit} Elemente (Zellen, Formate, Namen); eine Clustertabelle braucht weit weniger. Speichern Sie nur Ihre Tabelle als .xlsx oder CSV.",
    },
    "upload.sheet_too_large": {
        "en": "The sheet spans {rows} rows and {columns} columns, but at most {max_rows} rows and {max_columns} columns are read. Delete everything below and to the right of your table (formatting included) or save it as CSV.",
        "de": "Das Tabellenblatt reicht über {rows} Zeilen und {columns} Spalten; gelesen werden höchstens {max_rows} Zeilen und {max_columns} Spalten. Löschen Sie alles unterhalb und rechts Ihrer Tabelle (auch Formatierungen) oder speichern Sie sie als CSV.",
    },
    "upload.rows_beyond_limit": {
        "en": "The sheet continues below row {limit}, perhaps with formatting only. Delete everything below your table or save it as CSV.",
        "de": "Das Tabellenblatt geht über Zeile {limit} hinaus, vielleicht nur mit Formatierungen. Löschen Sie alles unterhalb Ihrer Tabelle oder speichern Sie sie als CSV.",
    },
    "upload.too_many_rows": {
        "en": "The file has more than {limit} data rows. Upload at most {limit} clusters at a time.",
        "de": "Die Datei hat mehr als {limit} Datenzeilen. Laden Sie höchstens {limit} Cluster auf einmal hoch.",
    },
    "upload.no_data_rows": {
        "en": "The file has column names but no data rows. Add one row per cluster below the header.",
        "de": "Die Datei hat Spaltennamen, aber keine Datenzeilen. Tragen Sie unter der Kopfzeile eine Zeile je Cluster ein.",
    },
    "upload.missing_columns": {
        "en": "Missing column(s): {columns}. Use the template's column names (first row).",
        "de": "Fehlende Spalte(n): {columns}. Verwenden Sie die Spaltennamen der Vorlage (erste Zeile).",
    },
    "upload.missing_figure_columns": {
        "en": "There is no figure column: add at least one of {columns}.",
        "de": "Es fehlt eine Spalte mit Kennzahlen: Ergänzen Sie mindestens eine von {columns}.",
    },
    "upload.duplicate_columns": {
        "en": "The column(s) {columns} appear more than once; keep one of each.",
        "de": "Die Spalte(n) {columns} kommen mehrfach vor; behalten Sie jeweils eine.",
    },
    "upload.ignored_columns": {"en": "Ignored column(s): {columns}", "de": "Ignorierte Spalte(n): {columns}"},
    "upload.more_messages": {
        "en": "{n} more message(s) not shown. Fix the ones above and upload the file again.",
        "de": "{n} weitere Meldung(en) nicht angezeigt. Beheben Sie die obigen und laden Sie die Datei erneut hoch.",
    },
    "upload.empty_id": {
        "en": "the id is empty — this row was skipped.",
        "de": "Die Kennung ist leer — diese Zeile wurde übersprungen.",
    },
    "upload.empty_name": {
        "en": "the name is empty — this row was skipped.",
        "de": "Der Name ist leer — diese Zeile wurde übersprungen.",
    },
    "upload.duplicate_id": {
        "en": "the id '{id}' is already used in row {first_row} — this row was skipped.",
        "de": "Die Kennung „{id}“ steht schon in Zeile {first_row} — diese Zeile wurde übersprungen.",
    },
    "upload.not_a_number": {
        "en": "'{text}' is not a number (write e.g. 250, 13.5 or >250) — this row was skipped.",
        "de": "„{text}“ ist keine Zahl (schreiben Sie z. B. 250, 13,5 oder >250) — diese Zeile wurde übersprungen.",
    },
    "upload.negative": {
        "en": "'{text}' is negative; counts and years cannot be below 0 — this row was skipped.",
        "de": "„{text}“ ist negativ; Anzahlen und Jahre können nicht unter 0 liegen — diese Zeile wurde übersprungen.",
    },
    "upload.ambiguous": {
        "en": "'{text}' is ambiguous: {grouped} in English, {decimal} in German. Write {grouped} or {decimal} — this row was skipped.",
        "de": "„{text}“ ist mehrdeutig: im Englischen {grouped}, im Deutschen {decimal}. Schreiben Sie {grouped} oder {decimal} — diese Zeile wurde übersprungen.",
    },
    "upload.not_finite": {
        "en": "'{text}' is not a finite number — this row was skipped.",
        "de": "„{text}“ ist keine endliche Zahl — diese Zeile wurde übersprungen.",
    },
    "upload.too_many_digits": {
        "en": "'{text}' has {digits} digits; at most {limit} are kept exactly — this row was skipped.",
        "de": "„{text}“ hat {digits} Ziffern; genau erhalten bleiben höchstens {limit} — diese Zeile wurde übersprungen.",
    },
    "upload.too_large": {
        "en": "'{text}' is too large: counts must be below {limit} — this row was skipped.",
        "de": "„{text}“ ist zu groß: Anzahlen müssen unter {limit} liegen — diese Zeile wurde übersprungen.",
    },
    "upload.year_out_of_range": {
        "en": "'{text}' is not a founding year from {first_year} to {last_year} — this row was skipped.",
        "de": "„{text}“ ist kein Gründungsjahr von {first_year} bis {last_year} — diese Zeile wurde übersprungen.",
    },
    "upload.bad_qualifier": {
        "en": "'{text}' is no qualifier; leave the cell empty or use >, < or ~ — this row was skipped.",
        "de": "„{text}“ ist keine Qualifizierung; lassen Sie die Zelle leer oder verwenden Sie >, < oder ~ — diese Zeile wurde übersprungen.",
    },
    "upload.nul_byte": {
        "en": "Line {line} holds a NUL byte (a character a text file should not contain): remove it and upload the file again.",
        "de": "Zeile {line} enthält ein NUL-Byte (ein Zeichen, das in einer Textdatei nicht vorkommen sollte): entfernen Sie es und laden Sie die Datei erneut hoch.",
    },
    "upload.mixed_encoding": {
        "en": "The file mixes two encodings: from line {line} on some rows are not UTF-8, so umlauts may read wrong (e.g. “MÃ¼nchen”). Save it once as “CSV UTF-8” and upload again.",
        "de": "Die Datei mischt zwei Kodierungen: ab Zeile {line} sind einige Zeilen nicht UTF-8, Umlaute können falsch gelesen werden (z. B. „MÃ¼nchen“). Speichern Sie sie einmal als „CSV UTF-8“ und laden Sie sie erneut hoch.",
    },
    "upload.control_character": {
        "en": "This cell holds a control character ({character}), which a spreadsheet cannot store — remove it; this row was skipped.",
        "de": "Diese Zelle enthält ein Steuerzeichen ({character}), das eine Tabellenkalkulation nicht speichern kann — entfernen Sie es; diese Zeile wurde übersprungen.",
    },
    "upload.mixed_scripts": {
        "en": "The name mixes Latin with Greek or Cyrillic letters in {words}: look-alike letters can pass for another name — please check it.",
        "de": "Der Name mischt lateinische mit griechischen oder kyrillischen Buchstaben in {words}: ähnlich aussehende Buchstaben können einen anderen Namen vortäuschen — bitte prüfen.",
    },
    "upload.bad_counts": {
        "en": "'{text}' is not something a figure counts here; use one of {allowed} — this row was skipped.",
        "de": "„{text}“ ist keine Angabe, was eine Zahl zählt; verwenden Sie eine von {allowed} — diese Zeile wurde übersprungen.",
    },
    "upload.invalid_figure": {
        "en": "'{text}' is not a valid figure — this row was skipped.",
        "de": "„{text}“ ist keine gültige Kennzahl — diese Zeile wurde übersprungen.",
    },
    "upload.parts_exceed_actors": {
        "en": "SMEs ({smes}) and large companies ({large_companies}) add up to more than the actors ({actors}) — this row was skipped.",
        "de": "KMU ({smes}) und Großunternehmen ({large_companies}) ergeben zusammen mehr als die Akteure ({actors}) — diese Zeile wurde übersprungen.",
    },
    "upload.seat_missing": {
        "en": "city and state are needed (or use the id of a published cluster) — this row was skipped.",
        "de": "Ort und Bundesland fehlen (oder verwenden Sie die Kennung eines veröffentlichten Clusters) — diese Zeile wurde übersprungen.",
    },
    "upload.unknown_state": {
        "en": "'{state}' is no German state code; use e.g. BY, NW, SH — this row was skipped.",
        "de": "„{state}“ ist kein Kürzel eines Bundeslands; verwenden Sie z. B. BY, NW, SH — diese Zeile wurde übersprungen.",
    },
    "upload.cell_too_long": {
        "en": "the cell has more than {limit} characters — this row was skipped.",
        "de": "Die Zelle hat mehr als {limit} Zeichen — diese Zeile wurde übersprungen.",
    },
    "upload.invalid_row": {
        "en": "the values do not form a valid cluster — this row was skipped.",
        "de": "Die Werte ergeben keinen gültigen Cluster — diese Zeile wurde übersprungen.",
    },
    "upload.unknown_focus_area": {
        "en": "unknown focus area '{area}' was left out (see the template's vocabulary ids)",
        "de": "Unbekannter Schwerpunkt „{area}“ wurde weggelassen (siehe die Kennungen des Vokabulars in der Vorlage)",
    },
}


def normalise_language(value: str | None) -> str:
    return value if value in LANGUAGES else DEFAULT_LANGUAGE


def t(key: str, lang: str = DEFAULT_LANGUAGE, **values) -> str:
    """The text for `key` in `lang`; a missing key is a programming error and raises KeyError.

    A text that counts something holds its plural forms by CLDR category (`one`, `other`), chosen
    by Babel's plural rules of the language for the value `n`."""
    lang = normalise_language(lang)
    entry = CATALOGUE[key][lang]
    if isinstance(entry, dict):
        entry = entry[plural_category(values["n"], lang)]
    return entry.format(**values) if values else entry


def plural_category(n: float | int, lang: str) -> str:
    """`one` or `other` (the categories English and German have) for the count `n`."""
    return Locale.parse(LOCALES[normalise_language(lang)]).plural_form(abs(n))


def unit_text(unit: str, lang: str) -> str:
    """A figure's unit as the data files write it ("persons", "bn EUR") in the UI language."""
    return t(f"unit.{unit}", lang) if unit else ""


def text(value: Text, lang: str) -> str:
    return value.get(normalise_language(lang))
