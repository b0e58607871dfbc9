"""What went wrong, in the window's words: a player's error as a sentence a clerk can act on.

The core's messages are written for the command line and for a report: the step, the
technical reason, the flag to pass. At the GUI's edge they are turned into what a
person in the window can do -- "Rows '3-x'" instead of ``--rows '3-x'``, "the Variables
panel" instead of ``--var`` -- and a failed step's reason into one plain sentence and
one piece of advice ("The window 'Customer Master' is not open. Open it, then press
Run again."). The command line keeps its own messages; nothing here changes them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from deskpilot import model as m
from deskpilot.gui.qt import QCoreApplication

try:  # the plain words for a target ("the field 'Customer ID'"); without them the target says itself
    from deskpilot.gui.sentences import thing as _thing
except ImportError:  # pragma: no cover - only while that module is missing
    _thing = None


# --- command-line flags into the window's words ---------------------------------------------------------------


def _flag_rules() -> list[tuple[re.Pattern[str], str]]:
    rules = [
        (r"add the column\(s\) or give --var \S+",
         QCoreApplication.translate("PlainWords", "add the column(s) to the data file, or give the variable a "
                                                  "default in the Variables panel")),
        (r"give it with --var \S+",
         QCoreApplication.translate("PlainWords", "give it a default in the Variables panel")),
        (r"give either --rows or --from-row, not both; --rows 5-9 plays rows 5 to 9",
         QCoreApplication.translate("PlainWords", "choose either some rows or a first row, not both")),
        (r"play the row again with --rows (\d+)",
         QCoreApplication.translate("PlainWords", "play the row again (Rows: these rows, \\1)")),
        (r"--rows '([^']*)'", QCoreApplication.translate("PlainWords", "Rows '\\1'")),
        (r"--from-row (\d+)", QCoreApplication.translate("PlainWords", "From row \\1")),
        (r"names them with --rows", QCoreApplication.translate("PlainWords", "chooses them under Rows")),
        (r"move it away or pass --results \S+", QCoreApplication.translate("PlainWords", "move it away or rename it")),
        (r"pass --results \S+", QCoreApplication.translate("PlainWords", "name it .csv or .xlsx")),
        (r"pass one of them with --sheet",
         QCoreApplication.translate("PlainWords", "choose one of them under Sheet")),
        (r"--sheet '([^']*)' only applies to \.xlsx files; leave it out for a CSV file",
         QCoreApplication.translate("PlainWords", "a sheet ('\\1') only applies to .xlsx files; leave Sheet "
                                                  "empty for a CSV file")),
        (r"store it in the keyring for this recording \(deskpilot secret set\), or run in a terminal to be asked",
         QCoreApplication.translate("PlainWords", "or enter it when the run asks for it")),
        (r"--var (\w+)=\S*", QCoreApplication.translate("PlainWords", "a value for '\\1' in the Variables panel")),
        (r"--allow-fallback", QCoreApplication.translate("PlainWords", "the recorded point as a last resort")),
    ]
    return [(re.compile(pattern), words) for pattern, words in rules]


FLAG_NAMES = {"data": "Data file", "sheet": "Sheet", "rows": "Rows", "from-row": "From row",
              "on-failure": "When a row fails", "results": "results file", "var": "Variables panel"}


def window_words(message: str) -> str:
    """A core message with every command-line flag said the way the window says it; nothing starts with '--'."""
    text = message
    for pattern, words in _flag_rules():
        text = pattern.sub(words, text)
    text = re.sub(r"\s--\s", " — ", text)  # "at most 1,000 bytes -- split it": a dash, not a flag
    return re.sub(r"--([a-z][a-z-]*)", lambda mt: FLAG_NAMES.get(mt.group(1), mt.group(1)), text)


# --- a failed step, explained ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Explained:
    """A failure as the result dialog says it: what kind, what happened, what to do."""

    kind: str  # "window-missing", "covered", "not-found", "ambiguous", "typing", "no-confirmation", "check",
    # "stopped", "other"
    headline: str
    advice: str


STEP_PREFIX = re.compile(r"^step [\d.]+ \(.*?\): ")
SEE = re.compile(r"; see step-[\d.]+\.png$")
SECONDS = re.compile(r"after (\d+(?:\.\d+)?) s")
BEST = re.compile(r"best match (\"[^\"]*\"|\w+) \((\d\.\d+) < \d\.\d+\)")
TYPED = re.compile(r"typed ('(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"), but the (?:field|application says the field) "
                   r"(?:holds|reads) ('(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"|empty)")
COVERED = re.compile(r"covered by the window '([^']*)'")


def reason_of(error: str) -> str:
    """The reason of a step's error, without "step 3 (click ...): " before it and "; see step-003.png" after."""
    return SEE.sub("", STEP_PREFIX.sub("", error.strip()))


