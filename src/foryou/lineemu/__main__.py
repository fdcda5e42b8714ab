"""python -m foryou.lineemu --port 8081 [--webhook-url URL] ... (no Django needed)."""

from foryou.lineemu.cli import main

main()
