"""Real storage faults for the tests, without privileges: a shell script run in a mount namespace of its own
(`unshare --map-root-user --mount`), where it may mount a size-limited tmpfs (a disk that fills up) or remount a
folder or a file read-only (EROFS, which even root cannot write through). Nothing outside the child changes: its
mounts vanish with it. Used by tests/test_storage_faults.py (issue 25)."""

from __future__ import annotations

import shlex
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def unavailable() -> str | None:
    """Why confined runs cannot work here (no unshare, user namespaces switched off), or None."""
    if shutil.which("unshare") is None:
        return "unshare(1) not found (util-linux)"
    probe = subprocess.run(
        ["unshare", "--map-root-user", "--mount", "sh", "-c", "mount -t tmpfs -o size=1m tmpfs /mnt || exit 3"],
        capture_output=True,
        text=True,
    )
    if probe.returncode != 0:
        return f"mount namespaces unavailable: {probe.stderr.strip()}"
    return None


def run(script: str, *, timeout: float = 300) -> subprocess.CompletedProcess:
    """Run `script` (sh, `set -e` off so a failing step is reported by its own exit code) confined; its output as
    text."""
    return subprocess.run(
        ["unshare", "--map-root-user", "--mount", "sh", "-c", script],
        capture_output=True,
        text=True,
        timeout=timeout,
        cwd=ROOT,
    )


def cli(*args: object) -> str:
    """The command line of `incentive …` in this test's Python, quoted for sh."""
    return shlex.join([sys.executable, "-m", "incentive", *map(str, args)])


def full_disk(folder: Path, megabytes: int) -> str:
    """sh lines: a tmpfs of `megabytes` over `folder` (empty, mounted over whatever it held)."""
    return f"mount -t tmpfs -o size={megabytes}m tmpfs {shlex.quote(str(folder))} || exit 90\n"


def fill(folder: Path) -> str:
    """sh lines: fill the file system of `folder` to the last byte (big blocks, then single bytes)."""
    filler = shlex.quote(str(folder / "filler"))
    return (
        f"dd if=/dev/zero of={filler} bs=64k 2>/dev/null; "
        f"dd if=/dev/zero of={filler} bs=4k oflag=append conv=notrunc 2>/dev/null; "
        f"dd if=/dev/zero of={filler} bs=1 oflag=append conv=notrunc 2>/dev/null; true\n"
    )


def read_only(path: Path) -> str:
    """sh lines: `path` (a folder or a file) read-only in the namespace, as an administrator's remount would."""
    quoted = shlex.quote(str(path))
    return f"mount --bind {quoted} {quoted} && mount -o remount,bind,ro {quoted} || exit 91\n"


def writable_view(source: Path, view: Path, file_name: str) -> str:
    """sh lines: `view` shows `source` read-only, except its file `file_name`, which stays writable: a database
    folder made read-only while the file itself may still be written (the WAL beside it may not be created)."""
    src, dst = shlex.quote(str(source)), shlex.quote(str(view))
    inner_src, inner_dst = shlex.quote(str(source / file_name)), shlex.quote(str(view / file_name))
    return (
        f"mount --bind {src} {dst} && mount -o remount,bind,ro {dst} && mount --bind {inner_src} {inner_dst} "
        "|| exit 92\n"
    )
