"""Whether TeX can include an image file, checked before TeX stops the whole PDF on it.

pdfTeX and XeTeX end the run with a fatal error on a logo that is missing, unreadable, or not
the PNG, JPEG or PDF its name says (a text file renamed ``logo.png``, a truncated download).
The checks read the file's structure, not just its first bytes: PNG chunks and their CRCs
and the compressed pixel data, JPEG markers up to a frame header and the end marker, and a
PDF's header and trailer.
"""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
#: JPEG start-of-frame markers (baseline, progressive, lossless …), not DHT/JPG/DAC
JPEG_FRAMES = {0xC0, 0xC1, 0xC2, 0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF}


def image_problem(path: Path) -> str | None:
    """Why TeX could not include ``path``, in the author's words, or None."""
    try:
        data = path.read_bytes()
    except IsADirectoryError:
        return "it is a directory, not an image file"
    except FileNotFoundError:
        return "there is no such file"
    except OSError as exc:
        return f"the file cannot be read ({exc.strerror or exc})"
    suffix = path.suffix.lower()
    kind = {".png": "PNG", ".jpg": "JPEG", ".jpeg": "JPEG", ".pdf": "PDF"}.get(suffix)
    if kind is None:
        return "LaTeX needs a PNG, JPEG or PDF file"
    check = {"PNG": _png_ok, "JPEG": _jpeg_ok, "PDF": _pdf_ok}[kind]
    return None if check(data) else f"it is not a readable {kind} image"


def _png_ok(data: bytes) -> bool:
    if not data.startswith(PNG_SIGNATURE):
        return False
    position, first, pixels = len(PNG_SIGNATURE), True, []
    while position + 12 <= len(data):
        (length,) = struct.unpack(">I", data[position : position + 4])
        kind = data[position + 4 : position + 8]
        body = data[position + 8 : position + 8 + length]
        crc = data[position + 8 + length : position + 12 + length]
        if len(body) != length or len(crc) != 4:
            return False
        if struct.unpack(">I", crc)[0] != zlib.crc32(kind + body):
            return False
        if first:
            if kind != b"IHDR" or length != 13:
                return False
            width, height = struct.unpack(">II", body[:8])
            if not width or not height:
                return False
            first = False
        if kind == b"IDAT":
            pixels.append(body)
        if kind == b"IEND":
            try:
                return bool(pixels) and bool(zlib.decompress(b"".join(pixels)))
            except zlib.error:
                return False
        position += 12 + length
    return False


def _jpeg_ok(data: bytes) -> bool:
    if not data.startswith(b"\xff\xd8") or not data.rstrip(b"\x00").endswith(b"\xff\xd9"):
        return False
    position = 2
    while position + 4 <= len(data):
        if data[position] != 0xFF:
            return False
        marker = data[position + 1]
        if marker == 0xFF:  # fill byte
            position += 1
            continue
        (length,) = struct.unpack(">H", data[position + 2 : position + 4])
        if marker in JPEG_FRAMES:
            if length < 8 or position + 9 > len(data):
                return False
            height, width = struct.unpack(">HH", data[position + 5 : position + 9])
            return bool(height and width)
        if marker == 0xDA or length < 2:  # scan data before any frame header
            return False
        position += 2 + length
    return False


def _pdf_ok(data: bytes) -> bool:
    tail = data[-2048:]
    return data.startswith(b"%PDF-") and b"%%EOF" in tail and b"startxref" in tail