def target_of(step: m.Step | None) -> m.Target | None:
    target = getattr(step, "target", None) or getattr(step, "source", None)
    return target if isinstance(target, m.Target) else None


def thing_words(step: m.Step | None) -> str:
    """What the step looks for, as a person says it: "the field 'Customer ID'", "the button 'Save'"."""
    target = target_of(step)
    if target is None:
        return QCoreApplication.translate("PlainWords", "what this step looks for")
    if _thing is not None:
        return str(_thing(target, cursor=getattr(step, "cursor", None)))
    return target.describe()


def window_title(pattern: str) -> str:
    """A title pattern as a person reads it: "^Customer\\ Master" -> "Customer Master"."""
    text = pattern.removeprefix("^").removesuffix("$").removeprefix("(^|\\ \\-\\ )")
    text = re.sub(r"\(\?:.*?\)\??|\(.*?\)\?", "", text)  # optional parts (" (modified)")
    text = re.sub(r"\.\*", "…", text)
    return re.sub(r"\\(.)", r"\1", text).strip()


def missing_window(step: m.Step | None, open_titles: Sequence[str] | None) -> str | None:
    """The title of the window the step's target lives in, when no open window has that title; else None."""
    target = target_of(step)
    if target is None or open_titles is None:
        return None
    patterns = [a.window for a in target.anchors if isinstance(a, m.WindowAnchor)]
    patterns += [a.window for a in target.anchors if isinstance(a, m.ElementAnchor) and a.window]
    for pattern in patterns:
        loose = re.sub(r"\{\{\s*\w+\s*\}\}", ".*", pattern)  # a title with a variable in it: any value
        try:
            wanted = re.compile(loose)
        except re.error:
            continue
        if not any(wanted.search(title) for title in open_titles):
            return window_title(pattern)
    return None


