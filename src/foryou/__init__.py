"""foryou: tell each registered resident which public programs they can use."""

__version__ = "0.1.0"
