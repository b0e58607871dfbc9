"""The accessibility bus: where it is, and calls on it that never hang the caller.

AT-SPI runs its own D-Bus daemon next to the session bus. Its address is on the X root
window (``AT_SPI_BUS``, set by at-spi-bus-launcher, readable from any process on the display),
else the session bus's ``org.a11y.Bus`` tells it. Calls go out pipelined -- a batch is sent at
once and the replies are collected by serial -- because one round trip per property would make a
window's walk ten times slower. An application that does not answer within the timeout is left
alone for a few seconds, so one hung program costs one timeout, not one per call.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

log = logging.getLogger(__name__)

Ref = tuple[str, str]  # an accessible object: (bus name, object path)
Reply = tuple[Any, ...] | None  # a method's out-arguments, or None: an error, a timeout, no connection

PROPERTIES = "org.freedesktop.DBus.Properties"
ACCESSIBLE = "org.a11y.atspi.Accessible"
COMPONENT = "org.a11y.atspi.Component"
TEXT = "org.a11y.atspi.Text"
REGISTRY: Ref = ("org.a11y.atspi.Registry", "/org/a11y/atspi/accessible/root")
SHUN_MAX = 60.0  # seconds: the longest an application that keeps hanging is left alone
BATCH = 200  # calls in flight at once: the daemon queues replies, but a bounded batch keeps both buffers small


@dataclass(frozen=True, slots=True)
class Call:
    """One method call on one accessible object."""

    ref: Ref
    interface: str
    method: str
    signature: str | None = None
    args: tuple[Any, ...] = ()


def prop(ref: Ref, interface: str, name: str) -> Call:
    """Reading a property: its reply is ``((signature, value),)``."""
    return Call(ref, PROPERTIES, "Get", "ss", (interface, name))


def find_bus_address(display: str | None = None, timeout: float = 0.5) -> str | None:
    """The accessibility bus's address, or None when this display and session have none (a normal case)."""
    return _root_window_address(display) or _session_bus_address(timeout)


def _root_window_address(display: str | None) -> str | None:
    try:
        from Xlib import X
        from Xlib import display as xdisplay

        conn = xdisplay.Display(display)
    except Exception:  # no X server (or no python-xlib): the session bus may still know
        return None
    try:
        root = conn.screen().root
        value = root.get_full_property(conn.intern_atom("AT_SPI_BUS"), X.AnyPropertyType)
        raw = getattr(value, "value", None)
        text = raw.decode("utf-8", "replace") if isinstance(raw, bytes) else str(raw or "")
        return text.strip("\0 ") or None
    except Exception:
        return None
    finally:
        conn.close()


def _session_bus_address(timeout: float) -> str | None:
    """org.a11y.Bus.GetAddress, asked only when the launcher already runs: the probe never starts services."""
    try:
        from jeepney import DBusAddress, new_method_call
        from jeepney.bus_messages import message_bus
        from jeepney.io.blocking import open_dbus_connection

        conn = open_dbus_connection("SESSION", auth_timeout=timeout)
    except Exception:  # no session bus, or none reachable in time
        return None
    try:
        owner = conn.send_and_get_reply(message_bus.NameHasOwner("org.a11y.Bus"), timeout=timeout)
        if not owner.body or not owner.body[0]:
            return None
        bus = DBusAddress("/org/a11y/bus", bus_name="org.a11y.Bus", interface="org.a11y.Bus")
        reply = conn.send_and_get_reply(new_method_call(bus, "GetAddress"), timeout=timeout)
        body = reply.body
        return str(body[0]) if body and isinstance(body[0], str) and body[0] else None
    except Exception:
        return None
    finally:
        conn.close()


