"""Benchmark: what the tamper-evident audit trail costs -- one fsync'd append, verifying 100 000 entries,
and what that adds to a player step and a data row.

The appends go through the real API (lock, tail read, one write, fsync) into a temp folder on this
machine's disk; the 100 000-entry trail is written by ``seal_entry``, the function ``append`` seals its
lines with, so the chain is identical, then verified with the real ``verify`` (signed checkpoint included).
Checkpoints need a keyring: without one a private gnome-keyring is started for the run. The keys the
bench makes are deleted afterwards.

    python -m bench.audit_bench [--appends N] [--entries N]
"""

from __future__ import annotations

import argparse
import contextlib
import re
import statistics
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROW_SECONDS_FALLBACK = 3.34


@contextlib.contextmanager
def _a_keyring() -> Iterator[str]:
    """The keyring this machine has, or a private gnome-keyring for the run; yields which."""
    import keyring

    try:
        keyring.get_password("deskpilot-audit", "bench-probe")
        yield type(keyring.get_keyring()).__name__
        return
    except Exception as exc:  # no backend, or one that cannot answer: start our own
        print(f"no usable keyring ({type(exc).__name__}): starting a private gnome-keyring", file=sys.stderr)
    from tests.keyring_session import using_secret_service

    with using_secret_service():
        yield "private gnome-keyring"


def _forget_keys(folder: Path) -> None:
    import keyring

    from deskpilot.compliance.audit import KEYRING_SERVICE, folder_key

    for kind in ("checkpoint-key:", "row-key:"):
        with contextlib.suppress(Exception):
            keyring.delete_password(KEYRING_SERVICE, kind + folder_key(folder))


def measure_appends(folder: Path, n: int) -> tuple[list[float], float]:
    """Seconds per append (every CHECKPOINT_EVERY-th one also signs a checkpoint), and one row_fingerprint."""
    from deskpilot.compliance.audit import AuditTrail, row_fingerprint

    trail = AuditTrail(folder)
    samples = []
    for i in range(n):
        t0 = time.perf_counter()
        trail.append("step", recording="/recordings/expense", version="ab" * 32, step=i % 18 + 1,
                     outcome="passed", seconds=0.21)
        samples.append(time.perf_counter() - t0)
    row = {"date": "2026-11-30", "amount": "42.10", "category": "travel", "note": "taxi to the airport"}
    row_fingerprint(row)  # the key from the keyring once per process
    t0 = time.perf_counter()
    for _ in range(1000):
        row_fingerprint(row)
    return samples, (time.perf_counter() - t0) / 1000


def build_trail(folder: Path, n: int) -> float:
    """Write ``n`` entries as ``append`` chains them, in one go; seconds taken."""
    from deskpilot.compliance.audit import AuditTrail, seal_entry
    from deskpilot.compliance.identity import current_actor

    actor = current_actor()
    t0 = time.perf_counter()
    prev: bytes | None = None
    out = []
    for seq in range(1, n + 1):
        entry: dict[str, object] = {"seq": seq, "at": f"2026-12-01T10:{seq // 6000 % 60:02d}:00.000000+00:00",
                                    "user": actor.user, "host": actor.host, "event": "step",
                                    "recording": "/recordings/expense", "version": "ab" * 32,
                                    "step": seq % 18 + 1, "outcome": "passed", "seconds": 0.21}
        prev = seal_entry(entry, prev)
        out.append(prev + b"\n")
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "trail.jsonl").write_bytes(b"".join(out))
    AuditTrail(folder).checkpoint()
    return time.perf_counter() - t0


def row_seconds() -> float:
    """The median s/row of the first data-row scenario in bench/RESULTS.md (3.34 s when absent)."""
    try:
        text = (HERE / "RESULTS.md").read_text(encoding="utf-8")
    except OSError:
        return ROW_SECONDS_FALLBACK
    match = re.search(r"^\| app as is \| \w+ \| \d+ \| ([\d.]+) \|", text, re.MULTILINE)
    return float(match.group(1)) if match else ROW_SECONDS_FALLBACK


