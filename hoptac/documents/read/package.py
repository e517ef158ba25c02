"""A .docx package opened safely: its zip directory checked before anything is unpacked, each part read
in bounded chunks, and its XML parsed without DTDs, entities or network access.

python-docx is not used to open uploads: it unpacks every part (images included) into memory at once
and parses XML with a DTD-aware parser. The few parts the reader needs are read here instead.
"""

from __future__ import annotations

import io
import posixpath
import zipfile
import zlib

from lxml import etree

from hoptac.core.zip_limits import MAX_UNPACKED_BYTES, MAX_ZIP_MEMBERS, MAX_ZIP_RATIO, ZIP_RATIO_FLOOR
from hoptac.documents.errors import CorruptFile, EncryptedFile, TooLarge
from hoptac.documents.read.limits import MAX_PART_BYTES, READ_CHUNK, size_text

_ZIP_ERRORS = (zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, EOFError, OSError, ValueError)
_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"
NOT_A_ZIP = "is not a valid Word .docx file (it is not a ZIP package): open it in Word and save it again"
DAMAGED = "is a damaged Word file ({detail}): open it in Word and save it again"
OVER = "is refused: {name} unpacks to {size}, over the {limit} limit"
BOMB = "is refused: {name} unpacks to {size} from {packed} (a zip bomb?)"
ENTITIES = "is refused: {name} declares XML entities or a DTD, which a Word file never needs"


class Package:
    """The parts of an OOXML package, by name, read on demand within the limits."""

    def __init__(self, data: bytes) -> None:
        try:
            self.zip = zipfile.ZipFile(io.BytesIO(data))
            infos = self.zip.infolist()
        except (*_ZIP_ERRORS, NotImplementedError, RuntimeError) as error:
            raise CorruptFile(NOT_A_ZIP) from error
        if len(infos) > MAX_ZIP_MEMBERS:
            raise CorruptFile(DAMAGED.format(detail=f"{len(infos)} parts in its zip directory"))
        declared = sum(info.file_size for info in infos)
        if declared > MAX_UNPACKED_BYTES:
            raise TooLarge(
                OVER.format(name="it", size=size_text(declared), limit=size_text(MAX_UNPACKED_BYTES))
            )
        for info in infos:
            ratio = info.file_size / max(info.compress_size, 1)
            if info.file_size > ZIP_RATIO_FLOOR and ratio > MAX_ZIP_RATIO:
                size, packed = size_text(info.file_size), f"{info.compress_size:,} bytes"
                raise CorruptFile(BOMB.format(name=info.filename, size=size, packed=packed))
        self.names = {info.filename.lower(): info for info in infos}

    def has(self, name: str) -> bool:
        return name.lower() in self.names

    def read(self, name: str) -> bytes:
        """The bytes of part `name`, at most MAX_PART_BYTES, read chunk by chunk."""
        info = self.names.get(name.lower())
        if info is None:
            raise CorruptFile(DAMAGED.format(detail=f"{name} is missing"))
        if info.file_size > MAX_PART_BYTES:
            raise TooLarge(
                OVER.format(name=name, size=size_text(info.file_size), limit=size_text(MAX_PART_BYTES))
            )
        if info.flag_bits & 0x1:
            raise EncryptedFile(
                f"{name} is encrypted in the package: remove the password in Word and save again"
            )
        chunks, total = [], 0
        try:
            with self.zip.open(info) as member:
                while chunk := member.read(READ_CHUNK):
                    total += len(chunk)
                    if total > MAX_PART_BYTES:
                        raise TooLarge(OVER.format(name=name, size="more", limit=size_text(MAX_PART_BYTES)))
                    chunks.append(chunk)
        except (*_ZIP_ERRORS, NotImplementedError, RuntimeError) as error:
            raise CorruptFile(DAMAGED.format(detail=f"{name} cannot be unpacked")) from error
        return b"".join(chunks)

    def xml(self, name: str) -> etree._Element:
        """Part `name` parsed as XML, refusing DTDs and entities."""
        return parse_xml(self.read(name), name=name)

    def related(self, source: str, kind: str) -> str | None:
        """The part that `source` points to with a relationship whose type ends in `/kind`."""
        folder, base = posixpath.split(source)
        rels = posixpath.join(folder, "_rels", base + ".rels")
        if not self.has(rels):
            return None
        for rel in self.xml(rels).iter(_REL):
            if rel.get("Type", "").endswith("/" + kind) and rel.get("TargetMode") != "External":
                target = rel.get("Target", "")
                path = target.lstrip("/") if target.startswith("/") else posixpath.join(folder, target)
                return posixpath.normpath(path)
        return None


def parse_xml(data: bytes, *, name: str) -> etree._Element:
    """`data` parsed as XML without DTD, entity expansion or network; a DOCTYPE is refused."""
    if b"<!DOCTYPE" in data or b"<!ENTITY" in data:
        raise CorruptFile(ENTITIES.format(name=name))
    parser = etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
    )
    try:
        root = etree.fromstring(data, parser)
    except (etree.XMLSyntaxError, ValueError) as error:
        raise CorruptFile(DAMAGED.format(detail=f"{name} is not well-formed XML")) from error
    if root is None:
        raise CorruptFile(DAMAGED.format(detail=f"{name} is empty"))
    docinfo = root.getroottree().docinfo
    if docinfo.doctype or docinfo.internalDTD is not None:
        raise CorruptFile(ENTITIES.format(name=name))
    return root
