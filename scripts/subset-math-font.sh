#!/usr/bin/env bash
# Regenerates static/fonts/stix-two-math.woff2, the math font of every <math> on the site: STIX Two
# Math 2.11 (SIL Open Font License 1.1, static/fonts/OFL.txt), subset to the characters the chapters'
# prose puts inside <math> (plus what MathML's automatic italics turn them into), with the MATH table
# and the glyph variants it reaches (stretchy brackets, radicals, big operators), as WOFF2.
#
#   scripts/subset-math-font.sh          rewrite the font and its character list
#   scripts/subset-math-font.sh --check  only say whether the committed list still covers the prose
#
# Run it after a prose.html gains a new character inside <math> (tests/e2e/reading.test.mjs fails
# until then). Everything comes from PyPI into a temporary venv, nothing is installed for good: the
# font from the ziamath wheel (which ships the STIX fonts project's own STIXTwoMath-Regular.ttf,
# checked by its SHA-256 below), fontTools (pyftsubset) and brotli for WOFF2.
set -euo pipefail
cd "$(dirname "$0")/.."

FONTTOOLS_VERSION=4.68.0
BROTLI_VERSION=1.2.1
ZIAMATH_VERSION=0.13
FONT_SHA256=8f42cb183a85043a4dc3f8e41ac3821eb27bf178d68ace929ba439523622323c
OUT=static/fonts/stix-two-math.woff2
LIST=static/fonts/stix-two-math.txt

say() { printf '\033[1;34m[math font]\033[0m %s\n' "$*" >&2; }

# The characters: everything inside <math>…</math> in the prose, each single-letter <mi> also in
# its mathematical italic form (MathML Core draws it so), ASCII, the invisible operators, and what
# elements draw without writing it (the radical of <msqrt>).
chars() {
  python3 - "$@" <<'PY'
import glob, html, re, sys
ITALIC_LATIN = {c: 0x1D434 + i for i, c in enumerate("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")}
ITALIC_LATIN["h"] = 0x210E  # the italic h lives in Letterlike Symbols
GREEK_UPPER = "ΑΒΓΔΕΖΗΘΙΚΛΜΝΞΟΠΡϴΣΤΥΦΧΨΩ"
GREEK_LOWER = "αβγδεζηθικλμνξοπρςστυφχψω"
ITALIC_GREEK = {c: 0x1D6E2 + i for i, c in enumerate(GREEK_UPPER)}
ITALIC_GREEK.update({c: 0x1D6FC + i for i, c in enumerate(GREEK_LOWER)})
ITALIC_GREEK.update({"ϵ": 0x1D716, "ϑ": 0x1D717, "ϰ": 0x1D718, "ϕ": 0x1D719, "ϱ": 0x1D71A, "ϖ": 0x1D71B, "∂": 0x1D715, "∇": 0x1D6FB})
ITALIC = {**ITALIC_LATIN, **ITALIC_GREEK}
# ASCII, the no-break space, the invisible operators, the radical <msqrt> draws and the minus sign.
points = set(range(0x20, 0x7F)) | {0xA0, 0x2061, 0x2062, 0x2063, 0x2064, 0x221A, 0x2212}
# Every letter a single-letter <mi> could hold, italic: a new symbol in the prose is then covered.
points |= set(ITALIC.values())
files = sorted(glob.glob("src/chapters/*/prose.html"))
if not files:
    sys.exit("no src/chapters/*/prose.html")
for name in files:
    text = open(name, encoding="utf-8").read()
    for math in re.findall(r"<math\b[^>]*>(.*?)</math>", text, flags=re.S):
        for mi in re.findall(r"<mi>([^<]*)</mi>", math):
            mi = html.unescape(mi).strip()
            if len(mi) == 1 and mi in ITALIC:
                points.add(ITALIC[mi])
        inner = html.unescape(re.sub(r"<[^>]*>", "", math))
        points |= {ord(c) for c in inner if not c.isspace() or c == "\u00a0"}
print("\n".join(f"U+{p:04X}" for p in sorted(points)))
PY
}

if [[ "${1:-}" == "--check" ]]; then
  missing=$(comm -23 <(chars | sort) <(sort "$LIST"))
  if [[ -n "$missing" ]]; then
    say "the prose uses characters the font lacks: $(echo "$missing" | tr '\n' ' ')— run scripts/subset-math-font.sh"
    exit 1
  fi
  say "$LIST covers every character inside <math> in the prose"
  exit 0
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
say "fontTools ${FONTTOOLS_VERSION} and brotli ${BROTLI_VERSION} into a temporary venv"
python3 -m venv "$tmp/venv"
"$tmp/venv/bin/pip" install --quiet --disable-pip-version-check "fonttools==${FONTTOOLS_VERSION}" "brotli==${BROTLI_VERSION}"
say "STIX Two Math from the ziamath ${ZIAMATH_VERSION} wheel"
"$tmp/venv/bin/pip" download --quiet --disable-pip-version-check --no-deps --only-binary=:all: "ziamath==${ZIAMATH_VERSION}" -d "$tmp/wheel"
"$tmp/venv/bin/python" - "$tmp" <<'PY'
import glob, sys, zipfile
tmp = sys.argv[1]
with zipfile.ZipFile(glob.glob(f"{tmp}/wheel/ziamath-*.whl")[0]) as wheel:
    with open(f"{tmp}/STIXTwoMath-Regular.ttf", "wb") as out:
        out.write(wheel.read("ziamath/fonts/STIXTwoMath-Regular.ttf"))
PY
echo "${FONT_SHA256}  $tmp/STIXTwoMath-Regular.ttf" | sha256sum --check --quiet

chars > "$tmp/chars.txt"
mkdir -p "$(dirname "$OUT")"
# All layout features (ssty for primes in scripts, the flattened accents), the MATH table and every
# glyph it reaches; all name records (the copyright and licence stay in the font); no hinting.
"$tmp/venv/bin/pyftsubset" "$tmp/STIXTwoMath-Regular.ttf" \
  --unicodes-file="$tmp/chars.txt" --layout-features='*' --name-IDs='*' --name-languages='*' \
  --no-hinting --desubroutinize --flavor=woff2 --output-file="$OUT"
# The characters the subset maps, as it is: what reading.test.mjs compares the prose with.
"$tmp/venv/bin/python" - "$OUT" > "$LIST" <<'PY'
import sys
from fontTools.ttLib import TTFont
font = TTFont(sys.argv[1])
assert "MATH" in font, "the subset lost its MATH table"
print("\n".join(f"U+{p:04X}" for p in sorted(font.getBestCmap())))
PY
say "$OUT: $(wc -c < "$OUT") bytes, $(wc -l < "$LIST") characters"
