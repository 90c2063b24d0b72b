"""UTF-16 text (Windows' "Unicode" CSV, some saved web pages) told from binary data, with or
without a byte order mark, and NUL characters located. Nothing here imports Django."""

from __future__ import annotations

from luoshi.ingest.report import ReadError


def utf16_of(data: bytes) -> str | None:
    """ "utf-16-le" or "utf-16-be" for UTF-16 text, else None. With a BOM that says so; without
    one, by where the zero bytes fall: the high byte of every ASCII character (commas, tags,
    digits, line ends), all on one side of each pair. Binary data has them on both."""
    if data[:4] in (b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff"):
        return None  # UTF-32, which no government writes
    if data[:2] == b"\xff\xfe":
        return "utf-16-le"
    if data[:2] == b"\xfe\xff":
        return "utf-16-be"
    sample = data[:4096]
    half = len(sample) // 2
    if half < 2:
        return None
    even, odd = sample[0 : 2 * half : 2].count(0), sample[1 : 2 * half : 2].count(0)
    if odd >= half / 20 and even <= odd / 8:
        return "utf-16-le"
    if even >= half / 20 and odd <= even / 8:
        return "utf-16-be"
    return None


def decode_utf16(data: bytes, encoding: str, source: str = "") -> str:
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        line = data[: exc.start].decode(encoding, "replace").count("\n") + 1
        raise ReadError(f"UTF-16 编码有误 ({encoding})", f"line {line}", source) from None
    return text.removeprefix("\ufeff")


def refuse_nul(text: str, source: str = "") -> str:
    """A NUL character is no part of any text a government publishes: a file cut or joined
    badly. Named by its line, so the sender can find it."""
    at = text.find("\x00")
    if at >= 0:
        raise ReadError(
            "含 NUL 字符 (文件已损坏?)", f"line {text.count(chr(10), 0, at) + 1}", source
        )
    return text
