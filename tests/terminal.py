"""Running a command with its standard error on a pseudo-terminal, as a person at a terminal
would see it (progress bars are drawn only there)."""

from __future__ import annotations

import fcntl
import os
import pty
import struct
import subprocess
import termios


def stderr_on_a_terminal(command: list[str], timeout: float = 300) -> tuple[int, str]:
    """The command's exit status and what it drew on a 24×100 terminal (with no size, tqdm has
    no room for a bar). Proxy settings are dropped: the tests talk to loopback only."""
    leader, follower = pty.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 100, 0, 0))
    env = {k: v for k, v in os.environ.items() if "proxy" not in k.lower()}
    with subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=follower,
                          env=env) as process:
        os.close(follower)
        seen = b""
        while True:
            try:
                chunk = os.read(leader, 4096)
            except OSError:  # the terminal closed: the command is done
                break
            if not chunk:
                break
            seen += chunk
        status = process.wait(timeout=timeout)
    os.close(leader)
    return status, seen.decode("utf-8", "replace")
