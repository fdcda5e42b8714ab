"""Glyphs of the postcard fonts for stamping text straight into a PDF, and the fonts embedded once per batch.

What HarfBuzz does for the postcard's per-card text is little: one glyph per cell, found through the cmap
(or the exact ideographic variation sequence in the cmap's format-14 table), swapped for its vertical form
by the OpenType 'vert' feature in vertical columns. So a card is drawn with glyph ids and advances read
here; each font is embedded once for the batch as a CID font (Identity-H, CID = glyph id) subset to the
glyphs the batch used, with a ToUnicode map so that the text can be searched and extracted.
"""

import io
import logging
import unicodedata
import zlib
from dataclasses import dataclass, field
from functools import cache

from .fonts import FONTS, font_path, is_selector


@dataclass
class Face:
    """One font file: how to find a glyph, how wide it is, and which glyphs this batch used."""
    key: str  # 'mincho', 'mj', 'gothic', 'gothic-bold'
    filename: str
    units: int
    cmap: dict[int, int]  # code point → glyph id
    sequences: dict[tuple[int, int], int]  # (base, selector) → glyph id
    vertical: dict[int, int]  # glyph id → its vertical form ('vert')
    advances: list[int]  # glyph id → advance width in font units
    used: dict[int, str] = field(default_factory=dict)  # glyph id → the text it draws (for ToUnicode)
    found: dict[tuple[str, bool], int] = field(default_factory=dict)

    def glyph(self, cluster: str, *, upright: bool = False) -> int:
        """The glyph that draws a grapheme (a character, perhaps with a variation selector); 0 if none."""
        gid = self.found.get((cluster, upright))
        if gid is None:
            gid = self.found[(cluster, upright)] = self._look_up(cluster, upright)
        return gid

    def _look_up(self, cluster: str, upright: bool) -> int:
        cluster = unicodedata.normalize("NFC", cluster) if any(c in "\u3099\u309a" for c in cluster) else cluster
        base = ord(cluster[0])
        selectors = [ord(c) for c in cluster[1:] if is_selector(c)]
        gid = self.sequences.get((base, selectors[0])) if selectors else None
        if gid is None:
            gid = self.cmap.get(base, 0)
        if upright:
            gid = self.vertical.get(gid, gid)
        self.used.setdefault(gid, cluster)
        return gid

    def advance(self, gid: int) -> float:
        """Advance width in ems."""
        return self.advances[gid] / self.units


@cache
def _read(key: str, filename: str) -> tuple:
    from fontTools.ttLib import TTFont

    with TTFont(font_path(filename), lazy=True) as tt:
        order = {name: i for i, name in enumerate(tt.getGlyphOrder())}
        cmap_table = tt["cmap"]
        cmap = {code: order[name] for code, name in cmap_table.getBestCmap().items()}
        sequences = {}
        for table in cmap_table.tables:
            if table.format == 14:
                for selector, pairs in table.uvsDict.items():
                    for base, name in pairs:
                        gid = cmap.get(base) if name is None else order[name]
                        if gid is not None:
                            sequences[(base, selector)] = gid
        vertical = {}
        if "GSUB" in tt:
            gsub = tt["GSUB"].table
            wanted = {i for record in gsub.FeatureList.FeatureRecord if record.FeatureTag == "vert"
                      for i in record.Feature.LookupListIndex}
            for index in sorted(wanted):
                lookup = gsub.LookupList.Lookup[index]
                for sub in lookup.SubTable:
                    sub = getattr(sub, "ExtSubTable", sub)
                    for source, target in getattr(sub, "mapping", {}).items():
                        vertical.setdefault(order[source], order[target])
        hmtx = tt["hmtx"].metrics
        advances = [hmtx[name][0] for name in tt.getGlyphOrder()]
        return tt["head"].unitsPerEm, cmap, sequences, vertical, advances


def face(key: str) -> Face:
    """A fresh Face (its own record of used glyphs) for one batch."""
    filename = FACE_FILES[key]
    units, cmap, sequences, vertical, advances = _read(key, filename)
    return Face(key, filename, units, cmap, sequences, vertical, advances)


