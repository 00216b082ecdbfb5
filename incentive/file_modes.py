"""Who may read the files the app and the command line make: the service account alone, except what is made for
others.

The database file and its WAL, a lake's data folders and Parquet files (the roster, with cadres' names), backups,
exports written with `--out` and the temporary files DuckDB spills to all hold the data, as the local copy of a lake
does (incentive/store/lake_copy.py, 0600 in a 0700 folder). Most are made by libraries (DuckDB, DuckLake), with the
mode the process's umask leaves: under a login shell's 0022 the file was -rw-r--r--, readable by every local user.
Both entry points, the server (serve.py) and the command line (incentive.cli.main), therefore set the umask to
PRIVATE_UMASK before they open anything: files made from then on have no group or other permission bits. Files made
before keep theirs (docs/deployment.md says what to chmod).

The one thing made for others is a delivery (`incentive deliver --out DIR`, incentive/sharing/delivery.py), which
the office's share or pick-up program reads through the group: its folder and files get the mode the umask the
process was started with leaves (`shared_mode`; systemd's `UMask=0027` in docs/deployment.md: 0640 files in a 0750
folder). What a user downloads goes through the browser, not the file system. The rule:
docs/decisions.md#files-are-the-service-accounts-alone; docs/security.md, "Files on disk".
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

PRIVATE_UMASK = 0o077  # no permission bits for the group or others
_started_with: int | None = None  # the umask before keep_private set PRIVATE_UMASK


def keep_private() -> None:
    """Set the process's umask to PRIVATE_UMASK, remembering the one it had for shared_mode. A second call keeps
    the first one's record (unless the umask was changed in between: then it records that one)."""
    global _started_with
    previous = os.umask(PRIVATE_UMASK)
    if _started_with is None or previous != PRIVATE_UMASK:
        _started_with = previous


def shared_mode(mode: int) -> int:
    """`mode` (0o666 for a file, 0o777 for a folder) as the umask the process was started with leaves it: the mode
    of a file meant for others. Without keep_private, the current umask's."""
    if _started_with is not None:
        return mode & ~_started_with
    current = os.umask(PRIVATE_UMASK)
    os.umask(current)
    return mode & ~current


def make_shared_folder(path: Path) -> None:
    """`path` made, with the parents it lacks, each with shared_mode(0o777); folders that exist are left as they
    are. OSError as Path.mkdir raises it."""
    missing = [folder for folder in (path, *path.parents) if not folder.exists()]
    path.mkdir(parents=True, exist_ok=True)
    for folder in missing:
        with contextlib.suppress(OSError):  # made by another process meanwhile, say: its mode is its own
            folder.chmod(shared_mode(0o777))
