"""Addresses as staff and postcards read them: the registry's parts (city, ward, town, 番地, 方書) joined
once. Some exports repeat the town (or ward) at the start of the 番地 column, and residents who let the
application page fill in the town often type it again; neither may print "あすみが丘あすみが丘"."""

import re

# A run of at least two characters that are not digits or spaces, written twice in a row.
_DOUBLED = re.compile(r"([^\d０-９\s　\-－ー―‐]{2,})\1")


def join_parts(*parts: str | None) -> str:
    """Join address parts, leaving out what a part repeats of the parts before it:
    ('緑区', 'あすみが丘', 'あすみが丘1丁目2番') → '緑区あすみが丘1丁目2番'."""
    done: list[str] = []
    for part in parts:
        text = (part or "").strip()
        if not text:
            continue
        written = "".join(done)
        if written.endswith(text):
            continue
        for start in range(len(done)):
            tail = "".join(done[start:])
            if text.startswith(tail):
                text = text[len(tail):]
                break
        if text:
            done.append(text)
    return "".join(done)


def registry_address(row: dict, municipality: str = "") -> str:
    """A persons row's address (ward, town, 番地, then 方書 after a full-width space)."""
    place = join_parts(municipality, row.get("ward_name"), row.get("town_name"), row.get("address_number"))
    katagaki = (row.get("katagaki") or "").strip()
    return f"{place}　{katagaki}" if katagaki else place


def undoubled(address: str) -> str:
    """A typed address with a name written twice in a row written once ('あすみが丘あすみが丘1-2' →
    'あすみが丘1-2')."""
    previous = None
    while previous != address:
        previous, address = address, _DOUBLED.sub(r"\1", address)
    return address
