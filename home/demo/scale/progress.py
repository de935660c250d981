"""A tiny progress bar on stderr, silent when asked to be or when stderr is not a terminal."""

import sys
import time


class Progress:
    """``with Progress("members", total) as bar: bar.advance(n)``."""

    width = 30

    def __init__(self, label: str, total: int, *, quiet: bool = False, stream=None):
        self.label = label
        self.total = max(total, 0)
        self.done = 0
        self.stream = stream or sys.stderr
        self.enabled = not quiet and self.total > 0 and self.stream.isatty()
        self.started = time.monotonic()

    def __enter__(self):
        self._draw()
        return self

    def __exit__(self, *exc):
        if self.enabled:
            self._draw()
            self.stream.write("\n")
            self.stream.flush()

    def advance(self, count: int = 1) -> None:
        self.done = min(self.total, self.done + count)
        self._draw()

    def _draw(self) -> None:
        if not self.enabled:
            return
        filled = int(self.width * self.done / self.total) if self.total else self.width
        elapsed = time.monotonic() - self.started
        bar = "#" * filled + "-" * (self.width - filled)
        self.stream.write(f"\r  {self.label:<14} [{bar}] {self.done}/{self.total} {elapsed:5.1f} s")
        self.stream.flush()
