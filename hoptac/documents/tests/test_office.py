"""Old Word (.doc), OpenDocument (.odt) and RTF files read through LibreOffice (read/office.py).

Real files (fixtures/files/, see build.py there) and the real LibreOffice that `make readers`
installs; where it is missing, the tests that need it skip with the reason. A fake `soffice` (a shell
script) stands in for a LibreOffice that hangs.
"""

from __future__ import annotations

import contextlib
import http.server
import io
import os
import signal
import subprocess
import sys
import threading
import time
import zipfile
from pathlib import Path

import pytest

from hoptac.core.sniff import OLE_MAGIC
from hoptac.documents.errors import ConversionFailed, ConversionTimedOut, ConverterMissing
from hoptac.documents.model import Paragraph, Table
from hoptac.documents.read import read_bytes, read_path
from hoptac.documents.read.office import soffice_path

FILES = Path(__file__).parent / "fixtures" / "files"
DOCUMENTS = Path(__file__).parent / "fixtures" / "documents"
needs_libreoffice = pytest.mark.skipif(
    soffice_path() is None, reason="LibreOffice (soffice) is not installed: `make readers` installs it"
)
# An RTF file as Word writes Vietnamese: each letter beyond ASCII as \uN with a fallback "?".
RTF = rb"{\rtf1\ansi\deff0{\fonttbl{\f0 Times New Roman;}}\f0 K\u7871? ho\u7841?ch s\u7889? 14/KH-LMHTX\par H\u224? N\u7897?i\par}"


@pytest.fixture
def no_libreoffice(monkeypatch, tmp_path):
    """A PATH without soffice, as on a machine where apt-get could not install it."""
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.delenv("HOPTAC_SOFFICE", raising=False)


# raw-18.doc holds its header as a table of three columns; its UTF-16 text says, as the file's bytes
# show without any converter: "UBND TỈNH LÀO CAI", "SỞ CÔNG THƯƠNG", "Số: /SCT - CN", and
# "Kính gửi: Công ty TNHH Sản xuất và Thương mại Chân Thiện Mỹ".
@needs_libreoffice
@pytest.mark.parametrize("name", ["raw-18.doc", "raw-18.docx", "raw-18"])
def test_an_old_word_document_is_read_through_libreoffice(name):
    data = (FILES / "raw-18.doc").read_bytes()
    assert "SỞ CÔNG THƯƠNG".encode("utf-16-le") in data  # what the reading must give back

    blocks, warnings = read_bytes(data, name=name)

    assert warnings == []
    header = blocks[0]
    assert isinstance(header, Table)
    assert header.rows[0] == ("UBND TỈNH LÀO CAI", "", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
    assert header.rows[1] == ("SỞ CÔNG THƯƠNG", "", "Độc lập - Tự do - Hạnh phúc")
    assert " ".join(header.rows[2][0].split()) == "Số: /SCT - CN"  # the blank kept for the number
    assert Paragraph("Kính gửi: Công ty TNHH Sản xuất và Thương mại Chân Thiện Mỹ") in blocks


@needs_libreoffice
def test_an_odt_reads_as_the_docx_it_was_saved_from():
    odt = read_path(FILES / "103_table_plan.odt")
    docx = read_path(DOCUMENTS / "103_table_plan.docx")
    assert odt == docx
    assert any(isinstance(b, Table) for b in odt[0])


@needs_libreoffice
def test_an_rtf_named_doc_is_read_as_rtf():
    blocks, _ = read_bytes(RTF, name="ke-hoach.doc")
    assert blocks == [Paragraph("Kế hoạch số 14/KH-LMHTX"), Paragraph("Hà Nội")]


@needs_libreoffice
def test_a_word_file_libreoffice_cannot_convert_is_refused():
    data = OLE_MAGIC + b"\x00" * 504 + "WordDocument".encode("utf-16-le") + b"\x00" * 2000
    with pytest.raises(ConversionFailed) as caught:
        read_bytes(data, name="broken.doc")
    assert str(caught.value) == (
        "is an old Word document (.doc) that LibreOffice could not convert (damaged?): "
        "open it, save it as .docx and try again"
    )


@pytest.mark.parametrize(
    ("name", "data", "what"),
    [
        ("raw-18.doc", (FILES / "raw-18.doc").read_bytes(), "an old Word document (.doc)"),
        ("plan.odt", (FILES / "103_table_plan.odt").read_bytes(), "an OpenDocument text (.odt)"),
        ("plan.rtf", RTF, "an RTF document (.rtf)"),
    ],
)
def test_without_libreoffice_the_file_is_refused_with_what_to_do(no_libreoffice, name, data, what):
    with pytest.raises(ConverterMissing) as caught:
        read_bytes(data, name=name)
    assert str(caught.value) == (
        f"is {what} and LibreOffice is not installed to convert it: save it as .docx and try again"
    )


def test_a_hanging_libreoffice_is_killed_with_its_children(monkeypatch, tmp_path):
    pids = tmp_path / "pids"
    monkeypatch.setenv("HOPTAC_SOFFICE", str(_hanging_soffice(tmp_path, pids)))
    monkeypatch.setenv("HOPTAC_SOFFICE_TIMEOUT_S", "1")

    started = time.monotonic()
    with pytest.raises(ConversionTimedOut) as caught:
        read_path(FILES / "raw-18.doc")

    assert time.monotonic() - started < 10
    assert str(caught.value) == (
        "LibreOffice did not finish converting it within 1 s: save it as .docx and try again"
    )
    started_pids = [int(line) for line in pids.read_text().split()]
    assert len(started_pids) == 2
    assert not any(_alive(pid) for pid in started_pids)


def test_a_libreoffice_left_by_a_killed_worker_still_ends_soon_after_its_limit(tmp_path):
    pids = tmp_path / "pids"
    soffice = _hanging_soffice(tmp_path, pids)
    # A worker reading the file is killed while LibreOffice runs, as a web server kills a request past
    # its own time limit: nobody is left to kill LibreOffice at its 1 s limit but `timeout`.
    reader = "import sys; from pathlib import Path; from hoptac.documents.read import read_path; read_path(Path(sys.argv[1]))"
    env = {**os.environ, "HOPTAC_SOFFICE": str(soffice), "HOPTAC_SOFFICE_TIMEOUT_S": "1"}
    worker = subprocess.Popen([sys.executable, "-c", reader, str(FILES / "raw-18.doc")], env=env)
    started_pids = _wait_for_pids(pids)
    worker.kill()
    worker.wait()
    try:
        deadline = time.monotonic() + 10
        while any(_alive(pid) for pid in started_pids) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert not any(_alive(pid) for pid in started_pids)
    finally:
        for pid in started_pids:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)


