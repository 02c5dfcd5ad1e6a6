"""The first bytes that tell a file's container apart, whatever its name says: a zip package
(.docx, .xlsx, .pptx, OpenDocument, EPUB) or an OLE compound file (an old binary .doc/.xls/.ppt,
or an Office file encrypted with a password, which Office wraps whole in one)."""

ZIP = b"PK\x03\x04"
OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
