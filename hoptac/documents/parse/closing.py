"""The end of a document: recipients ("Nơi nhận:") with their purpose, and the signer block
(authority lines such as "TM. BAN THƯỜNG VỤ" / "KT. CHỦ TỊCH", the title, the name).
"""

from __future__ import annotations

import re

from hoptac.core.text import fold, squash_spaces
from hoptac.documents.model import Recipient, Signer
from hoptac.documents.parse.header_lines import is_upper_line
from hoptac.documents.parse.units import is_unit_name

_RECIPIENTS = re.compile(r"^Nơi\s+nhận\s*:?\s*(?P<rest>.*)$", re.IGNORECASE)
_AUTHORITY = re.compile(r"^(?:TM|T/M|KT|K/T|TL|T/L|TUQ|TQ|Q|Q\.)\s*[./]?\s+\S", re.IGNORECASE)
_PURPOSE = re.compile(r"\(([^()]{1,80})\)\s*[;.,]?\s*$")
_ARCHIVE = re.compile(r"^Lưu(?=\s*:|\s*[A-ZĐ])")
_INLINE_ITEM = re.compile(r"[;,.]\s+[-+•]\s+")  # "Nơi nhận: - Như trên; - Lưu: VT." on one line
_SIGNATURE_NOTES = ("da ky", "ky ten", "ky, ghi ro", "ky va ghi", "dong dau", "ky, dong dau", "ky so")
SIGNER_TITLES = (
    "chu tich",
    "pho chu tich",
    "truong doan",
    "pho truong doan",
    "pho cuc truong",
    "tong cuc truong",
    "pho tong cuc truong",
    "pho tong giam doc",
    "giam doc",
    "pho giam doc",
    "truong ban",
    "pho truong ban",
    "chanh van phong",
    "pho chanh van phong",
    "hieu truong",
    "pho hieu truong",
    "bi thu",
    "pho bi thu",
    "truong phong",
    "pho truong phong",
    "bo truong",
    "thu truong",
    "cuc truong",
    "tong giam doc",
    "chu nhiem",
    "pho chu nhiem",
    "thu ky",
    "uy vien",
    "thuong truc",
    "chanh an",
    "vien truong",
    "truong khoa",
    "to truong",
    "chi cuc truong",
    "cum truong",
    "truong cum",
    "pho cum truong",
)
MAX_RECIPIENT_LINES = 40


def recipients_start(lines: list[str]) -> int | None:
    """Index of the "Nơi nhận:" line, searching from the end."""
    for index in range(len(lines) - 1, -1, -1):
        if _RECIPIENTS.match(lines[index]):
            return index
    return None


def read_recipients(lines: list[str], start: int) -> tuple[list[Recipient], int]:
    """(recipients, index after the last one) from the "Nơi nhận:" line at `start`."""
    recipients: list[Recipient] = []
    first = _RECIPIENTS.match(lines[start]).group("rest")  # type: ignore[union-attr]
    candidates = [first] if first.strip() else []
    index = start + 1
    while index < len(lines) and len(candidates) < MAX_RECIPIENT_LINES:
        line = lines[index]
        if not line.startswith(("-", "+", "•")) and (
            _AUTHORITY.match(line) or is_upper_line(line) or _is_name(line)
        ):
            break
        if not line.startswith(("-", "+", "•")) and candidates and len(line) > 120:
            break
        candidates.append(line)
        index += 1
        if _ARCHIVE.match(line.lstrip("-+• ")):
            break  # the archive line "Lưu: VT" closes the list (Decree 30)
    for candidate in candidates:
        for piece in _INLINE_ITEM.split(candidate):
            for part in _two_recipients(piece):
                if recipient := _recipient(part):
                    recipients.append(recipient)
    return recipients, index


def _two_recipients(line: str) -> list[str]:
    """ "- Sở Kế hoạch và Đầu tư; Sở Tài chính;": two recipients on one line, split where a body's
    name follows ";" (the archive line "Lưu: VT; KH" is one)."""
    parts = [p for p in line.split(";") if p.strip(" .")]
    if len(parts) < 2 or _ARCHIVE.match(line.lstrip("-+• ")):
        return [line]
    if all(is_unit_name(p.strip(" -+•")) for p in parts[1:]):
        return parts
    return [line]


def _recipient(line: str) -> Recipient | None:
    text = squash_spaces(line.lstrip("-+•* "))
    purpose = None
    if match := _PURPOSE.search(text):
        purpose = match.group(1).strip()
        text = text[: match.start()]
    text = text.strip(" ;,.")
    if _ARCHIVE.match(text):
        text = _dedupe_words(text)
    if not text or not any(ch.isalpha() for ch in text):
        return None
    return Recipient(name=text, purpose=purpose)


def _dedupe_words(text: str) -> str:
    # "Lưu: VP *VP*" comes out of markdown as "Lưu: VP VP": the drafter's initials repeated.
    words = text.split()
    kept = [w for i, w in enumerate(words) if i == 0 or w != words[i - 1]]
    return " ".join(kept)


def _is_name(line: str) -> bool:
    """A person's name: two to six capitalised words, no digits ("Đặng Đức Thính")."""
    text = re.sub(r"^(?:Ông|Bà|Đồng chí|đ/c)\s+", "", line.strip(" .*"))
    words = text.split()
    if not 2 <= len(words) <= 6 or any(ch.isdigit() for ch in text):
        return False
    return all(w[0].isupper() and (len(w) == 1 or w[1:].islower()) and w.isalpha() for w in words)


def read_signer(lines: list[str], *, after_recipients: bool) -> Signer | None:
    """The signer block in `lines` (the document's last lines); None where there is none.

    Without an authority or title line, a name counts only right after the recipients.
    """
    authority: list[str] = []
    title = None
    for index, line in enumerate(lines[:30]):
        text = line.strip(" *")
        folded = fold(text)
        if folded.startswith(_SIGNATURE_NOTES) or folded.strip("()").startswith(_SIGNATURE_NOTES):
            continue
        if _AUTHORITY.match(text) and is_upper_line(text) and not title:
            authority.append(text)
            continue
        if is_upper_line(text) and folded.startswith(SIGNER_TITLES) and len(text) < 60 and not title:
            title = text
            continue
        if authority and not title and is_upper_line(text) and len(text) < 60 and not _is_name(text):
            authority.append(text)  # "TM. BAN THƯỜNG VỤ" / "LIÊN MINH HTX TỈNH": the body it acts for
            continue
        if _is_name(text):
            if authority or title or (after_recipients and index < 4):
                return Signer(authority=" ".join(authority) or None, title=title, name=_strip_honorific(text))
            return None
        if authority or title:
            continue
        if not after_recipients or index >= 4:
            return None
    if authority or title:
        return Signer(authority=" ".join(authority) or None, title=title, name=None)
    return None


def _strip_honorific(name: str) -> str:
    return re.sub(r"^(?:Ông|Bà|Đồng chí|đ/c)\s+", "", name.strip(" .*"))
