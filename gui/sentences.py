"""A step as a plain sentence a clerk reads without training: "Type the customer ID into 'Customer ID'".

One place for the plain words of the window: the step list, the anchor editor's "Found by ..." and the
run bar all say a step the same way. Variables are said by name in words ("the customer ID"), a
secret's value is never shown (only its name and that it is secret), and a typed value that looks like
an account or card number is masked. Every word goes through Qt's translation ("Sentences" context).
"""

from __future__ import annotations

from collections.abc import Collection, Sequence

from deskpilot import model as m
from deskpilot.model import _title_of as window_title  # the one unescaper of a window title pattern
from deskpilot.sensitive import sensitive_kind
from deskpilot.variables import PLACEHOLDER
from deskpilot.gui.qt import QCoreApplication

ACRONYMS = frozenset({"id", "iban", "vat", "url", "pin", "po", "sku", "bic", "eu", "uk", "us", "ip", "tin"})
FIELD_ROLES = frozenset({"text", "entry", "password text", "spin button", "combo box", "editable text"})
LONGEST = 60  # a typed text longer than this is cut in the sentence (the step's properties show it whole)


# --- words ------------------------------------------------------------------------------------------------


def variable_words(name: str) -> str:
    """A variable's name as words: customer_id -> "customer ID", 金额 -> 金额."""
    return " ".join(w.upper() if w.lower() in ACRONYMS else w for w in name.split("_") if w)


def the_variable(name: str, secrets: Collection[str] = ()) -> str:
    """ "the customer ID"; a secret says so and nothing more: "the password (secret)"."""
    if name in secrets:
        return QCoreApplication.translate("Sentences", "the {name} (secret)").format(name=variable_words(name))
    return QCoreApplication.translate("Sentences", "the {name}").format(name=variable_words(name))


def with_names(text: str, secrets: Collection[str] = ()) -> str:
    """A text with its placeholders said by name: "Saved {{ customer_id }}" -> "Saved [customer ID]"."""

    def word(match: object) -> str:
        name = match.group(1)  # type: ignore[attr-defined]
        shown = variable_words(name)
        if name in secrets:
            return QCoreApplication.translate("Sentences", "[{name}, secret]").format(name=shown)
        return QCoreApplication.translate("Sentences", "[{name}]").format(name=shown)

    return PLACEHOLDER.sub(word, text)


def quoted(text: str, secrets: Collection[str] = ()) -> str:
    shown = with_names(text, secrets)
    if len(shown) > LONGEST:
        shown = shown[:LONGEST - 1] + "…"
    return QCoreApplication.translate("Sentences", "'{text}'").format(text=shown)


def value_words(text: str, secrets: Collection[str] = ()) -> str:
    """What a step types or compares: one variable by name ("the customer ID"), else the quoted text;
    a value that looks like an IBAN or a card number is masked."""
    whole = PLACEHOLDER.fullmatch(text.strip())
    if whole is not None:
        return the_variable(whole.group(1), secrets)
    if not PLACEHOLDER.search(text) and sensitive_kind(text) is not None:
        return QCoreApplication.translate("Sentences", "'••••' (it looks like an account or card number)")
    return quoted(text, secrets)


def label_text(text: str) -> str:
    """A label as it is said in a sentence: without its colon ("Customer ID:" -> "Customer ID")."""
    return text.strip().rstrip(":：").strip() or text.strip()


def key_words(key: str) -> str:
    """A key as its cap says it: enter -> Enter, pagedown -> Page Down, ctrl -> Ctrl."""
    names = {"esc": "Esc", "escape": "Esc", "return": "Enter", "pageup": "Page Up", "pagedown": "Page Down",
             "pgup": "Page Up", "pgdn": "Page Down", "backspace": "Backspace", "capslock": "Caps Lock"}
    low = key.strip().lower()
    return names.get(low, key if len(key) == 1 and not key.isalpha() else low.title() if len(key) > 1 else key.upper())


def _listed(parts: Sequence[str]) -> str:
    """ "a", "a and b", "a, b, and c" as the language lists things."""
    if not parts:
        return ""
    if len(parts) == 1:
        return parts[0]
    if len(parts) == 2:
        return QCoreApplication.translate("Sentences", "{a} and {b}").format(a=parts[0], b=parts[1])
    head = parts[0]
    for part in parts[1:-1]:
        head = QCoreApplication.translate("Sentences", "{a}, {b}").format(a=head, b=part)
    return QCoreApplication.translate("Sentences", "{a}, and {b}").format(a=head, b=parts[-1])


