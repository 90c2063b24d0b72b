"""Compressed responses: brotli or gzip for HTML, JSON and CSV, as the reader accepts.

Django's responses go through CompressResponses (a middleware). The cached report page
(luoshi.pagecache.wsgi) holds a click figure that changes on every view, so it cannot be
compressed once as a whole: GzippedPage compresses the HTML either side of the figure once
per render, and a hit only frames the few bytes of the figure (a stored deflate block)
and the checksum (CRC-32 combined from the two halves' with a precomputed table), so a hit
costs microseconds, not a compression of the page. Brotli cannot be spliced that way; a
reader who accepts both gets the cached page as gzip."""

from __future__ import annotations

import gzip
import struct
import zlib

import brotli
from django.utils.cache import patch_vary_headers

COMPRESSIBLE = ("text/html", "application/json", "text/csv", "text/plain")
MIN_LENGTH = 200
BROTLI_QUALITY = 5  # per response: fast, and already well below gzip's size
GZIP_LEVEL = 6


def accepted(header: str) -> set[str]:
    """The codings an Accept-Encoding header accepts (a q=0 refuses one)."""
    codings = set()
    for part in header.lower().split(","):
        name, _, params = part.strip().partition(";")
        if params.replace(" ", "") in ("q=0", "q=0.0", "q=0.00", "q=0.000"):
            continue
        if name:
            codings.add(name.strip())
    return codings


def choose(header: str, offer=("br", "gzip")) -> str | None:
    if not header:
        return None
    codings = accepted(header)
    return next((c for c in offer if c in codings or "*" in codings), None)


def compress(data: bytes, coding: str) -> bytes:
    if coding == "br":
        return brotli.compress(data, quality=BROTLI_QUALITY)
    return gzip.compress(data, compresslevel=GZIP_LEVEL, mtime=0)


class CompressResponses:
    """Brotli or gzip for Django's HTML, JSON and CSV responses; `Vary: Accept-Encoding`
    on each (a cache keeps one copy per coding)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        content_type = response.get("Content-Type", "").split(";")[0].strip()
        if content_type not in COMPRESSIBLE:
            return response
        patch_vary_headers(response, ("Accept-Encoding",))
        if (
            response.streaming
            or response.has_header("Content-Encoding")
            or len(response.content) < MIN_LENGTH
        ):
            return response
        coding = choose(request.META.get("HTTP_ACCEPT_ENCODING", ""))
        if coding is None:
            return response
        body = compress(response.content, coding)
        if len(body) >= len(response.content):
            return response
        response.content = body
        response["Content-Length"] = str(len(body))
        response["Content-Encoding"] = coding
        etag = response.get("ETag")
        if etag and etag.startswith('"'):  # the bytes differ: a strong tag no longer holds
            response["ETag"] = "W/" + etag
        return response


# -- the cached page: gzip spliced around the click figure ------------------------------

_GZIP_HEADER = b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\xff"  # deflate, no mtime, OS unknown
_CRC_POLY = 0xEDB88320


def _times(matrix, vector):
    total, i = 0, 0
    while vector:
        if vector & 1:
            total ^= matrix[i]
        vector >>= 1
        i += 1
    return total


def _square(matrix):
    return [_times(matrix, column) for column in matrix]


def _shift_tables(length: int):
    """Tables T (4 x 256) such that the CRC-32 register, run on `length` more zero bytes,
    is T[0][r & 255] ^ T[1][r >> 8 & 255] ^ T[2][r >> 16 & 255] ^ T[3][r >> 24]: zlib's
    crc32_combine with its operator for `length` worked out once."""
    odd = [_CRC_POLY] + [1 << n for n in range(31)]  # one zero bit
    even = _square(odd)  # two
    odd = _square(even)  # four
    operator = [1 << n for n in range(32)]  # identity
    while length:
        even = _square(odd)  # 8, 32, 128, … bits
        if length & 1:
            operator = [_times(even, column) for column in operator]
        length >>= 1
        if not length:
            break
        odd = _square(even)
        if length & 1:
            operator = [_times(odd, column) for column in operator]
        length >>= 1
    return tuple(tuple(_times(operator, v << (8 * k)) for v in range(256)) for k in range(4))


class GzippedPage:
    """A page `before + figure + after` as one gzip member for any figure, compressed once:
    `before` as deflate blocks ending on a byte boundary (full flush), the figure as a
    stored block made per hit, `after` as its own final deflate block."""

    __slots__ = ("head", "tail", "crc_before", "crc_after", "length", "tables")

    def __init__(self, before: bytes, after: bytes):
        first = zlib.compressobj(GZIP_LEVEL, zlib.DEFLATED, -15)
        self.head = _GZIP_HEADER + first.compress(before) + first.flush(zlib.Z_FULL_FLUSH)
        second = zlib.compressobj(GZIP_LEVEL, zlib.DEFLATED, -15)
        self.tail = second.compress(after) + second.flush()
        self.crc_before, self.crc_after = zlib.crc32(before), zlib.crc32(after)
        self.length = len(before) + len(after)
        self.tables = _shift_tables(len(after))

    def chunks(self, figure: bytes) -> list[bytes]:
        n = len(figure)
        stored = b"\x00" + struct.pack("<HH", n, n ^ 0xFFFF) + figure
        r = zlib.crc32(figure, self.crc_before)
        t = self.tables
        crc = t[0][r & 255] ^ t[1][r >> 8 & 255] ^ t[2][r >> 16 & 255] ^ t[3][r >> 24]
        trailer = struct.pack("<II", crc ^ self.crc_after, (self.length + n) & 0xFFFFFFFF)
        return [self.head, stored, self.tail, trailer]

    def size(self, figure: bytes) -> int:
        return len(self.head) + 5 + len(figure) + len(self.tail) + 8
