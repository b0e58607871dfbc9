"""GUI tests run the real widgets on Qt's offscreen platform (no X server needed)."""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


import tempfile

# QSettings and the run history go to a throwaway place, never the developer's own
_home = tempfile.mkdtemp(prefix="deskpilot-gui-tests-")
os.environ["XDG_CONFIG_HOME"] = os.path.join(_home, "config")
os.environ["XDG_DATA_HOME"] = os.path.join(_home, "data")
