"""Picture files in folders with Chinese names: written privately and atomically, read back the same."""

from __future__ import annotations

import stat
from pathlib import Path

import numpy as np
import pytest

from deskpilot.geometry import Point, Rect
from deskpilot.images import encode_png, image_size, read_png, write_png
from deskpilot.ports import Frame
from deskpilot.vision.blackout import only_window
from deskpilot.vision.match import load_template


@pytest.fixture
def chinese_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "张伟的录制" / "客户资料.deskpilot" / "images"
    folder.mkdir(parents=True)
    return folder


def _picture() -> np.ndarray:
    pixels = np.zeros((30, 50, 3), np.uint8)
    pixels[5:25, 10:40] = (30, 120, 240)
    return pixels


def test_a_picture_round_trips_through_a_chinese_path(chinese_folder: Path) -> None:
    path = chinese_folder / "客户编号.png"
    write_png(path, _picture())
    assert np.array_equal(read_png(path), _picture())
    assert image_size(path) == (50, 30)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert [p.name for p in chinese_folder.iterdir()] == ["客户编号.png"]  # no temporary file left


def test_an_anchor_image_under_a_chinese_path_is_matched_in_grey(chinese_folder: Path) -> None:
    path = chinese_folder / "按钮.png"
    write_png(path, _picture())
    grey = load_template(path)
    assert grey.shape == (30, 50) and grey[15, 20] > 0 and grey[0, 0] == 0


def test_a_missing_or_broken_picture_reads_as_none(chinese_folder: Path) -> None:
    assert read_png(chinese_folder / "没有.png") is None
    (chinese_folder / "坏.png").write_bytes(b"not a png")
    assert read_png(chinese_folder / "坏.png") is None and image_size(chinese_folder / "坏.png") is None
    with pytest.raises(ValueError, match="not a readable image"):
        load_template(chinese_folder / "坏.png")


def test_png_bytes_decode_to_the_same_pixels() -> None:
    import cv2

    data = encode_png(_picture())
    assert data[:4] == b"\x89PNG"
    assert np.array_equal(cv2.imdecode(np.frombuffer(data, np.uint8), cv2.IMREAD_COLOR), _picture())


def test_only_the_window_is_kept_of_a_screen() -> None:
    frame = Frame(np.full((40, 60, 3), 200, np.uint8), Point(0, 0))
    kept = only_window(frame, Rect(10, 10, 20, 10), hidden=[Rect(12, 12, 2, 2)])
    assert kept[15, 20].tolist() == [200, 200, 200] and kept[0, 0].tolist() == [0, 0, 0]
    assert kept[12, 12].tolist() == [0, 0, 0]