def _file_of(key: str, weight: int) -> str:
    return next(f.filename for f in FONTS if f.key == key and f.weight == weight)


FACE_FILES = {"mincho": _file_of("mincho", 400), "mj": _file_of("mj", 400), "gothic": _file_of("gothic", 400),
              "gothic-bold": _file_of("gothic", 700)}


def _tag(face: Face) -> str:
    """The six capital letters that name a subset (PDF 9.6.4), from the glyphs it holds."""
    digest = zlib.crc32(",".join(map(str, sorted(face.used))).encode() + face.key.encode())
    return "".join(chr(65 + (digest >> (5 * i)) % 26) for i in range(6))


def _to_unicode(face: Face) -> bytes:
    lines = [b"/CIDInit /ProcSet findresource begin", b"12 dict begin", b"begincmap",
             b"/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def",
             b"/CMapName /Adobe-Identity-UCS def", b"/CMapType 2 def",
             b"1 begincodespacerange", b"<0000> <FFFF>", b"endcodespacerange"]
    items = sorted(face.used.items())
    for start in range(0, len(items), 100):
        chunk = items[start:start + 100]
        lines.append(b"%d beginbfchar" % len(chunk))
        for gid, text in chunk:
            lines.append(b"<%04X> <%s>" % (gid, text.encode("utf-16-be").hex().upper().encode()))
        lines.append(b"endbfchar")
    lines += [b"endcmap", b"CMapName currentdict /CMap defineresource pop", b"end", b"end"]
    return b"\n".join(lines)


def embed(face: Face, writer) -> int:
    """Write the font, subset to the glyphs used, as a Type0/CIDFontType2 font; its object number."""
    from fontTools import subset
    from fontTools.ttLib import TTFont

    # fontTools reports every table it prunes at INFO, and the console logs INFO: a page of lines per batch.
    logging.getLogger("fontTools.subset").setLevel(logging.WARNING)
    font = TTFont(font_path(face.filename))
    options = subset.Options()
    options.retain_gids = True  # the content streams name glyphs by their ids in the whole font
    options.notdef_outline = True
    options.layout_features = []
    options.name_IDs = ["*"]
    options.drop_tables += ["GSUB", "GPOS", "GDEF", "vhea", "vmtx", "VORG", "BASE", "JSTF", "DSIG"]
    subsetter = subset.Subsetter(options)
    subsetter.populate(gids=sorted(set(face.used) | {0}))
    subsetter.subset(font)
    data = io.BytesIO()
    font.save(data)
    units = face.units
    scale = 1000 / units
    head, os2, post = font["head"], font["OS/2"], font["post"]
    name = f"{_tag(face)}+{font['name'].getDebugName(6) or face.key}".replace(" ", "")
    font_file = writer.add_stream(data.getvalue(), b"/Length1 %d" % len(data.getvalue()))
    descriptor = writer.add(
        b"<< /Type /FontDescriptor /FontName /%s /Flags 4 /FontBBox [%d %d %d %d] /ItalicAngle %d /Ascent %d "
        b"/Descent %d /CapHeight %d /StemV 80 /FontFile2 %d 0 R >>" % (
            name.encode(), head.xMin * scale, head.yMin * scale, head.xMax * scale, head.yMax * scale,
            post.italicAngle, os2.sTypoAscender * scale, os2.sTypoDescender * scale,
            getattr(os2, "sCapHeight", os2.sTypoAscender) * scale, font_file))
    widths = b" ".join(b"%d [%d]" % (gid, round(face.advances[gid] * scale)) for gid in sorted(face.used))
    cid_font = writer.add(
        b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /%s /CIDSystemInfo << /Registry (Adobe) "
        b"/Ordering (Identity) /Supplement 0 >> /FontDescriptor %d 0 R /W [%s] /CIDToGIDMap /Identity >>"
        % (name.encode(), descriptor, widths))
    to_unicode = writer.add_stream(_to_unicode(face))
    return writer.add(b"<< /Type /Font /Subtype /Type0 /BaseFont /%s /Encoding /Identity-H "
                      b"/DescendantFonts [%d 0 R] /ToUnicode %d 0 R >>" % (name.encode(), cid_font, to_unicode))
