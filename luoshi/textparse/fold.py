"""One fold of Chinese punctuation, for matching only.

Real office documents type full-width punctuation (，；：（）％－), our seed happens to be
ASCII, and a reader or rule that matches one misses the other. Every reader and rule folds
the text it *matches* through `fold()` once, at its boundary, and keeps the original text
for storage and display.

The fold maps one character to one character, so an offset in the folded text is the same
offset in the original: a match found in `fold(s)` is cut out of `s` unchanged. NFKC is not
used for that reason (it turns ㎡ into two characters and ① into a digit).

What folds: the full-width ASCII block (U+FF01-U+FF5E: ，；：（）％＋－．０-９Ａ-Ｚ…), the
ideographic and no-break spaces, the dashes a range is written with (1—6月, 1–9月, 1－11月),
the wave dashes (6%～6.5%), curly quotes and the corner brackets some sites use for (一).
What does not: 、 (a list mark with no ASCII twin), 《》, 。 (the sentence end: readers that
split sentences look for it as it is).
"""

from __future__ import annotations

import re

_TABLE: dict[int, str] = {cp: chr(cp - 0xFEE0) for cp in range(0xFF01, 0xFF5F)}
_TABLE.update(
    {
        0x3000: " ",  # ideographic space
        0x00A0: " ",  # no-break space
        0x2002: " ",
        0x2003: " ",
        0x2009: " ",
        0x2010: "-",  # hyphen
        0x2011: "-",  # non-breaking hyphen
        0x2012: "-",  # figure dash
        0x2013: "-",  # en dash
        0x2014: "-",  # em dash
        0x2015: "-",  # horizontal bar
        0x2212: "-",  # minus sign
        0x301C: "~",  # wave dash
        0x2018: "'",
        0x2019: "'",
        0x201C: '"',
        0x201D: '"',
        0x3014: "(",  # 〔
        0x3015: ")",  # 〕
        0xFE59: "(",  # small parentheses
        0xFE5A: ")",
    }
)


# One scan in C tells whether there is anything to fold: translate() looks every character
# up in the table, and most texts (and most short phrases folded) have nothing to fold.
_ANY = re.compile("[" + "".join(re.escape(chr(cp)) for cp in sorted(_TABLE)) + "]")


def fold(text: str) -> str:
    """`text` with full-width punctuation, digits and letters as ASCII, same length."""
    return text.translate(_TABLE) if _ANY.search(text) else text
