"""GUI tests run the real widgets on Qt's offscreen platform (no X server needed)."""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
