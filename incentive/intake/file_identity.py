"""What a file really is, from its content: the name's extension is often wrong.

Web systems export HTML tables and text under an `.xls` name, Excel saves "XML Spreadsheet 2003", a workbook
arrives renamed `.csv`. Excel and WPS open all of these, so the reader is chosen by content, and a file that cannot
be read is named for what it is (a Word document, a PDF, a damaged zip), never just "damaged".
"""

from __future__ import annotations

import io
import re
import zipfile

# What identify() answers
WORKBOOK = "workbook"  # a zip of a workbook, for calamine: .xlsx, .xlsm, .xlsb, .ods
OLE = "ole"  # a compound file: legacy .xls (or another Office 97 file: see ole_content)
ZIP_BROKEN = "zip_broken"
WORD = "word"
PRESENTATION = "presentation"
ARCHIVE = "archive"  # a zip, rar, 7z or gzip of something else
PDF = "pdf"
IMAGE = "image"
HTML = "html"
XML_SPREADSHEET = "xml_spreadsheet"  # Excel's "XML Spreadsheet 2003"
XML = "xml"
TEXT = "text"
BINARY = "binary"
PASSWORD = "password"  # from ole_content: an encrypted Office 2007+ file

HEAD_BYTES = 64 * 1024
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_MAGIC = [  # (leading bytes, what); zip and OLE are looked into below
    (b"%PDF-", PDF),
    (b"\x89PNG\r\n\x1a\n", IMAGE),
    (b"\xff\xd8\xff", IMAGE),
    (b"GIF87a", IMAGE),
    (b"GIF89a", IMAGE),
    (b"II*\x00", IMAGE),
    (b"MM\x00*", IMAGE),
    (b"Rar!\x1a\x07", ARCHIVE),
    (b"7z\xbc\xaf\x27\x1c", ARCHIVE),
    (b"\x1f\x8b", ARCHIVE),
    (b"PK\x05\x06", ARCHIVE),  # an empty zip
]
_BOMS = [(b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")]
_SPREADSHEET_NS = "urn:schemas-microsoft-com:office:spreadsheet"
_HTML_TAG = re.compile(r"<(!doctype\s+html|html|head|body|table|meta|title)[\s>/]")
_XML_START = re.compile(r"<(\?xml|!--|[a-z_][\w.:-]*[\s/>])")
# Control bytes never occur in UTF-8 or GBK text (not even inside multi-byte characters), apart from tab, line
# breaks, form feed and the old end-of-file mark.
_CONTROL = re.compile(rb"[\x00-\x08\x0e-\x19\x1b-\x1f\x7f]")


def identify(data: bytes) -> str:
    head = data[:HEAD_BYTES]
    if head.startswith(b"PK\x03\x04"):
        return _zip_content(data)
    if head.startswith(_OLE_MAGIC):
        return OLE
    for magic, what in _MAGIC:
        if head.startswith(magic):
            return what
    text = _head_text(head)
    if text is None:
        return BINARY
    start = text.lstrip("\ufeff \t\r\n").lower()
    if start.startswith("<"):
        if _SPREADSHEET_NS in start and "workbook" in start:
            return XML_SPREADSHEET
        if _HTML_TAG.search(start[:8192]):
            return HTML
        if _XML_START.match(start):
            return XML
    return TEXT


def _head_text(head: bytes) -> str | None:
    """The start of the file as text, for looking at it; None when it is not text."""
    for bom, encoding in _BOMS:
        if head.startswith(bom):
            return head[len(bom) :].decode(encoding, errors="replace")
    controls = len(_CONTROL.findall(head))
    if b"\x00" in head or controls > max(2, len(head) // 200):
        return None
    return head.decode("utf-8", errors="replace")


def _zip_content(data: bytes) -> str:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = {name.lower() for name in archive.namelist()}
            mimetype = archive.read("mimetype")[:100] if "mimetype" in names else b""
    except Exception:
        return ZIP_BROKEN
    if any(name.startswith("xl/") for name in names) or b"opendocument.spreadsheet" in mimetype:
        return WORKBOOK  # with parts missing it is a damaged workbook, which calamine will say
    if "word/document.xml" in names or b"opendocument.text" in mimetype:
        return WORD
    if "ppt/presentation.xml" in names or b"opendocument.presentation" in mimetype:
        return PRESENTATION
    return ARCHIVE


def ole_content(data: bytes) -> str:
    """What a compound file that calamine could not read holds, from the stream names in its directory (UTF-16):
    an encrypted Office 2007+ file (a password), a Word or PowerPoint 97 file, or else a damaged workbook (OLE)."""
    if "EncryptedPackage".encode("utf-16-le") in data:
        return PASSWORD
    if "WordDocument".encode("utf-16-le") in data:
        return WORD
    if "PowerPoint Document".encode("utf-16-le") in data:
        return PRESENTATION
    return OLE
