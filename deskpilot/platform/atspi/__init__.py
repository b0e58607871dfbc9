"""AT-SPI, the Linux accessibility tree, spoken over D-Bus with jeepney (pure Python: no PyGObject, no pyatspi).

``connect()`` gives the X11 backend its ports.Accessibility when the display has an accessibility
bus, and None -- quickly -- when it has not, which is normal: most programs then run without one.
"""

from __future__ import annotations

from deskpilot.platform.atspi.adapter import AtspiAccessibility
from deskpilot.platform.atspi.bus import AtspiBus, find_bus_address

PROBE_SECONDS = 0.5  # the most that looking for a bus may cost a run that has none


def connect(display: str | None = None, *, timeout: float = 1.0) -> AtspiAccessibility | None:
    """The accessibility tree of ``display`` (default: $DISPLAY), or None when there is no bus to ask."""
    from deskpilot.platform.atspi.xstack import XStack

    address = find_bus_address(display, timeout=PROBE_SECONDS)
    if address is None:
        return None
    bus = AtspiBus(address, timeout=timeout)
    if not bus.connect(PROBE_SECONDS):
        return None
    return AtspiAccessibility(bus, XStack(display))


__all__ = ["AtspiAccessibility", "AtspiBus", "connect", "find_bus_address"]
