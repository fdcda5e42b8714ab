"""Postcards (はがき, 転送不要) that carry a resident's registration number (登録番号).

    from foryou.enrollment.postcards import Postcard, Sender, render_batch, write_batch

render_batch()/write_batch() make a batch one PDF: for each card the address side (Japan Post's はがき
layout, vertical writing) and the message side. WeasyPrint lays the card out once (layer.py); each card's
own fields are stamped on that layer (stamp.py), and the PDF streams to disk. Fonts come from Debian's packages
fonts-morisawa-bizud-gothic, fonts-morisawa-bizud-mincho and fonts-ipamj-mincho.
"""

from .cards import Postcard, Sender, grouped_number, postal_digits
from .fonts import FontMissing, check_fonts
from .stamp import render_batch, stream_batch, write_batch

__all__ = ["FontMissing", "Postcard", "Sender", "check_fonts", "grouped_number", "postal_digits", "render_batch",
           "stream_batch", "write_batch"]
