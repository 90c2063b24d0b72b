"""How text and queries become index tokens: overlapping character bigrams for Chinese.

A word segmenter (jieba) cuts the same characters differently in different contexts:
一网通办 alone is 一网通 + 办, but inside 一网通办率 it is 一网通 + 办率, so a query cut on its
own did not find the text. Bigrams do not depend on context. Every run of Han (and
kana/hangul) characters is indexed as its overlapping bigrams, in order, followed by its
last character alone:

    一网通办率 -> 一网 网通 通办 办率 率

and a query word of two or more characters is the phrase of its own bigrams
(一网通办 -> "一网 网通 通办", consecutive), which occurs in the index exactly where the
word occurs in the text. A one-character query word matches the tokens that start with it
(a bigram, or the unigram ending a run), i.e. every occurrence of the character. Other
letters and digits are whole lower-cased words (5G -> 5g, 2021). Text is NFKC-normalised
first, so full-width ２０２１ is 2021.

A query's Han run is still split into words (jieba's dictionary and its cut without the HMM
for unknown words, through rjieba, the Rust port jieba-rs) that must each occur, though not
next to each other: 养老床位 finds 新增养老机构床位 (养老 + 床位). A one-character piece stays
joined to its neighbour (一网通 + 办 -> 一网通办), so that no single character is required
on its own. Whenever the query's text occurs in an entry, every one of its words does, so
the entry is found.

Tokens are joined by spaces; each is either all-Han or all-[a-z0-9…], so SQLite's
unicode61 tokenizer and PostgreSQL's to_tsvector('simple', …) read back exactly the same
tokens, in the same positions (phrases work on both)."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

_HAN = (
    "\u3040-\u30ff"  # kana
    "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"  # CJK ideographs
    "\uac00-\ud7af"  # hangul
    "\U00020000-\U0003134f"
)
_RUN = re.compile(f"([{_HAN}]+)|([^\\W_{_HAN}]+)")
QUERY_CHARS = 200


def cut(run: str) -> list[str]:
    """The dictionary words of a Han run (no HMM guesses: a query is cut the same way
    whatever words the model would have invented around it).

    rjieba, not jieba: the same words for every query tried, at a fraction of the cost of a
    worker's first query in time and memory, and no dictionary cache to write
    (docs/performance.md, "Query words"). Imported here: its dictionary loads with the
    module, so only a process that answers a search pays for it."""
    import rjieba

    return rjieba.cut(run, hmm=False)


def _runs(text: str) -> list[tuple[bool, str]]:
    """(is_han, run) for each run of Han characters or of other letters/digits."""
    text = unicodedata.normalize("NFKC", text).lower()
    return [(bool(m[1]), m[0]) for m in _RUN.finditer(text)]


def _han_tokens(run: str) -> list[str]:
    return [run[i : i + 2] for i in range(len(run) - 1)] + [run[-1]]


def words(text: str) -> list[str]:
    """The index tokens of `text`, in order (bigrams and run-final characters for Han)."""
    if not text:
        return []
    tokens: list[str] = []
    for is_han, run in _runs(text):
        tokens.extend(_han_tokens(run) if is_han else [run])
    return tokens


@dataclass(frozen=True)
class Term:
    """One query word: `text` must occur in an entry. `tokens` in order form a phrase;
    `prefix` (a lone Han character) matches every token starting with it."""

    text: str
    tokens: tuple[str, ...]
    prefix: bool = False


def _han_words(run: str) -> list[str]:
    """The words of a Han run, each one-character piece joined to the word before it (or,
    at the start, after it)."""
    words: list[str] = []
    pending = ""
    for piece in cut(run):
        if len(piece) == 1 and words:
            words[-1] += piece
        elif len(piece) == 1:
            pending += piece
        else:
            words.append(pending + piece)
            pending = ""
    if pending:
        words.append(pending)
    return words


def query_terms(query: str) -> list[Term]:
    """The words of `query` (split at spaces, punctuation and Han/Latin boundaries, Han
    runs by the dictionary), each a term every hit must contain."""
    terms: list[Term] = []
    seen = set()
    for is_han, run in _runs((query or "").strip()[:QUERY_CHARS]):
        for word in _han_words(run) if is_han else [run]:
            if word in seen:
                continue
            seen.add(word)
            if is_han and len(word) == 1:
                terms.append(Term(word, (word,), prefix=True))
            elif is_han:
                terms.append(Term(word, tuple(word[i : i + 2] for i in range(len(word) - 1))))
            else:
                terms.append(Term(word, (word,)))
    return terms


def highlight_words(query: str) -> list[str]:
    """Every word that counts as a hit for `query`, longest first (for highlighting)."""
    found = {term.text for term in query_terms(query)}
    return sorted(found, key=lambda w: (-len(w), w))
