"""External programs (LibreOffice, pdftoppm, Tesseract) run with a time limit (docs/adr/0017).

Each runs in a session of its own, so that on timeout the whole process group is killed: LibreOffice's
`soffice` is a shell script that starts `oosplash`, which starts `soffice.bin`, and killing only the
first would leave the others running. Should our own process die first (a web worker killed at its own
time limit), coreutils' `timeout` still kills the group a little later. A program gets a short
environment (no secrets of the web process) with HOME in the caller's temporary folder, so nothing is
written to the service user's home.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
from collections.abc import Sequence
from pathlib import Path

# What a program may inherit from the environment: where programs are, and Tesseract's data.
_INHERITED = ("PATH", "TESSDATA_PREFIX")
# After the group is killed, how long to wait for its output pipes to close.
_DRAIN_S = 5
# How long after our own limit `timeout` kills a group that outlived us.
_ORPHAN_GRACE_S = 2


def run_bounded(
    command: Sequence[str], *, timeout_s: float, home: Path, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[bytes]:
    """Run `command` in `home` (also its HOME and TMPDIR) and return its exit code and output.

    Raises subprocess.TimeoutExpired once `timeout_s` has passed, after killing the process and
    everything it started; OSError when the program cannot be started.
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as home:
    ...     run_bounded(["echo", "xin chào"], timeout_s=5, home=Path(home)).stdout.decode()
    'xin chào\\n'
    """
    environment = {name: os.environ[name] for name in _INHERITED if name in os.environ}
    environment |= {"HOME": str(home), "TMPDIR": str(home), "LANG": "C.UTF-8", **(env or {})}
    guard = shutil.which("timeout")
    if guard:  # it signals its whole process group, which is the session we start
        command = [guard, "--signal=KILL", f"{timeout_s + _ORPHAN_GRACE_S:g}", *command]
    with subprocess.Popen(
        list(command),
        cwd=home,
        env=environment,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,
    ) as process:
        try:
            stdout, stderr = process.communicate(timeout=timeout_s)
        except BaseException:  # the time limit, or the caller interrupted (Ctrl-C, a worker stopping)
            # Killed before the leader is reaped, so its pid, the group's id, cannot have been reused.
            _kill_group(process.pid)
            # A descendant that left the group may still hold the pipes: wait for them a little only.
            with contextlib.suppress(subprocess.TimeoutExpired):
                process.communicate(timeout=_DRAIN_S)
            raise
    return subprocess.CompletedProcess(command, process.returncode, stdout, stderr)


def _kill_group(pgid: int) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):  # the group is gone already
        os.killpg(pgid, signal.SIGKILL)