class AtspiBus:
    """Calls on the accessibility bus over one jeepney connection per thread (a connection is not shareable)."""

    def __init__(self, address: str, *, timeout: float = 1.0, shun: float = 5.0) -> None:
        self.address, self.timeout, self.shun = address, timeout, shun
        self._local = threading.local()
        self._lock = threading.Lock()
        self._shunned: dict[str, float] = {}  # bus name -> until when it is not asked
        self._strikes: dict[str, int] = {}  # bus name -> timeouts in a row
        self._opened: list[Any] = []
        self._pids: dict[str, int | None] = {}

    def connect(self, timeout: float | None = None) -> bool:
        """Whether this thread can talk to the bus now (opens its connection, within ``timeout``)."""
        return self._conn(timeout) is not None

    def call(self, call: Call) -> Reply:
        return self.calls([call])[0]

    def calls(self, batch: Sequence[Call]) -> list[Reply]:
        """The replies to ``batch``, in order; None for each call that failed, timed out or was not sent."""
        out: list[Reply] = [None] * len(batch)
        for start in range(0, len(batch), BATCH):
            chunk = batch[start:start + BATCH]
            out[start:start + len(chunk)] = self._round_trip(chunk)
        return out

    def pid(self, bus_name: str) -> int | None:
        """The process behind a bus name (the daemon knows it from the socket), to match it to an X window."""
        if bus_name not in self._pids:
            reply = self.call(Call(("org.freedesktop.DBus", "/org/freedesktop/DBus"), "org.freedesktop.DBus",
                                   "GetConnectionUnixProcessID", "s", (bus_name,)))
            self._pids[bus_name] = int(reply[0]) if reply else None
        return self._pids[bus_name]

    def close(self) -> None:
        with self._lock:
            opened, self._opened = self._opened, []
        for conn in opened:
            try:
                conn.close()
            except Exception as exc:  # closing what may already be broken: nothing more to do
                log.debug("closing an accessibility bus connection: %s", exc)
        self._local = threading.local()

    # --- the wire -------------------------------------------------------------------------------

    def _round_trip(self, batch: Sequence[Call]) -> list[Reply]:
        from jeepney import DBusAddress, HeaderFields, MessageType, new_method_call

        out: list[Reply] = [None] * len(batch)
        conn = self._conn()
        if conn is None:
            return out
        now = time.monotonic()
        waiting: dict[int, int] = {}  # serial -> index in batch
        wire: list[bytes] = []
        for i, c in enumerate(batch):
            if self._shunned.get(c.ref[0], 0.0) > now:
                continue
            serial = next(conn.outgoing_serial)
            try:
                wire.append(new_method_call(DBusAddress(c.ref[1], bus_name=c.ref[0], interface=c.interface),
                                            c.method, c.signature, c.args).serialise(serial=serial))
            except Exception as exc:  # a malformed name or path from a confused application
                log.debug("cannot build %s.%s on %s: %s", c.interface, c.method, c.ref, exc)
                continue
            waiting[serial] = i
        try:
            conn.sock.sendall(b"".join(wire))  # one write for the whole batch, not one system call per message
            deadline = now + self.timeout
            while waiting:
                try:
                    msg = conn.receive(timeout=max(0.0, deadline - time.monotonic()))
                except TimeoutError:
                    break
                i = waiting.pop(msg.header.fields.get(HeaderFields.reply_serial, -1), -1)
                if i >= 0 and msg.header.message_type == MessageType.method_return:
                    out[i] = tuple(msg.body)
        except (OSError, ValueError, RuntimeError) as exc:  # the bus went away, or sent what we cannot read
            log.debug("accessibility bus connection lost: %s", exc)
            self._drop()
            return out
        answered = {batch[i].ref[0] for i in range(len(batch)) if out[i] is not None}
        late = {batch[i].ref[0] for i in waiting.values()} - answered
        with self._lock:
            for name in answered:
                self._strikes.pop(name, None)
            for name in late:  # left alone longer each time it hangs again: a hung program costs ever less
                strikes = self._strikes[name] = self._strikes.get(name, 0) + 1
                pause = min(self.shun * 2 ** (strikes - 1), SHUN_MAX)
                self._shunned[name] = time.monotonic() + pause
                log.info("no answer within %.1f s from %s: not asked for %.0f s", self.timeout, name, pause)
        return out

    def _conn(self, timeout: float | None = None) -> Any:
        conn = getattr(self._local, "conn", None)
        if conn is not None:
            return conn
        if getattr(self._local, "failed_at", -1e9) > time.monotonic() - 1.0:
            return None  # it failed a moment ago: do not pay the connect timeout on every call
        try:
            from jeepney.io.blocking import open_dbus_connection

            conn = open_dbus_connection(bus=self.address, auth_timeout=timeout or self.timeout)
        except Exception as exc:
            log.debug("cannot connect to the accessibility bus %s: %s", self.address, exc)
            self._local.failed_at = time.monotonic()
            return None
        conn.sock.settimeout(self.timeout)  # a send to a daemon that stopped reading fails, never blocks for good
        self._local.conn = conn
        with self._lock:
            self._opened.append(conn)
        return conn

    def _drop(self) -> None:
        conn = getattr(self._local, "conn", None)
        self._local.conn = None
        self._local.failed_at = time.monotonic()
        if conn is not None:
            with self._lock:
                if conn in self._opened:
                    self._opened.remove(conn)
            try:
                conn.close()
            except Exception as exc:
                log.debug("closing a lost accessibility bus connection: %s", exc)
