"""Loading a full export into a new analysis snapshot. See residents/services.py for the entry point."""
