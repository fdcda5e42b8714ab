"""The fonts a postcard embeds, found on disk at run time, and which of them can draw a character.

BIZ UD (Morisawa) sets ordinary text; IPAmj明朝 (the 文字情報基盤 font municipalities use for names)
draws what BIZ UD lacks: rare kanji such as 𠮷, and the Moji_Joho ideographic variation sequences.
The two fonts register different IVS collections (BIZ UD: Adobe-Japan1, e.g. 葛+E0100; IPAmj:
Moji_Joho, e.g. 葛+E0102), so a character is drawn by the first font whose cmap has the exact sequence.
"""

import os
from dataclasses import dataclass
from functools import cache
from pathlib import Path


@dataclass(frozen=True)
class FontFile:
    key: str  # how the code and the CSS classes (f-KEY) name it
    family: str  # the CSS family, also the name the PDF shows
    weight: int
    filename: str
    package: str  # the Debian package that ships it


FONTS = (
    FontFile("gothic", "BIZ UDGothic", 400, "BIZUDGothic-Regular.ttf", "fonts-morisawa-bizud-gothic"),
    FontFile("gothic", "BIZ UDGothic", 700, "BIZUDGothic-Bold.ttf", "fonts-morisawa-bizud-gothic"),
    FontFile("pgothic", "BIZ UDPGothic", 400, "BIZUDPGothic-Regular.ttf", "fonts-morisawa-bizud-gothic"),
    FontFile("pgothic", "BIZ UDPGothic", 700, "BIZUDPGothic-Bold.ttf", "fonts-morisawa-bizud-gothic"),
    FontFile("mincho", "BIZ UDMincho", 400, "BIZUDMincho-Regular.ttf", "fonts-morisawa-bizud-mincho"),
    FontFile("mj", "IPAmjMincho", 400, "ipamjm.ttf", "fonts-ipamj-mincho"),
)

# Fonts that draw names and addresses, in order of preference.
MINCHO_STACK = ("mincho", "mj")


def _search_dirs() -> list[Path]:
    extra = [Path(p) for p in os.environ.get("FORYOU_FONT_DIRS", "").split(os.pathsep) if p]
    home = Path.home()
    usual = [Path("/usr/share/fonts"), Path("/usr/local/share/fonts"), home / ".local/share/fonts", home / ".fonts"]
    return extra + usual


class FontMissing(RuntimeError):
    """A font the postcards need is not installed."""


@cache
def font_path(filename: str) -> Path:
    dirs = _search_dirs()
    for directory in dirs:
        if directory.is_dir():
            for found in sorted(directory.rglob(filename)):
                if found.is_file():
                    return found
    package = next(f.package for f in FONTS if f.filename == filename)
    searched = ", ".join(str(d) for d in dirs)
    raise FontMissing(
        f"The postcard font {filename} was not found (searched {searched}). "
        f"Install the Debian package {package}: apt-get install -y {package} "
        f"(or set FORYOU_FONT_DIRS to a folder that holds it)."
    )


def check_fonts() -> None:
    """Raise FontMissing naming every missing package at once."""
    missing = []
    for font in FONTS:
        try:
            font_path(font.filename)
        except FontMissing:
            missing.append(font.package)
    if missing:
        packages = " ".join(sorted(set(missing)))
        raise FontMissing(f"Postcard fonts are missing: apt-get install -y {packages}")


def font_face_css() -> str:
    """@font-face rules for every postcard font, and a class f-KEY per font (with IPAmj明朝 behind it)."""
    check_fonts()
    rules = []
    for font in FONTS:
        uri = font_path(font.filename).as_uri()
        rules.append(f'@font-face {{ font-family: "{font.family}"; src: url("{uri}"); font-weight: {font.weight}; }}')
    families = {font.key: font.family for font in FONTS}
    for key, family in families.items():
        behind = families["mincho" if key == "mj" else "mj"]
        rules.append(f'.f-{key} {{ font-family: "{family}", "{behind}"; }}')
    return "\n".join(rules)


@dataclass(frozen=True)
class Coverage:
    chars: frozenset[int]
    sequences: frozenset[tuple[int, int]]  # (base, selector) pairs the font maps

    def covers(self, cluster: str) -> bool:
        base = ord(cluster[0])
        selectors = [ord(c) for c in cluster[1:] if is_selector(c)]
        if base not in self.chars:
            return False
        return all((base, vs) in self.sequences for vs in selectors)


@cache
def coverage(key: str) -> Coverage:
    from fontTools.ttLib import TTFont  # comes with WeasyPrint

    font = next(f for f in FONTS if f.key == key)
    with TTFont(font_path(font.filename), lazy=True) as tt:
        cmap = tt["cmap"]
        chars = frozenset(cmap.getBestCmap())
        sequences = set()
        for table in cmap.tables:
            if table.format == 14:
                for selector, pairs in table.uvsDict.items():
                    sequences.update((base, selector) for base, _ in pairs)
    return Coverage(chars, frozenset(sequences))


def is_selector(ch: str) -> bool:
    code = ord(ch)
    return 0xFE00 <= code <= 0xFE0F or 0xE0100 <= code <= 0xE01EF


@cache
def font_for(cluster: str, stack: tuple[str, ...]) -> str:
    """The key of the first font of the stack that draws the exact sequence, else the base character."""
    for candidate in (cluster, cluster[0]):
        for key in stack:
            if coverage(key).covers(candidate):
                return key
    return stack[0]