def explain(error: str, step: m.Step | None, *, final_check: bool = False,
            open_titles: Sequence[str] | None = None) -> Explained:
    """The failed step's error as one sentence and one piece of advice.

    ``final_check``: the step is the routine's check of the application's confirmation. ``open_titles``: the
    windows open when the run ended (None when unknown), to say that the window a step needs is not open."""
    reason = reason_of(error)
    what = thing_words(step)
    seconds = SECONDS.search(reason)
    wait = seconds.group(1) if seconds else ""
    again = QCoreApplication.translate("PlainWords", "Fix that in the application, then press Run again.")
    if reason.startswith("stopped by the fail-safe"):
        return Explained("stopped", QCoreApplication.translate(
            "PlainWords", "The run stopped: the mouse was pushed into a screen corner (the emergency stop)."),
            QCoreApplication.translate("PlainWords", "Press Run again when you are ready."))
    if reason.startswith("stopped by"):
        return Explained("stopped", QCoreApplication.translate("PlainWords", "You stopped the run."),
                         QCoreApplication.translate("PlainWords", "Press Run again to start it from the beginning."))
    covered = COVERED.search(reason)
    if covered:
        return Explained("covered", QCoreApplication.translate(
            "PlainWords", "Another window, '{window}', is in front of {thing}.").format(
                window=covered.group(1), thing=what),
            QCoreApplication.translate("PlainWords", "Move that window or close it, then press Run again."))
    window = missing_window(step, open_titles)
    if window is not None and not reason.startswith("still on screen"):
        if isinstance(step, m.WaitFor) and all(isinstance(a, m.WindowAnchor) for a in step.target.anchors):
            return Explained("window-missing", QCoreApplication.translate(
                "PlainWords", "The window '{window}' did not open.").format(window=window),
                QCoreApplication.translate(
                    "PlainWords", "Check in the application that the step before it worked, then press Run again."))
        return Explained("window-missing", QCoreApplication.translate(
            "PlainWords", "The window '{window}' that this step needs is not open.").format(window=window),
            QCoreApplication.translate(
                "PlainWords", "Open it in the application as it was when you recorded, then press Run again."))
    if final_check and (reason.startswith(("not found", "still on screen", "expected on screen"))
                        or "does not confirm this run" in reason or "not this run's confirmation" in reason):
        return Explained("no-confirmation", QCoreApplication.translate(
            "PlainWords", "The application did not confirm that it saved: {thing} did not appear after the last "
                          "step.").format(thing=what),
            QCoreApplication.translate(
                "PlainWords", "Look in the application whether the entry was saved before you run it again."))
    typed = TYPED.search(reason)
    if typed:
        if typed.group(2) == "empty":
            headline = QCoreApplication.translate(
                "PlainWords", "The field stayed empty after typing {typed}.").format(typed=typed.group(1))
        else:
            headline = QCoreApplication.translate(
                "PlainWords", "The field did not hold what was typed: it shows {seen} instead of {typed}.").format(
                    seen=typed.group(2), typed=typed.group(1))
        return Explained("typing", headline, QCoreApplication.translate(
            "PlainWords", "Check that the click before it goes into the right field (Find now shows where), then "
                          "press Run again."))
    if ("still holds" in reason and "after emptying it" in reason) or "DeskPilot knows how to empty" in reason \
            or "no border DeskPilot can see" in reason:
        return Explained("typing", QCoreApplication.translate(
            "PlainWords", "The field already held text that could not be emptied before typing."),
            QCoreApplication.translate(
                "PlainWords", "Empty it in a step before, or let the step type after what the field holds."))
    if reason.startswith("no field at"):
        return Explained("typing", QCoreApplication.translate(
            "PlainWords", "There is no text field where {thing} should be: the pointer shows no text cursor "
                          "there.").format(thing=what),
            QCoreApplication.translate("PlainWords", "Press Find now to see what is there, and re-pick the field."))
    if "not accepted on its score alone" in reason:
        return Explained("ambiguous", QCoreApplication.translate(
            "PlainWords", "Something like {thing} is on the screen, but not where its window puts it, so DeskPilot "
                          "did not click a guess.").format(thing=what),
            QCoreApplication.translate("PlainWords", "Press Find now to see the places, and re-pick the right one."))
    if reason.startswith("ambiguous"):
        return Explained("ambiguous", QCoreApplication.translate(
            "PlainWords", "{thing} is on the screen in more than one place that fits equally well, so DeskPilot "
                          "did not guess.").format(thing=_capital(what)),
            QCoreApplication.translate("PlainWords", "Press Find now to see the places, and re-pick the right one."))
    if reason.startswith("expected on screen but"):
        return Explained("check", QCoreApplication.translate(
            "PlainWords", "The check failed: {thing} was not on the screen.").format(thing=what), again)
    if reason.startswith("still on screen"):
        return Explained("not-found", QCoreApplication.translate(
            "PlainWords", "{thing} was still on the screen after {s} s.").format(thing=_capital(what), s=wait), again)
    if reason.startswith("not found"):
        if isinstance(step, m.WaitFor):
            headline = QCoreApplication.translate(
                "PlainWords", "{thing} did not appear within {s} s.").format(thing=_capital(what), s=wait)
        else:
            headline = QCoreApplication.translate(
                "PlainWords", "{thing} was not on the screen within {s} s.").format(thing=_capital(what), s=wait)
        best = BEST.search(reason)
        if best and best.group(1).startswith('"'):
            headline += " " + QCoreApplication.translate(
                "PlainWords", "The closest it saw was {text} ({n} % alike).").format(
                    text=best.group(1), n=round(float(best.group(2)) * 100))
        return Explained("not-found", headline, QCoreApplication.translate(
            "PlainWords", "Check that the application shows it, or press Find now to look for it on the screen."))
    return Explained("other", _capital(window_words(reason)).rstrip(".") + ".", QCoreApplication.translate(
        "PlainWords", "Look at the picture and the report for what the screen showed."))


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]