@needs_libreoffice
def test_libreoffice_fetches_nothing_a_document_links_to():
    requests: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            requests.append(self.path)
            self.send_response(404)
            self.end_headers()

        do_OPTIONS = do_HEAD = do_GET

        def log_message(self, *args):
            pass

    server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}/seal.png"
        blocks, _ = read_bytes(_odt_linking(url), name="linked.odt")
    finally:
        server.shutdown()
    assert blocks == [Paragraph("Kế hoạch số 14/KH-LMHTX")]
    assert requests == []


def _odt_linking(url: str) -> bytes:
    """An OpenDocument text with one paragraph and an image linked (not embedded) at `url`."""
    content = f"""<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" xmlns:xlink="http://www.w3.org/1999/xlink"
 xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0" office:version="1.2">
<office:body><office:text><text:p>Kế hoạch số 14/KH-LMHTX<draw:frame draw:name="seal" svg:width="2cm"
 svg:height="2cm"><draw:image xlink:href="{url}" xlink:type="simple" xlink:show="embed"
 xlink:actuate="onLoad"/></draw:frame></text:p></office:text></office:body></office:document-content>"""
    manifest = """<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">
<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.text"/>
<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>
</manifest:manifest>"""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        package.writestr("mimetype", "application/vnd.oasis.opendocument.text", zipfile.ZIP_STORED)
        package.writestr("content.xml", content, zipfile.ZIP_DEFLATED)
        package.writestr("META-INF/manifest.xml", manifest, zipfile.ZIP_DEFLATED)
    return buffer.getvalue()


def _hanging_soffice(folder: Path, pids: Path) -> Path:
    """A fake soffice that never ends: a shell and its sleep, two processes as soffice's script and
    soffice.bin are, which write their pids to `pids`."""
    soffice = folder / "soffice"
    soffice.write_text(f"#!/bin/sh\necho $$ > {pids}\nsleep 600 &\necho $! >> {pids}\nwait\n")
    soffice.chmod(0o755)
    return soffice


def _wait_for_pids(pids: Path) -> list[int]:
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        if pids.exists() and len(found := pids.read_text().split()) == 2:
            return [int(pid) for pid in found]
        time.sleep(0.05)
    pytest.fail("the fake soffice did not start")


def _alive(pid: int) -> bool:
    """True while `pid` runs (a zombie waiting for its parent to reap it has stopped running)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, IndexError):
        return False
    return state != "Z"
