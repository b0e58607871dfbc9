"""Kinds of window that treat keys their own way, known by the program's class (X11 WM_CLASS).

In a terminal Ctrl+A moves to the start of the line and the whole window shows a text
cursor; in a spreadsheet Ctrl+A selects every cell and typing replaces the selected one.
The recorder and the player both need to know, so the lists live here, once.
"""

from __future__ import annotations

TERMINALS = frozenset({"xterm", "uxterm", "urxvt", "rxvt", "gnome-terminal-server", "gnome-terminal", "konsole",
                       "xfce4-terminal", "terminator", "tilix", "st-256color", "alacritty", "kitty", "lxterminal",
                       "mate-terminal", "qterminal", "terminology", "sakura", "x3270", "c3270"})
SPREADSHEETS = frozenset({"gnumeric", "libreoffice", "soffice", "libreoffice-calc", "localc"})


def is_terminal(app: str) -> bool:
    return app.lower() in TERMINALS


def is_spreadsheet(app: str) -> bool:
    return app.lower() in SPREADSHEETS