# --- what a step points at ----------------------------------------------------------------------------------


def _side(a: m.TextAnchor) -> str | None:
    """Where the point is from its label (as ``Target.describe`` decides), None when it is on the text."""
    dx, dy = a.offset_em or a.offset
    px, py = a.offset
    if (abs(dx) < 0.5 and abs(dy) < 0.5) or (abs(px) <= 24 and abs(py) <= 14):
        return None
    if abs(dx) >= abs(dy):
        return "right" if dx > 0 else "left"
    return "below" if dy > 0 else "above"


def field_label(target: m.Target | None) -> str | None:
    """The label of the field a click went into (its element's, or the text beside it), for "into 'X'"."""
    for a in getattr(target, "anchors", ()):
        if isinstance(a, m.ElementAnchor) and (a.label or a.name):
            return label_text(a.label or a.name)
    for a in getattr(target, "anchors", ()):
        if isinstance(a, m.TextAnchor):
            return label_text(a.text) if _side(a) is not None else None
    return None


def thing(target: m.Target | None, *, cursor: str | None = None, secrets: Collection[str] = ()) -> str:
    """What a step points at, as a person says it: 'Save', the field 'Customer ID', right of 'Total'."""
    anchors = getattr(target, "anchors", ())
    for a in anchors:
        if isinstance(a, m.ElementAnchor) and (a.name or a.label):
            name = with_names(label_text(a.name or a.label or ""), secrets)
            if a.role in FIELD_ROLES:
                return QCoreApplication.translate("Sentences", "the field '{name}'").format(name=name)
            return QCoreApplication.translate("Sentences", "'{name}'").format(name=name)
    for a in anchors:
        if isinstance(a, m.TextAnchor):
            side, name = _side(a), with_names(label_text(a.text), secrets)
            if side is None:
                return QCoreApplication.translate("Sentences", "'{name}'").format(name=name)
            if cursor == "text" and side == "right":
                return QCoreApplication.translate("Sentences", "the field '{name}'").format(name=name)
            return {
                "right": QCoreApplication.translate("Sentences", "right of '{name}'"),
                "left": QCoreApplication.translate("Sentences", "left of '{name}'"),
                "below": QCoreApplication.translate("Sentences", "below '{name}'"),
                "above": QCoreApplication.translate("Sentences", "above '{name}'"),
            }[side].format(name=name)
    for a in anchors:
        if isinstance(a, m.ImageAnchor):
            return a.label or QCoreApplication.translate("Sentences", "the recorded picture")
    for a in anchors:
        if isinstance(a, m.WindowAnchor):
            return QCoreApplication.translate("Sentences", "the window '{title}'").format(
                title=with_names(window_title(a.window), secrets))
        if isinstance(a, m.PointAnchor):
            return QCoreApplication.translate("Sentences", "the point ({x}, {y}) of the screen").format(
                x=a.at[0], y=a.at[1])
    return QCoreApplication.translate("Sentences", "nothing")


def found_by(target: m.Target | None, *, cursor: str | None = None) -> str:
    """The anchors in one sentence: "Found by the field labelled 'Customer ID:', its picture, and its place in
    'ACME ERP'". The recorded point is named only when nothing else finds the target."""
    parts: list[str] = []
    anchors = getattr(target, "anchors", ())
    for a in anchors:
        if isinstance(a, m.ElementAnchor):
            role = m.ROLE_NAMES.get(a.role, a.role)
            parts.append(QCoreApplication.translate("Sentences", "the {role} the application calls '{name}'").format(
                role=role, name=label_text(a.name or a.label or "")))
        elif isinstance(a, m.TextAnchor):
            side = _side(a)
            if side is None:
                parts.append(QCoreApplication.translate("Sentences", "its text '{text}'").format(text=with_names(a.text)))
            elif side == "right":
                parts.append(QCoreApplication.translate("Sentences", "the field labelled '{text}'").format(
                    text=with_names(a.text)))
            else:
                parts.append({
                    "left": QCoreApplication.translate("Sentences", "the text '{text}' to its right"),
                    "below": QCoreApplication.translate("Sentences", "the text '{text}' above it"),
                    "above": QCoreApplication.translate("Sentences", "the text '{text}' below it"),
                }[side].format(text=with_names(a.text)))
        elif isinstance(a, m.ImageAnchor):
            parts.append(a.label or QCoreApplication.translate("Sentences", "its picture"))
        elif isinstance(a, m.WindowAnchor):
            parts.append(QCoreApplication.translate("Sentences", "its place in '{title}'").format(
                title=with_names(window_title(a.window))))
    if not parts:
        point = next((a for a in anchors if isinstance(a, m.PointAnchor)), None)
        if point is None:
            return QCoreApplication.translate("Sentences", "This step has no target.")
        return QCoreApplication.translate(
            "Sentences", "Found only by its place on the screen, ({x}, {y}): pick it again to make it reliable."
        ).format(x=point.at[0], y=point.at[1])
    return QCoreApplication.translate("Sentences", "Found by {anchors}.").format(anchors=_listed(parts))


