"""Finding things in an accessibility tree, over a fake bus that answers as GTK or Qt do.

The fake keeps a tree of objects and answers the same D-Bus calls the real bus gets, so the
walk, the descent and the climb are tested for what toolkits really do: GTK answers "what is
at this point" one level at a time and stops at a page tab without a box; Qt jumps from the
window to the deepest filler at once; a spreadsheet's grid claims 2^31 children.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from deskpilot.geometry import Point, Rect
from deskpilot.platform.atspi.bus import REGISTRY, Call, Reply
from deskpilot.platform.atspi.decode import INT_MIN, NULL_PATH, RELATION_LABELLED_BY, ROOT_PATH, STATE_NAMES
from deskpilot.platform.atspi.proxy import Node, read_texts
from deskpilot.platform.atspi.tree import Frame, choose_frame, climb, descend, frames, pick, walk
from deskpilot.ports import Window

APP = ":1.7"


@dataclass
class Obj:
    role: str
    name: str = ""
    box: tuple[int, int, int, int] | None = (0, 0, 0, 0)
    states: tuple[str, ...] = ("showing", "visible", "enabled")
    children: list[str] = field(default_factory=list)
    parent: str = ""
    labelled_by: str = ""
    text: str | None = None
    claims: int | None = None  # a child count the object claims (a grid's 2^31)


class FakeBus:
    """Objects by path on one application; answers like the toolkit named (``deep``: Qt's point answer)."""

    def __init__(self, objects: dict[str, Obj], deep: bool = False) -> None:
        self.objects, self.deep = objects, deep
        self.asked: list[tuple[str, str]] = []
        for path, obj in objects.items():
            for kid in obj.children:
                objects[kid].parent = path

    def call(self, call: Call) -> Reply:
        return self.calls([call])[0]

    def calls(self, batch: Sequence[Call]) -> list[Reply]:
        return [self._answer(c) for c in batch]

    def pid(self, bus_name: str) -> int | None:
        return 4242

    def _answer(self, c: Call) -> Reply:
        self.asked.append((c.ref[1], c.method if c.method != "Get" else c.args[1]))
        if c.ref == REGISTRY:
            return ([(APP, ROOT_PATH)],) if c.method == "GetChildren" else None
        obj = self.objects.get(c.ref[1])
        if obj is None:
            return None  # org.freedesktop.DBus.Error.UnknownObject
        method = c.method if c.method != "Get" else c.args[1]
        if method == "GetRoleName":
            return (obj.role,)
        if method == "Name":
            return (("s", obj.name),)
        if method == "ChildCount":
            return (("i", obj.claims if obj.claims is not None else len(obj.children)),)
        if method == "GetChildren":
            assert obj.claims is None, "a grid's children were asked for"
            return ([(APP, k) for k in obj.children],)
        if method == "Parent":
            return (("(so)", (APP, obj.parent or NULL_PATH)),)
        if method == "GetState":
            words = [0, 0]
            for s in obj.states:
                n = STATE_NAMES.index(s)
                words[n // 32] |= 1 << (n % 32)
            return (words,)
        if method == "GetExtents":
            return None if obj.box is None else (obj.box,)
        if method == "GetRelationSet":
            return ([(RELATION_LABELLED_BY, [(APP, obj.labelled_by)])] if obj.labelled_by else [],)
        if method == "GetIndexInParent":
            return (self.objects[obj.parent].children.index(c.ref[1]),) if obj.parent else (-1,)
        if method == "GetAccessibleAtPoint":
            return ((APP, self._at(c.ref[1], Point(c.args[0], c.args[1]))),)
        if method == "CharacterCount":
            return None if obj.text is None else (("i", len(obj.text)),)
        if method == "GetText":
            return None if obj.text is None else (obj.text[c.args[0]:c.args[1]],)
        raise AssertionError(f"unexpected call {c}")

    def _at(self, path: str, p: Point) -> str:
        """GTK: the direct child whose box holds the point. Qt (``deep``): the deepest one, at once."""
        found = NULL_PATH
        for kid in self.objects[path].children:
            obj = self.objects[kid]
            if "showing" in obj.states and obj.box and obj.box[2] > 0 and Rect(*obj.box).contains(p):
                found = kid
        if self.deep and found != NULL_PATH:
            deeper = self._at(found, p)
            return found if deeper == NULL_PATH else deeper
        return found


def gtk_editor() -> dict[str, Obj]:
    """Mousepad's shape: a notebook whose page tab has no box, so GTK's own point answer stops above it."""
    return {
        ROOT_PATH: Obj("application", "mousepad", box=None, children=["/1"]),
        "/1": Obj("frame", "note.txt - Mousepad", (0, 0, 640, 480), children=["/2"]),
        "/2": Obj("filler", box=(1, 20, 638, 459), children=["/3", "/7", "/9"]),
        "/3": Obj("menu bar", box=(1, 20, 638, 25), children=["/4"]),
        "/4": Obj("menu", "File", (1, 20, 40, 25), children=["/5", "/6"]),
        "/5": Obj("menu item", "Open", (INT_MIN, INT_MIN, 1, 1), states=("visible", "enabled")),
        "/6": Obj("menu item", "Save", (INT_MIN, INT_MIN, 1, 1), states=("visible", "enabled")),
        "/7": Obj("page tab list", box=(1, 50, 638, 420), children=["/8"]),
        "/8": Obj("page tab", box=(-1, -1, -1, -1), children=["/10"]),
        "/9": Obj("table", "Grid", (1, 470, 638, 9), claims=2 ** 31 - 1),
        "/10": Obj("scroll pane", box=(1, 50, 638, 420), children=["/11"]),
        "/11": Obj("text", box=(2, 51, 636, 418), text="hello world",
                   states=("showing", "visible", "enabled", "editable", "focused"), labelled_by="/12"),
        "/12": Obj("label", "Notes:", (1, 1, 10, 10), states=()),
    }


def qt_form() -> dict[str, Obj]:
    """A Qt 5 form: the window answers the deepest filler (a text's viewport) at once; a nameless button's label."""
    return {
        ROOT_PATH: Obj("application", "FeatherPad", box=None, children=["/w"]),
        "/w": Obj("frame", "Untitled", (100, 100, 400, 300), children=["/c"]),
        "/c": Obj("filler", box=(100, 100, 400, 300), children=["/t", "/b"]),
        "/t": Obj("text", box=(100, 100, 400, 200), children=["/vp"], text="abc"),
        "/vp": Obj("filler", box=(100, 100, 400, 200)),
        "/b": Obj("push button", box=(110, 320, 80, 30), children=["/bl"]),
        "/bl": Obj("label", "OK", (115, 325, 70, 20)),
    }


def test_a_walk_lists_showing_nodes_in_document_order_with_paths_and_never_opens_a_grid() -> None:
    bus = FakeBus(gtk_editor())
    walked = walk(bus, (APP, "/1"))  # type: ignore[arg-type]
    assert [(w.node.role, w.node.name, w.path, w.index) for w in walked] == [
        ("filler", "", (), 0),
        ("menu bar", "", ("filler",), 0),
        ("menu", "File", ("filler", "menu bar"), 0),
        ("page tab list", "", ("filler",), 1),
        ("page tab", "", ("filler", "page tab list"), 0),  # no box, but it holds its page: opened
        ("scroll pane", "", ("filler", "page tab list", "page tab"), 0),
        ("text", "", ("filler", "page tab list", "page tab", "scroll pane"), 0),
        ("table", "Grid", ("filler",), 2),
    ]
    assert walked[4].node.box is None and walked[6].node.labelled_by == ((APP, "/12"),)
    asked_of = {path for path, what in bus.asked if what in ("GetRoleName", "GetChildren")}
    assert "/5" not in asked_of and "/6" not in asked_of  # a closed menu's items: their state, nothing more


def test_a_walk_stops_at_its_node_budget() -> None:
    walked = walk(FakeBus(gtk_editor()), (APP, "/1"), max_nodes=4)  # type: ignore[arg-type]
    assert 0 < len(walked) <= 4


def test_gtk_descent_goes_through_a_page_tab_without_a_box_and_climbs_back_with_the_path() -> None:
    bus = FakeBus(gtk_editor())
    chain = descend(bus, (APP, "/1"), Point(300, 200))  # type: ignore[arg-type]
    assert [r[1] for r in chain] == ["/1", "/2", "/7", "/8", "/10", "/11"]
    up = climb(bus, chain)  # type: ignore[arg-type]
    assert [n.role for n in up] == ["text", "scroll pane", "page tab", "page tab list", "filler"]
    assert pick(up, Point(300, 200)) == 0


def test_qt_descent_jumps_to_a_viewport_and_the_climb_asks_the_parents_in_between() -> None:
    bus = FakeBus(qt_form(), deep=True)
    chain = descend(bus, (APP, "/w"), Point(200, 150))  # type: ignore[arg-type]
    assert [r[1] for r in chain] == ["/w", "/vp"]
    up = climb(bus, chain)  # type: ignore[arg-type]
    assert [n.role for n in up] == ["filler", "text", "filler"]
    assert pick(up, Point(200, 150)) == 1  # the text a person names, not its nameless viewport
    assert read_texts(bus, [up[1].ref]) == ["abc"]  # type: ignore[arg-type]


def test_a_label_inside_a_button_gives_way_to_the_button() -> None:
    bus = FakeBus(qt_form(), deep=True)
    up = climb(bus, descend(bus, (APP, "/w"), Point(130, 330)))  # type: ignore[arg-type]
    assert [n.role for n in up][:2] == ["label", "push button"]
    assert pick(up, Point(130, 330)) == 1


SQUARE = Rect(0, 0, 50, 50)


def node(role: str, name: str = "", box: Rect | None = SQUARE, showing: bool = True) -> Node:
    return Node(ref=(APP, f"/{role}/{name}"), role=role, name=name, box=box, child_count=0,
                state_words=(1 << 25 if showing else 0, 0))


def test_pick_skips_what_is_not_showing_or_not_at_the_point() -> None:
    at = Point(10, 10)
    assert pick([node("filler", showing=False), node("push button", "Go", box=Rect(100, 100, 5, 5))], at) is None
    assert pick([node("filler"), node("panel"), node("frame", "Main")], at) == 2  # the nearest named one
    assert pick([node("filler"), node("panel")], at) == 0  # nothing named: the deepest, for what it is
    assert pick([node("label", "Customer ID:"), node("panel")], at) == 0  # a label on its own is itself


def frame(name: str, box: Rect, pid: int | None = 1) -> Frame:
    return Frame(ref=(APP, "/" + name), name=name, box=box, app="app", pid=pid)


def test_the_frame_of_a_window_is_chosen_by_process_then_title_then_box() -> None:
    window = Window(id=1, title="Untitled", rect=Rect(100, 100, 400, 300))
    decorated = frame("Untitled", Rect(99, 80, 402, 321))  # GTK counts the window manager's frame in
    covered_twin = frame("Untitled", Rect(600, 100, 400, 300))  # another editor, elsewhere
    assert choose_frame(window, [covered_twin, decorated]) == decorated
    same_box_other_title = frame("Preferences", Rect(100, 100, 400, 300))
    assert choose_frame(window, [same_box_other_title, decorated]) == decorated
    assert choose_frame(window, [same_box_other_title]) == same_box_other_title  # a title the tree has not caught up with
    assert choose_frame(window, [frame("Other", Rect(300, 300, 400, 300))]) is None  # barely overlapping
    other_process = frame("Untitled", Rect(100, 100, 400, 300), pid=2)
    assert choose_frame(window, [other_process, decorated], pid=1) == decorated
    assert choose_frame(window, [other_process], pid=1) == other_process  # no frame of that process: pid says nothing


def test_frames_are_the_showing_top_levels_of_every_application() -> None:
    objects = gtk_editor()
    objects[ROOT_PATH].children.append("/hidden")
    objects["/hidden"] = Obj("dialog", "Preferences", (10, 10, 100, 100), states=("visible",))
    found = frames(FakeBus(objects))  # type: ignore[arg-type]
    assert [(f.name, f.app, f.box, f.pid) for f in found] == [("note.txt - Mousepad", "mousepad",
                                                               Rect(0, 0, 640, 480), 4242)]


def test_reading_a_gone_object_gives_none_not_an_error() -> None:
    bus = FakeBus(gtk_editor())
    assert climb(bus, [(APP, "/1"), (APP, "/gone")]) == []  # type: ignore[arg-type]
    assert read_texts(bus, [(APP, "/gone"), (APP, "/11")]) == [None, "hello world"]  # type: ignore[arg-type]