def as_the_product_writes(folder: Path, rows: int = 50) -> tuple[float, float]:
    """Median seconds of a data run's start (the recording's manifest, then the entry) and of one row's entry
    (its keyed fingerprint, then the entry), through ``deskpilot.compliance.events`` as the run path calls it.
    A step writes no entry of its own: the trail records runs, rows, secrets, saves, signatures and refusals."""
    import os

    from deskpilot.compliance import events

    example = HERE.parent / "recordings" / "expense-claims"
    before = os.environ.get("DESKPILOT_AUDIT_DIR")
    os.environ["DESKPILOT_AUDIT_DIR"] = str(folder)
    starts, row_times = [], []
    try:
        for n in range(rows):
            t0 = time.perf_counter()
            version = events.run_started(example, "Enter expense claims", data_run="bench", rows=rows)
            starts.append(time.perf_counter() - t0)
            t0 = time.perf_counter()
            events.row_done(example, "Enter expense claims", version, row=n + 1, outcome="passed", data_run="bench",
                            values={"claimant": f"Person {n}", "amount": f"{n}.50"})
            row_times.append(time.perf_counter() - t0)
    finally:
        if before is None:
            os.environ.pop("DESKPILOT_AUDIT_DIR", None)
        else:
            os.environ["DESKPILOT_AUDIT_DIR"] = before
    return statistics.median(starts), statistics.median(row_times)


def run(appends: int = 500, entries: int = 100_000) -> list[str]:
    """The section's markdown lines."""
    from deskpilot.compliance.audit import CHECKPOINT_EVERY, AuditTrail

    start = time.monotonic()
    with _a_keyring() as which, tempfile.TemporaryDirectory(dir=HERE.parent) as tmp:
        small, big = Path(tmp) / "appends", Path(tmp) / "big"
        try:
            samples, fingerprint_s = measure_appends(small, appends)
            run_start_s, row_s = as_the_product_writes(Path(tmp) / "product")
            build_s = build_trail(big, entries)
            t0 = time.perf_counter()
            verdict = AuditTrail(big).verify()
            verify_s = time.perf_counter() - t0
        finally:
            _forget_keys(small)
            _forget_keys(big)
            _forget_keys(Path(tmp) / "product")
    if not verdict.ok or verdict.entries != entries:
        raise RuntimeError(f"the benchmark trail does not verify: {verdict}")
    med = statistics.median(samples)
    p90 = statistics.quantiles(samples, n=10)[-1]
    checkpointed = [s for i, s in enumerate(samples, start=1) if i % CHECKPOINT_EVERY == 0]
    per_row_s = row_seconds()
    row_ms = row_s * 1000
    lines = [
        "## Audit trail: what the tamper-evident record costs", "",
        (f"Temp folder on the repository's disk, keyring: {which}. Appends through the real API (flock, tail read, "
        f"one write, fsync), {appends} of them; a signed checkpoint every {CHECKPOINT_EVERY}."), "",
        "| measure | value |", "| --- | ---: |",
        f"| append, median (with fsync) | {med * 1e6:.0f} µs |",
        f"| append, p90 | {p90 * 1e6:.0f} µs |",
        f"| append that also signs a checkpoint, median of {len(checkpointed)} | "
        f"{statistics.median(checkpointed) * 1e6:.0f} µs |" if checkpointed else "| checkpointed append | – |",
        f"| row_fingerprint (HMAC-SHA256, key cached) | {fingerprint_s * 1e6:.1f} µs |",
        f"| build {entries:,} entries with seal_entry (+ one checkpoint) | {build_s:.2f} s |",
        (f"| verify {entries:,} entries (chain + checkpoint signature) | {verify_s:.2f} s "
        f"({verify_s / entries * 1e6:.1f} µs/entry) |"),
        "",
        (f"As the run path writes it (`deskpilot.compliance.events`, the expense example): per step nothing (the "
         f"trail records runs, rows, secrets, saves, signatures and refusals, not steps); per data row one entry with "
         f"the row's keyed fingerprint, {row_ms:.2f} ms median, {row_ms / (per_row_s * 1000):.3%} of the measured "
         f"median {per_row_s:.2f} s/row; per run its start (the recording's manifest, then the entry), "
         f"{run_start_s * 1000:.2f} ms, and its end, one entry."), "",
        f"This section took {time.monotonic() - start:.0f} s.", "",
    ]
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--appends", type=int, default=500)
    parser.add_argument("--entries", type=int, default=100_000)
    args = parser.parse_args(argv)
    print("\n".join(run(args.appends, args.entries)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