# --- the step -----------------------------------------------------------------------------------------------


def sentence(step: m.Step, *, before: m.Step | None = None, secrets: Collection[str] = ()) -> str:
    """The step as a sentence. ``before``: the step before it (typing goes into the field it clicked)."""
    if isinstance(step, m.Click):
        return _click(step, secrets)
    if isinstance(step, m.Type):
        return _type(step, before, secrets)
    if isinstance(step, m.Press):
        key = key_words(step.key)
        if step.count > 1:
            return QCoreApplication.translate("Sentences", "Press {key} {n} times").format(key=key, n=step.count)
        return QCoreApplication.translate("Sentences", "Press {key}").format(key=key)
    if isinstance(step, m.Hotkey):
        return QCoreApplication.translate("Sentences", "Press {keys}").format(keys="+".join(map(key_words, step.keys)))
    if isinstance(step, m.WaitFor):
        return _wait(step, secrets)
    if isinstance(step, m.Expect):
        return _expect(step, secrets)
    if isinstance(step, m.ReadText):
        where = thing(step.target, secrets=secrets)
        into = the_variable(step.into, secrets)
        if step.parse == "number":
            return QCoreApplication.translate("Sentences", "Read the number at {where} and keep it as {into}").format(
                where=where, into=into)
        if step.parse == "date":
            return QCoreApplication.translate("Sentences", "Read the date at {where} and keep it as {into}").format(
                where=where, into=into)
        return QCoreApplication.translate("Sentences", "Read the text at {where} and keep it as {into}").format(
            where=where, into=into)
    if isinstance(step, m.ReadTable):
        return QCoreApplication.translate("Sentences", "Read the table at {where} ({columns}) and keep it as {into}"
                                          ).format(where=thing(step.target, secrets=secrets),
                                                   columns=", ".join(step.columns), into=the_variable(step.into))
    if isinstance(step, m.IfVisible):
        what = thing(step.target, secrets=secrets)
        if len(step.steps) == 1:
            return QCoreApplication.translate("Sentences", "If {what} shows: {step}").format(
                what=what, step=sentence(step.steps[0], secrets=secrets))
        return QCoreApplication.translate("Sentences", "If {what} shows, do the {n} steps inside").format(
            what=what, n=len(step.steps))
    if isinstance(step, m.Call):
        return _call(step, secrets)
    if isinstance(step, m.Drag):
        return QCoreApplication.translate("Sentences", "Drag {source} to {dest}").format(
            source=thing(step.source, secrets=secrets), dest=thing(step.dest, secrets=secrets))
    if isinstance(step, m.Scroll):
        return _scroll(step, secrets)
    return step.describe()


def _click(step: m.Click, secrets: Collection[str]) -> str:
    what = thing(step.target, cursor=step.cursor, secrets=secrets)
    how = {
        ("left", 1): QCoreApplication.translate("Sentences", "Click {what}"),
        ("left", 2): QCoreApplication.translate("Sentences", "Double-click {what}"),
        ("left", 3): QCoreApplication.translate("Sentences", "Triple-click {what}"),
        ("right", 1): QCoreApplication.translate("Sentences", "Right-click {what}"),
        ("right", 2): QCoreApplication.translate("Sentences", "Double-click {what} with the right button"),
        ("middle", 1): QCoreApplication.translate("Sentences", "Middle-click {what}"),
    }.get((step.button, step.clicks))
    text = how.format(what=what) if how is not None else QCoreApplication.translate(
        "Sentences", "Click {what} {n} times with the {button} button").format(what=what, n=step.clicks,
                                                                               button=step.button)
    if step.modifiers:
        text = QCoreApplication.translate("Sentences", "{action} while holding {keys}").format(
            action=text, keys="+".join(map(key_words, step.modifiers)))
    return text


