"""python -m foryou.dev.lineemu --port 8081 [--webhook-url URL] ... (no Django needed)."""

from foryou.dev.lineemu.cli import main

main()
