"""Progress for long commands: a bar on a terminal, plain lines (every 10%) in logs and pipes.

    with Progress("persons.csv", total=n, stream=sys.stderr) as bar:
        for chunk in chunks:
            bar.advance(len(chunk))
"""

import sys
import time
from typing import TextIO


class Progress:
    WIDTH = 30

    def __init__(self, label: str, total: int | None = None, stream: TextIO | None = None, unit: str = ""):
        self.label = label
        self.total = total
        self.unit = unit
        self.stream = stream if stream is not None else sys.stderr
        self.done = 0
        self.started = time.monotonic()
        self._tty = bool(getattr(self.stream, "isatty", lambda: False)())
        self._last_draw = 0.0
        self._last_decile = -1

    def __enter__(self):
        return self

    def __exit__(self, exc_type, exc, tb):
        if exc_type is None:
            self.finish()
        elif self._tty:
            self.stream.write("\n")
            self.stream.flush()

    def advance(self, amount: int = 1) -> None:
        self.done += amount
        self._draw()

    def update(self, done: int) -> None:
        self.done = done
        self._draw()

    def finish(self, summary: str = "") -> None:
        elapsed = time.monotonic() - self.started
        text = summary or f"{self.done:,}{self.unit}"
        line = f"{self.label}: {text} ({elapsed:.1f} s)"
        if self._tty:
            self.stream.write("\r\x1b[2K" + line + "\n")
        else:
            self.stream.write(line + "\n")
        self.stream.flush()

    def _draw(self) -> None:
        if self._tty:
            now = time.monotonic()
            if now - self._last_draw < 0.1:
                return
            self._last_draw = now
            if self.total:
                share = min(self.done / self.total, 1.0)
                filled = int(share * self.WIDTH)
                bar = "█" * filled + "░" * (self.WIDTH - filled)
                text = f"\r{self.label} {bar} {share:6.1%} {self.done:,}/{self.total:,}{self.unit}"
            else:
                text = f"\r{self.label} {self.done:,}{self.unit}"
            self.stream.write(text)
            self.stream.flush()
        elif self.total:
            decile = int(10 * min(self.done / self.total, 1.0))
            if decile > self._last_decile and decile < 10:
                self._last_decile = decile
                self.stream.write(f"{self.label}: {decile * 10}% ({self.done:,}/{self.total:,}{self.unit})\n")
                self.stream.flush()


def step(message: str, stream: TextIO | None = None) -> None:
    """One plain line for a stage of a long command."""
    out = stream if stream is not None else sys.stderr
    out.write(message + "\n")
    out.flush()
