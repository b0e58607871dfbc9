"""One connection to a VNC server, shared by the screen and the input of a backend.

vncdotool's ``api.connect`` runs the Twisted reactor in a daemon thread and gives a synchronous proxy
over it. The proxy keeps one result queue, so calls are serialised here; a call that fails or times out
leaves the proxy's chain broken, so the link is dropped and the next call opens a new one. Every failure
is one line naming the server and the fix -- never a traceback, never a hang: ``DisplayUnavailable`` from
``check()``, and ``ServerLost`` (the running step's failure) when the server goes away during a run.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from typing import Any

from deskpilot.errors import DisplayUnavailable, StepFailed
from deskpilot.platform.vnc.address import VncAddress
from deskpilot.platform.vnc.password import PASSWORD_ENV

log = logging.getLogger(__name__)

CONNECT_TIMEOUT = 5.0  # seconds for the TCP connection, the handshake and the login together
CALL_TIMEOUT = 20.0  # seconds for one call (a full-screen grab over a slow line included)
INPUT_METHODS = frozenset({"sendKeys", "pointerTo"})


class VncLink:
    """A lazily opened, thread-safe connection; ``call`` runs one client method and returns the client."""

    def __init__(self, address: VncAddress, password: Callable[[], str | None]) -> None:
        self.address = address
        self._password = password
        self._lock = threading.RLock()
        self._proxy: Any = None
        self.last_input = 0.0  # monotonic time the last key or pointer event was sent

    def open(self, timeout: float = CONNECT_TIMEOUT) -> None:
        """Connect and log in now, or raise why not (what ``Backend.check`` does).

        An open link is asked for one pixel first: a server that went away since is found out here, and
        the link is opened again, not reported as fine.
        """
        with self._lock:
            if self._proxy is not None:
                self._proxy.timeout = timeout
                try:
                    self._proxy.grabArea(0, 0, 1, 1)
                    self._proxy.timeout = CALL_TIMEOUT
                    return
                except Exception:
                    self._drop()
            self._connected(timeout)

    def call(self, method: str, *args: Any, result: str | None = None) -> Any:
        """Run ``method`` of the RFB client in the reactor thread and wait for it.

        Returns the client, or its attribute ``result`` as the call left it (read before another call runs).

        Called during a run (``check`` has connected before), so a failure is the running step's failure.
        """
        with self._lock:
            try:
                proxy = self._connected(CONNECT_TIMEOUT)
            except DisplayUnavailable as exc:
                raise ServerLost(0, "vnc", str(exc)) from None
            try:
                getattr(proxy, method)(*args)
                if method in INPUT_METHODS:
                    self.last_input = time.monotonic()
            except Exception as exc:
                self._drop()
                raise ServerLost(0, "vnc", f"lost the VNC server {self.address.text} ({_reason(exc)}): is it still "
                                           "running? play again once it is back") from None
            return proxy.protocol if result is None else getattr(proxy.protocol, result)

    def last_update(self) -> float:
        """Monotonic time the server last sent changed pixels (0 before any)."""
        with self._lock:
            client = self._proxy.protocol if self._proxy is not None else None
            return float(getattr(client, "updated_at", 0.0)) if client is not None else 0.0

    def close(self, timeout: float = 2.0) -> None:
        """Hang up, and return once the connection is closed (or after ``timeout``)."""
        with self._lock:
            proxy, self._proxy = self._proxy, None
            if proxy is None or proxy.protocol is None:
                return
            _hang_up(proxy)
            deadline = time.monotonic() + timeout
            while proxy.protocol.lost is None and time.monotonic() < deadline:
                time.sleep(0.01)

    def _connected(self, timeout: float) -> Any:
        if self._proxy is None:
            self._proxy = self._login(timeout)
        return self._proxy

    def _login(self, timeout: float) -> Any:
        from vncdotool import api

        from deskpilot.platform.vnc.client import DeskPilotFactory, quiet_des_warning

        _quiet_twisted()
        quiet_des_warning()
        password = self._password()
        proxy = api.connect(self.address.server, password, DeskPilotFactory, timeout=timeout)
        try:
            proxy.ready()  # returns once connected and logged in; raises the reactor's failure otherwise
        except Exception as exc:
            _forget(proxy)
            raise _refusal(self.address, exc, password is not None) from None
        proxy.timeout = CALL_TIMEOUT
        log.debug("connected to the VNC server %s (%dx%d)", self.address.text,
                  proxy.protocol.width, proxy.protocol.height)
        return proxy

    def _drop(self) -> None:
        proxy, self._proxy = self._proxy, None
        if proxy is not None:
            _forget(proxy)


class ServerLost(StepFailed):
    """The server went away during a run: the running step fails with this line (the player reports it)."""

    def __str__(self) -> str:
        return self.reason


def _refusal(address: VncAddress, exc: Exception, had_password: bool) -> DisplayUnavailable:
    """The one line a person reads when the server cannot be used: what happened and what to do."""
    from vncdotool.client import AuthenticationError, ProtocolError

    where = address.text
    if isinstance(exc, ProtocolError):
        return DisplayUnavailable(f"{address.host} port {address.port} answers, but not as a VNC server "
                                  f"({_reason(exc)}): check the display number or port in --vnc {where}")
    if isinstance(exc, AuthenticationError):
        if not had_password:
            return DisplayUnavailable(f"the VNC server {where} asks for a password and none is set: store it with "
                                      f"'deskpilot secret set-vnc {where}' or set {PASSWORD_ENV}")
        return DisplayUnavailable(f"the VNC server {where} refused the password ({_reason(exc)}): give the right one "
                                  f"with 'deskpilot secret set-vnc {where}' or {PASSWORD_ENV}")
    return DisplayUnavailable(f"cannot reach the VNC server {where} (port {address.port}: {_reason(exc)}): is it "
                              f"running, is the port open? start it there (e.g. x11vnc -rfbport {address.port} "
                              "-forever) or fix the address in --vnc")


def _reason(exc: BaseException) -> str:
    """A short cause, without the Twisted boilerplate ("Connection was refused by other side: 111: ...")."""
    if isinstance(exc, TimeoutError):
        return "no answer in time"
    text = str(exc).strip().rstrip(".") or type(exc).__name__
    for noise in ("Connection was refused by other side: ", "An error occurred while connecting: "):
        text = text.replace(noise, "")
    return text.splitlines()[0][:160]


def _forget(proxy: Any) -> None:
    """Mark the failed chain as handled (no "Unhandled error in Deferred" at exit) and hang up if connected."""
    from twisted.internet import reactor

    reactor.callFromThread(proxy.factory.deferred.addErrback, lambda _failure: None)
    if proxy.protocol is not None:
        _hang_up(proxy)


def _hang_up(proxy: Any) -> None:
    from twisted.internet import reactor

    transport = proxy.protocol.transport
    if transport is not None:
        reactor.callFromThread(transport.loseConnection)


def _quiet_twisted() -> None:
    """vncdotool routes Twisted's log into ``logging``; keep it off the terminal unless logging is set up."""
    twisted_log = logging.getLogger("twisted")
    if not any(isinstance(h, logging.NullHandler) for h in twisted_log.handlers):
        twisted_log.addHandler(logging.NullHandler())