def _type(step: m.Type, before: m.Step | None, secrets: Collection[str]) -> str:
    what = value_words(step.text, secrets)
    field = field_label(before.target) if isinstance(before, m.Click) else None
    if field is not None and step.mode == "append":
        return QCoreApplication.translate("Sentences", "Type {what} at the end of '{field}'").format(
            what=what, field=with_names(field, secrets))
    if field is not None:
        return QCoreApplication.translate("Sentences", "Type {what} into '{field}'").format(
            what=what, field=with_names(field, secrets))
    if step.mode == "append":
        return QCoreApplication.translate("Sentences", "Type {what} after what the field holds").format(what=what)
    return QCoreApplication.translate("Sentences", "Type {what}").format(what=what)


def _wait(step: m.WaitFor, secrets: Collection[str]) -> str:
    what = thing(step.target, secrets=secrets)
    if step.state is not None:
        state = {
            "enabled": QCoreApplication.translate("Sentences", "enabled"),
            "showing": QCoreApplication.translate("Sentences", "showing"),
            "focused": QCoreApplication.translate("Sentences", "focused"),
            "checked": QCoreApplication.translate("Sentences", "checked"),
            "selected": QCoreApplication.translate("Sentences", "selected"),
            "editable": QCoreApplication.translate("Sentences", "editable"),
        }.get(step.state, step.state)
        return QCoreApplication.translate("Sentences", "Wait until {what} is {state}").format(what=what, state=state)
    if step.gone:
        return QCoreApplication.translate("Sentences", "Wait until {what} is gone").format(what=what)
    return QCoreApplication.translate("Sentences", "Wait until {what} shows").format(what=what)


def _expect(step: m.Expect, secrets: Collection[str]) -> str:
    if step.compare is None:
        what = thing(step.target, secrets=secrets)
        if step.gone:
            return QCoreApplication.translate("Sentences", "Check that {what} is not there").format(what=what)
        return QCoreApplication.translate("Sentences", "Check that {what} shows").format(what=what)
    if step.value is not None:
        what = value_words(step.value, secrets)
    else:
        what = QCoreApplication.translate("Sentences", "the text at {where}").format(
            where=thing(step.target, secrets=secrets))
    expected = value_words(step.expected or "", secrets)
    if step.compare == "number" and step.tolerance:
        return QCoreApplication.translate("Sentences", "Check that {what} equals {expected} (± {tolerance})").format(
            what=what, expected=expected, tolerance=with_names(step.tolerance))
    return {
        "equals": QCoreApplication.translate("Sentences", "Check that {what} is {expected}"),
        "contains": QCoreApplication.translate("Sentences", "Check that {what} contains {expected}"),
        "matches": QCoreApplication.translate("Sentences", "Check that {what} matches the pattern {expected}"),
        "number": QCoreApplication.translate("Sentences", "Check that {what} equals {expected} as a number"),
    }.get(step.compare, QCoreApplication.translate("Sentences", "Check that {what} is {expected}")).format(
        what=what, expected=expected)


def _call(step: m.Call, secrets: Collection[str]) -> str:
    name = step.callee.name if step.callee is not None else step.routine.rstrip("/").split("/")[-1]
    if not step.with_values:
        return QCoreApplication.translate("Sentences", "Run the recording '{name}'").format(name=name)
    given = ", ".join(QCoreApplication.translate("Sentences", "{name} = {value}").format(
        name=variable_words(k), value=value_words(v, secrets)) for k, v in step.with_values.items())
    return QCoreApplication.translate("Sentences", "Run the recording '{name}' with {values}").format(
        name=name, values=given)


def _scroll(step: m.Scroll, secrets: Collection[str]) -> str:
    n = abs(step.clicks)
    if step.target is None:
        text = (QCoreApplication.translate("Sentences", "Scroll up by {n}") if step.clicks > 0
                else QCoreApplication.translate("Sentences", "Scroll down by {n}"))
        return text.format(n=n)
    text = (QCoreApplication.translate("Sentences", "Scroll up by {n} over {what}") if step.clicks > 0
            else QCoreApplication.translate("Sentences", "Scroll down by {n} over {what}"))
    return text.format(n=n, what=thing(step.target, secrets=secrets))


def sentences(routine: m.Routine) -> list[str]:
    """Every top-level step of a routine as its sentence, each knowing the step before it."""
    out: list[str] = []
    before: m.Step | None = None
    for step in routine.steps:
        out.append(sentence(step, before=before, secrets=routine.secrets))
        before = step
    return out
