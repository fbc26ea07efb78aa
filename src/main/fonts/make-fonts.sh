#!/usr/bin/env bash
# Makes the two fonts Regulars ships, src/main/resources/app/regulars/fonts/NotoSansSC-{Regular,Bold}.ttf,
# from Google Fonts' Noto Sans SC 2.004 (SIL Open Font License 1.1; TrueType outlines, which PDFBox
# can embed as a subset) as the npm package @expo-google-fonts/noto-sans-sc 0.4.3 carries it.
# Needs npm and fontTools (Debian: apt-get install fonttools; PYTHON names a python3 that can import
# fontTools, /usr/bin/python3 by default). Run from anywhere; the result is committed, so the build
# never runs this.
#
# Kept (both weights alike): every character of these ranges that the font has:
#   Latin (ASCII, Latin-1, Latin Extended-A/B and Additional, IPA's ɑ ɡ), spacing modifiers and
#   combining marks (pinyin tones), Greek, Cyrillic, punctuation (— … ⸺), super- and subscripts,
#   currency, letterlike (№ ℃), number forms (Ⅻ ½), arrows, maths, enclosed alphanumerics (①),
#   box drawing, shapes and symbols (● ★ ✓), CJK radicals and ideographic description characters,
#   CJK symbols and punctuation, kana, bopomofo, enclosed CJK and CJK units (㈠ ㎡), Latin ligatures,
#   all 20,976 CJK Unified Ideographs (U+4E00-9FFF: all of GB2312, GBK and Big5, and the name
#   characters outside GB2312 such as 喆 堃 珺 赟 祎 旻), CJK compatibility ideographs, vertical,
#   small and half-/full-width forms, and the ideographs beyond U+FFFF the font has (445).
# Left out: CJK Extension A (U+3400-4DBF, 6,582 rare characters), Hangul letters (94), enclosed
# letters and ideographs beyond U+FFFF (🅰 🈶, 225) and the vertical metrics tables (vhea, vmtx,
# VORG: Regulars never sets text vertically). That takes each file from 10.6 MB to 7.7 MB.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
out="$(cd "$(dirname "$0")/../resources/app/regulars/fonts" && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$work"
npm pack --silent @expo-google-fonts/noto-sans-sc@0.4.3 >/dev/null
tar xzf expo-google-fonts-noto-sans-sc-0.4.3.tgz
sha256sum -c - <<'SUMS'
d45f67f0a7c0ca3f256950777ce6a61cc7ce5f9696d02900cbbaac25f8aa7d16  package/400Regular/NotoSansSC_400Regular.ttf
9a38ae0ab28cd5a256f9ea8e00dedc688aac17f7915fcb000572990afa956b96  package/700Bold/NotoSansSC_700Bold.ttf
SUMS
ranges="U+0020-007E,U+00A0-04FF,U+1E00-1EFF,U+2000-23FF,U+2460-2BFF,U+2E00-2FFF,U+3000-312F,U+3190-31FF,\
U+3200-33FF,U+4E00-9FFF,U+F900-FAFF,U+FB00-FB06,U+FE10-FE1F,U+FE30-FE6F,U+FF00-FFEF,U+FFFD,U+20000-3FFFF"
for face in 400Regular:Regular 700Bold:Bold; do
  pyftsubset "package/${face%%:*}/NotoSansSC_${face%%:*}.ttf" --unicodes="$ranges" \
    --drop-tables+=vhea,vmtx,VORG --name-IDs='*' --name-languages='*' --notdef-outline \
    --output-file="$out/NotoSansSC-${face##*:}.ttf"
  "${PYTHON:-/usr/bin/python3}" "$here/split-shared-glyphs.py" "$out/NotoSansSC-${face##*:}.ttf"
done
cp package/LICENSE_FONT "$out/OFL.txt"
ls -l "$out"
