"""Gives every character of a TrueType font a glyph of its own.

Noto Sans SC draws some characters with one glyph: 月 (U+6708) and the Kangxi radical ⽉ (U+2F49),
– (U+2013) and ‒ (U+2012), 不 and its compatibility twin U+F967. A PDF names one character per
glyph (its ToUnicode map) and PDFBox takes the lowest, so text copied from a PDF, or searched in
it, would read ⽉ for 月. Here each further character gets a glyph of its own that only refers to
the first one's outline (a composite glyph of one component: a few bytes each), so the PDF maps
every glyph back to the character that was written.

Usage: python3 split-shared-glyphs.py FONT.ttf (changed in place)
"""
import sys
from collections import defaultdict

from fontTools.ttLib import TTFont
from fontTools.ttLib.tables._g_l_y_f import Glyph, GlyphComponent


def split(path):
    font = TTFont(path)
    cmap = font.getBestCmap()
    by_glyph = defaultdict(list)
    for code, name in cmap.items():
        by_glyph[name].append(code)
    glyf, hmtx = font["glyf"], font["hmtx"]
    order = list(font.getGlyphOrder())
    remap = {}
    for name, codes in by_glyph.items():
        for code in sorted(codes)[1:]:
            new = "uni%04X" % code if code <= 0xFFFF else "u%05X" % code
            while new in glyf.glyphs or new in remap.values():
                new += ".alt"
            glyph = Glyph()
            glyph.numberOfContours = -1
            component = GlyphComponent()
            component.glyphName = name
            component.x = component.y = 0
            component.flags = 0x0204  # ROUND_XY_TO_GRID | USE_MY_METRICS
            glyph.components = [component]
            glyf.glyphs[new] = glyph
            hmtx.metrics[new] = hmtx.metrics[name]
            order.append(new)
            remap[code] = new
    font.setGlyphOrder(order)
    glyf.glyphOrder = order
    for table in font["cmap"].tables:
        if table.isUnicode():
            for code, new in remap.items():
                if code in table.cmap:
                    table.cmap[code] = new
    font.save(path)
    print("%s: %d characters got a glyph of their own" % (path, len(remap)))


if __name__ == "__main__":
    for arg in sys.argv[1:]:
        split(arg)
