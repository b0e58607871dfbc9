"""Light or dark: the system's choice unless the person picked one, and colours that read on either.

Qt's Fusion style follows the colour scheme the desktop reports (and one set with
``setColorScheme``); the few colours of our own (the running step, a failed step,
weak anchors, problems) come in a light and a dark variant, chosen by how light
the palette's base colour is, so they keep their contrast on both.
"""

from __future__ import annotations

from deskpilot.gui.qt import QApplication, QColor, QPalette, Qt

SCHEMES = {"system": Qt.ColorScheme.Unknown, "light": Qt.ColorScheme.Light, "dark": Qt.ColorScheme.Dark}

# name -> (on a light base, on a dark base)
COLOURS = {
    "current": ("#fff3bf", "#5c4b00"),
    "failed": ("#ffd6d6", "#6b1f1f"),
    "weak": ("#b36b00", "#ffb347"),
    "problem": ("#b3261e", "#ff8a80"),
    "record": ("#c62828", "#ff6b6b"),  # the Record button's word on the toolbar
}


def apply_scheme(app: QApplication, scheme: str) -> None:
    """Fusion in the chosen scheme; "system" follows the desktop's, now and when it changes.

    The palette is set here rather than left to the platform theme: without a
    desktop session (plain X11, a kiosk) Qt has no one to ask and stays light.
    """
    app.setStyle("Fusion")
    app.setProperty("deskpilot_scheme", scheme)
    hints = app.styleHints()
    hints.setColorScheme(SCHEMES.get(scheme, Qt.ColorScheme.Unknown))
    dark = scheme == "dark" or (scheme not in SCHEMES or scheme == "system") and hints.colorScheme() == Qt.ColorScheme.Dark
    app.setPalette(dark_palette() if dark else app.style().standardPalette())
    if not app.property("deskpilot_follows"):
        app.setProperty("deskpilot_follows", True)
        hints.colorSchemeChanged.connect(lambda _s: _follow(app))


def _follow(app: QApplication) -> None:
    if app.property("deskpilot_scheme") == "system":
        apply_scheme(app, "system")


def dark_palette() -> QPalette:
    p = QPalette()
    roles = QPalette.ColorRole
    for role, value in ((roles.Window, "#2b2b2b"), (roles.WindowText, "#e6e6e6"), (roles.Base, "#1e1e1e"),
                        (roles.AlternateBase, "#2a2a2a"), (roles.Text, "#e6e6e6"), (roles.Button, "#353535"),
                        (roles.ButtonText, "#e6e6e6"), (roles.ToolTipBase, "#353535"), (roles.ToolTipText, "#e6e6e6"),
                        (roles.Highlight, "#2f65ca"), (roles.HighlightedText, "#ffffff"), (roles.Link, "#6ea8fe"),
                        (roles.PlaceholderText, "#9a9a9a")):
        p.setColor(role, QColor(value))
    for role in (roles.WindowText, roles.Text, roles.ButtonText):
        p.setColor(QPalette.ColorGroup.Disabled, role, QColor("#7a7a7a"))
    return p


def is_dark() -> bool:
    return QApplication.palette().color(QPalette.ColorRole.Base).lightness() < 128


def colour(name: str) -> QColor:
    light, dark = COLOURS[name]
    return QColor(dark if is_dark() else light)
