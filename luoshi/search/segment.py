"""Chinese word segmentation for the search index, with jieba loaded lazily once.

Both the indexed text and the query go through the same segmentation, so a two-character
word such as 电梯 is one token on both sides."""

from __future__ import annotations

import logging
import re
import threading

_WORD = re.compile(r"^\w+$")
_lock = threading.Lock()
_jieba = None


def _tokenizer():
    global _jieba
    if _jieba is None:
        with _lock:
            if _jieba is None:
                import jieba
                from django.conf import settings

                cache_dir = settings.LUOSHI_CACHE_DIR
                cache_dir.mkdir(parents=True, exist_ok=True)
                jieba.setLogLevel(logging.WARNING)
                tokenizer = jieba.Tokenizer()
                tokenizer.tmp_dir = str(cache_dir)
                tokenizer.initialize()
                _jieba = tokenizer
    return _jieba


def words(text: str) -> list[str]:
    """The index words of `text`: jieba's search-mode cut (long words and their parts),
    lower-cased, punctuation and spaces dropped."""
    if not text:
        return []
    return [w.lower() for w in _tokenizer().cut_for_search(text) if _WORD.match(w)]


def query_terms(query: str) -> list[list[str]]:
    """The query as terms, each term the alternatives that satisfy it: a word, or all the
    parts jieba's search mode splits it into (养老机构 -> 养老 + 机构)."""
    terms: list[list[str]] = []
    seen = set()
    for word in _tokenizer().lcut(query.strip()[:200]):
        word = word.lower()
        if not _WORD.match(word) or word in seen:
            continue
        seen.add(word)
        parts = [p for p in words(word) if p != word]
        terms.append([word, *parts])
    return terms


def highlight_words(query: str) -> list[str]:
    """Every word that counts as a hit for `query`, longest first (for highlighting)."""
    found = {w for term in query_terms(query) for w in term}
    return sorted(found, key=lambda w: (-len(w), w))
