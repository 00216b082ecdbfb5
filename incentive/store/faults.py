"""Named points in a write where the crash tests kill the process (tests/test_crash_safety.py).

`reach(point)` does nothing unless the environment variable INCENTIVE_FAULT names that point; then it writes
`INCENTIVE_FAULT reached: <point>` to stderr and kills its own process with SIGKILL, as a power cut or the OOM
killer would, with no cleanup, no `finally` and no rollback. Only the tests set the variable.

The points, in the order a batch write passes them:
  after_staging   the batch row is written and the file's rows are registered for the insert, in the transaction
  mid_write       the rows are written (or, undoing, the batches marked), older training rows not yet marked superseded
  before_commit   everything written, the transaction not yet committed
  after_commit    committed, before the call returns
and in a refresh of the app's copy of a lake (store/lake_copy.py, tests/test_lake_copy.py):
  copy_before_commit  the copy's rows and the snapshot it records written, the transaction not yet committed
"""

from __future__ import annotations

import os
import signal

VARIABLE = "INCENTIVE_FAULT"
POINTS = ("after_staging", "mid_write", "before_commit", "after_commit")  # a batch write's
COPY_POINTS = ("copy_before_commit",)  # a lake copy's refresh


def reach(point: str) -> None:
    """Die here when INCENTIVE_FAULT=<point>; otherwise return at once."""
    if os.environ.get(VARIABLE) != point:
        return
    os.write(2, f"{VARIABLE} reached: {point}\n".encode())  # unbuffered: nothing is flushed after the kill
    os.kill(os.getpid(), signal.SIGKILL)
