"""Old Word (.doc), OpenDocument text (.odt) and RTF files → .docx by LibreOffice, then read as a .docx.

LibreOffice runs headless as an external process (docs/adr/0017), once per file: in a temporary folder
of its own, with a new user profile there (two conversions sharing a profile make the second fail
silently), with a time limit after which it is killed with its children (process.py). It needs no
network and gets none: the profile forbids loading linked images and links (an uploaded file could
point at an address inside our network, or at a file of the server), and where the system allows it,
it runs in a network namespace of its own with no interface at all.

`soffice` is found on PATH; HOPTAC_SOFFICE names another program, HOPTAC_SOFFICE_TIMEOUT_S another
time limit (default 60 s).
"""

from __future__ import annotations

import functools
import logging
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from hoptac.documents.errors import ConversionFailed, ConversionTimedOut, ConverterMissing, TooLarge
from hoptac.documents.model import Block
from hoptac.documents.read.docx import read_docx, refuse_ole
from hoptac.documents.read.limits import (
    MAX_CONVERTED_BYTES,
    OFFICE_TIMEOUT_S,
    setting,
    size_text,
)
from hoptac.documents.read.process import run_bounded

log = logging.getLogger("hoptac.documents")

# What each format is, for a person, and the suffix LibreOffice is given it under.
FORMATS = {
    "doc": ("an old Word document (.doc)", ".doc"),
    "odt": ("an OpenDocument text (.odt)", ".odt"),
    "rtf": ("an RTF document (.rtf)", ".rtf"),
}
MISSING = "is {what} and LibreOffice is not installed to convert it: save it as .docx and try again"
TIMED_OUT = "LibreOffice did not finish converting it within {limit:g} s: save it as .docx and try again"
FAILED = "is {what} that LibreOffice could not convert (damaged?): open it, save it as .docx and try again"
TOO_LARGE = "converts to a .docx of {size}, too large to read: save it as .docx without its images"

# The user profile's settings (LibreOffice's officecfg schema): no macros, and no linked content fetched
# (without BlockUntrustedRefererLinks, converting a file that links an image at http://127.0.0.1:PORT/
# requested it; with it, nothing was requested).
_PROFILE = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema">
<item oor:path="/org.openoffice.Office.Common/Security/Scripting">
 <prop oor:name="BlockUntrustedRefererLinks" oor:op="fuse"><value>true</value></prop>
 <prop oor:name="DisableMacrosExecution" oor:op="fuse"><value>true</value></prop>
 <prop oor:name="MacroSecurityLevel" oor:op="fuse"><value>3</value></prop>
</item>
</oor:items>
"""
# Streams of an OLE container: every Word 97-2003 file holds the first, a password-protected .docx the second.
_WORD_97 = "WordDocument".encode("utf-16-le")
_ENCRYPTED_DOCX = "EncryptedPackage".encode("utf-16-le")


def read_doc(data: bytes) -> tuple[list[Block], list[str]]:
    """A Word 97-2003 file (OLE container) read through LibreOffice; another OLE file is refused."""
    if _WORD_97 not in data or _ENCRYPTED_DOCX in data:
        refuse_ole(data)  # raises: a password-protected .docx, a spreadsheet, a presentation
    return read_docx(convert_to_docx(data, source="doc"))


def read_odt(data: bytes) -> tuple[list[Block], list[str]]:
    """An OpenDocument text read through LibreOffice."""
    return read_docx(convert_to_docx(data, source="odt"))


def read_rtf(data: bytes) -> tuple[list[Block], list[str]]:
    """An RTF document read through LibreOffice."""
    return read_docx(convert_to_docx(data, source="rtf"))


def convert_to_docx(data: bytes, *, source: str) -> bytes:
    """The bytes of the .docx LibreOffice makes of `data`, a file in the format `source` ("doc"...).

    Raises ConverterMissing without LibreOffice, ConversionTimedOut past the time limit,
    ConversionFailed when it writes nothing, TooLarge when it writes too much.
    """
    what, suffix = FORMATS[source]
    soffice = soffice_path()
    if soffice is None:
        raise ConverterMissing(MISSING.format(what=what))
    limit_s = setting("HOPTAC_SOFFICE_TIMEOUT_S", OFFICE_TIMEOUT_S)
    with tempfile.TemporaryDirectory(prefix="hoptac-office-") as folder:
        home = Path(folder)
        original = home / f"document{suffix}"
        original.write_bytes(data)
        profile = home / "profile"
        (profile / "user").mkdir(parents=True)
        (profile / "user" / "registrymodifications.xcu").write_text(_PROFILE, encoding="utf-8")
        command = [
            *_without_network(),
            soffice,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--norestore",
            "--nolockcheck",
            "--convert-to",
            "docx:MS Word 2007 XML",
            "--outdir",
            str(home / "out"),
            str(original),
        ]
        try:
            finished = run_bounded(command, timeout_s=limit_s, home=home)
        except subprocess.TimeoutExpired as error:
            raise ConversionTimedOut(TIMED_OUT.format(limit=limit_s)) from error
        except OSError as error:  # the program vanished or cannot be run
            raise ConverterMissing(MISSING.format(what=what)) from error
        converted = home / "out" / "document.docx"
        if not converted.is_file():
            log.info("LibreOffice wrote nothing (exit %s): %s", finished.returncode, finished.stderr[-500:])
            raise ConversionFailed(FAILED.format(what=what))
        size = converted.stat().st_size
        if size > MAX_CONVERTED_BYTES:
            raise TooLarge(TOO_LARGE.format(size=size_text(size)))
        return converted.read_bytes()


def soffice_path() -> str | None:
    """The LibreOffice program to run: HOPTAC_SOFFICE when set, else `soffice` on PATH; None if absent."""
    chosen = os.environ.get("HOPTAC_SOFFICE")
    if chosen:
        return chosen if os.access(chosen, os.X_OK) and Path(chosen).is_file() else None
    return shutil.which("soffice") or shutil.which("libreoffice")


def _without_network() -> list[str]:
    """`unshare -rn` (a new user and network namespace: no interface but a loopback that is down)
    when this system lets an ordinary process make one, else nothing: the profile still forbids
    fetching."""
    unshare = shutil.which("unshare")
    return [unshare, "-rn"] if unshare and _can_unshare(unshare) else []


@functools.lru_cache(maxsize=4)
def _can_unshare(unshare: str) -> bool:
    try:
        probe = subprocess.run([unshare, "-rn", "true"], capture_output=True, timeout=5, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return False
    return probe.returncode == 0
