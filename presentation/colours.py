"""The themes' colours, shared by the atlas's map and legends and the booth's dark map."""

# Okabe–Ito colours: distinguishable with the common colour-vision deficiencies.
THEME_COLOURS: dict[str, str] = {
    "digital-health": "#0072B2",
    "green-health": "#009E73",
    "managed-care": "#CC79A7",
    "life-science": "#D55E00",
    "medtech": "#E69F00",
}
# On the booth's navy ground digital health's dark blue reaches only 2.6:1; Okabe–Ito's sky blue there.
DARK_GROUND_THEME_COLOURS: dict[str, str] = {**THEME_COLOURS, "digital-health": "#56B4E9"}
