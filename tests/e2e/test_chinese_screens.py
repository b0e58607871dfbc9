"""Chinese screens end to end: a claim recorded on the Chinese expense screen (报销单) replays unedited on
fresh instances, moved, at font x1.25 and dark, typing Chinese that is read back; and a data run from a
GBK-encoded CSV, as a Chinese Excel saves it, enters every row once."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

import pytest

from deskpilot import model as m
from deskpilot.demoapp.chinese import say
from deskpilot.format import load_routine
from deskpilot.platform.x11.xvfb import VirtualDisplay
from tests.e2e.person import Person, centre_of, geometry
from tests.e2e.test_record_demo import start_recorder

EXPENSE_ZH = ("--screen", "expense", "--lang", "zh")
TITLE = say("zh", "Expense Claims - ACME ERP")
ENTERED = {"claimant": "王小明", "date": "2026-11-05", "category": "差旅", "amount": "356.80",
           "description": "北京出差 高铁"}
ROWS = [{"claimant": "李娜", "date": "2026-11-06", "category": "餐饮", "amount": "88.50", "description": "客户午餐"},
        {"claimant": "张伟", "date": "2026-11-07", "category": "交通", "amount": "42.00", "description": "出租车"},
        {"claimant": "陈静", "date": "2026-11-08", "category": "住宿", "amount": "620.00", "description": "上海 酒店"}]
NAMES = {"claimant": "报销人", "date": "日期", "category": "类别", "amount": "金额", "description": "说明"}
CHINESE = "".join(dict.fromkeys(ch for v in ENTERED.values() for ch in v if not ch.isascii()))  # what the person types


@pytest.fixture(scope="module")
def recorded(tmp_path_factory: pytest.TempPathFactory, xdisplay: VirtualDisplay) -> Path:
    from deskpilot.demoapp.launch import launch

    work = tmp_path_factory.mktemp("rec-zh")
    app = launch(work / "recorded.jsonl", *EXPENSE_ZH, "--geometry-out", str(work / "geo.json"),
                 display=xdisplay.name, env=xdisplay.env(), title=TITLE)
    person = Person(xdisplay)
    keys = person.use_keyboard_with(CHINESE)  # a Chinese input method's keys, while the person types
    try:
        proc = start_recorder(xdisplay, work, "claim-zh", "--lang", "chi_sim+eng")
        geo = geometry(work / "geo.json")
        fields = {f["name"]: f["rect"] for f in geo["fields"]}
        for key, value in ENTERED.items():
            person.click(*centre_of(fields[key]))
            person.type(value)
        person.click(*centre_of({b["text"]: b["rect"] for b in geo["buttons"]}["保存"]))
        time.sleep(1.0)
        person.key("ctrl+alt+shift+s")
        out, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err
        assert app.records() == [ENTERED]
    finally:
        app.stop()
        person.forget_keys(keys)  # the display's few spare keys, given back to the player and the next tests
    return work / "claim-zh"


def test_the_chinese_recording_names_its_fields_by_their_chinese_labels(recorded: Path) -> None:
    loaded = load_routine(recorded)
    routine = loaded.routine
    assert routine.lang == "chi_sim+eng"
    clicks = [s for s in routine.steps if s.kind == "click"]
    labels = [a.text for s in clicks for a in s.target.anchors if isinstance(a, m.TextAnchor)]  # type: ignore[attr-defined]
    for label in ("报销人", "日期", "类别", "金额", "说明", "保存"):
        assert any(label in text for text in labels), (label, labels)
    # each value a variable named after its label, in Chinese as the label is, the value its default
    assert routine.variables == {NAMES[k]: v for k, v in ENTERED.items()}
    last = routine.steps[-1]
    assert last.kind == "wait_for" and "已保存报销单" in last.target.anchors[0].text  # type: ignore[attr-defined]


@pytest.mark.parametrize("perturbation", [[], ["--x", "190", "--y", "130"], ["--font-scale", "1.25"], ["--dark"]],
                         ids=["as-recorded", "moved", "font-1.25", "dark"])
def test_the_chinese_recording_replays_unedited(recorded: Path, perturbation: list[str], demo_app: Callable,
                                                cli: Callable) -> None:
    app = demo_app(*EXPENSE_ZH, *perturbation, name="claims.jsonl", title=TITLE)
    proc = cli("play", str(recorded))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert app.records() == [ENTERED]


def test_a_gbk_csv_enters_each_chinese_row_once(recorded: Path, demo_app: Callable, cli: Callable,
                                                tmp_path: Path) -> None:
    data = tmp_path / "报销.csv"
    lines = [",".join(NAMES.values())] + [",".join(r[k] for k in NAMES) for r in ROWS]  # a Chinese Excel's heads
    data.write_bytes(("\r\n".join(lines) + "\r\n").encode("gbk"))
    app = demo_app(*EXPENSE_ZH, name="claims.jsonl", title=TITLE)
    run = cli("play", str(recorded), "--data", str(data), timeout=300)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "gb18030" in run.stderr.lower() or "gbk" in run.stderr.lower()  # the person is told how it was read
    assert app.records() == ROWS
