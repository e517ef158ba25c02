"""Vietnamese text in the legacy font encodings TCVN3 (ABC) and VNI: detected, converted or refused.

Before Unicode, Vietnamese was typed in 8-bit font encodings. Such text shows up in two shapes: a .txt
whose bytes are not UTF-8, and (far more often) Unicode text copied from a Word file set in a .VnTime
font, which reads as Windows-1252 garbage ("KÕ ho¹ch", "Hîp t¸c x·").

Detection counts how many words that carry a non-ASCII letter are well-formed Vietnamese syllables,
as the text stands and as TCVN3 would read it; it does not fire on Unicode Vietnamese (whose words are
syllables already) nor on English (no such words at all).

TCVN3 is converted by a table: bytes 0xA0-0xFF follow TCVN 5712:1993 (VN1, of which the ABC fonts'
VN3 is a subset) exactly as glibc's TCVN5712-1 charmap gives them; 0x80-0x9F, which VN3 leaves out
and where Word puts its curly quotes, are read as Windows-1252. VNI (two bytes a letter, "Keá hoaïch")
has no maintained converter on PyPI and no table we can check, so it is refused with a message.
"""

from __future__ import annotations

import functools
import re
import unicodedata

from hoptac.core.text import nfc
from hoptac.documents.errors import UnsupportedEncoding
from hoptac.documents.read.limits import SAMPLE_CHARS

# TCVN 5712:1993 (VN1) for bytes 0xA0-0xFF, from glibc localedata/charmaps/TCVN5712-1.
_TCVN_A0_FF = (
    "\xa0\u0102\xc2\xca\xd4\u01a0\u01af\u0110\u0103\xe2\xea\xf4\u01a1\u01b0\u0111\u1eb0"
    "\u0300\u0309\u0303\u0301\u0323\xe0\u1ea3\xe3\xe1\u1ea1\u1eb2\u1eb1\u1eb3\u1eb5\u1eaf\u1eb4"
    "\u1eae\u1ea6\u1ea8\u1eaa\u1ea4\u1ec0\u1eb7\u1ea7\u1ea9\u1eab\u1ea5\u1ead\xe8\u1ec2\u1ebb\u1ebd"
    "\xe9\u1eb9\u1ec1\u1ec3\u1ec5\u1ebf\u1ec7\xec\u1ec9\u1ec4\u1ebe\u1ed2\u0129\xed\u1ecb\xf2"
    "\u1ed4\u1ecf\xf5\xf3\u1ecd\u1ed3\u1ed5\u1ed7\u1ed1\u1ed9\u1edd\u1edf\u1ee1\u1edb\u1ee3\xf9"
    "\u1ed6\u1ee7\u0169\xfa\u1ee5\u1eeb\u1eed\u1eef\u1ee9\u1ef1\u1ef3\u1ef7\u1ef9\xfd\u1ef5\u1ed0"
)
# Unicode text that was TCVN3 shown as Latin-1/Windows-1252 letters → the letters meant.
_FROM_MOJIBAKE = {0xA0 + i: ch for i, ch in enumerate(_TCVN_A0_FF)}

_TONES = dict.fromkeys(map(ord, "\u0300\u0301\u0303\u0309\u0323"))
_SYLLABLE = re.compile(
    r"(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdđghklmnprstvx])?"
    r"(?:(?:uyê|iê|yê|uô|ươ|oa|oă|oe|uâ|uê|uy|uơ|oo|[aăâeêioôơuưy])(?:ch|ng|nh|[cmnpt])?"
    r"|uôi|ươi|ươu|iêu|yêu|oai|oay|oao|oeo|uây|uya|uyu|ai|ao|au|ay|âu|ây|eo|êu|ia|iu|oi|ôi|ơi|ui|ưi|ưu"
    r"|ua|ưa)"
)
_WORD_EDGES = " \t.,;:!?()[]{}\"'“”‘’«»…-–—/*+=%<>|"
_WORD_SPLIT = re.compile(r"[\s/\-–—]+")
# VNI writes a letter as its base and one or two mark bytes: "Keá" (ế), "hoaïch" (ạ), "Hôïp" (ợ).
_VNI_MARKS = "ùøûõïáàåãäéèúüëòóìîÙØÛÕÏÁÀÅÃÄÉÈÚÜËÒÓÌÎ"
_VNI_WORD = re.compile(rf"[aeiouyAEIOUYôöÔÖâêÂÊ][{_VNI_MARKS}]|[ñÑ]")
_MIN_WORDS = 3
_MAX_WORDS = 5000  # enough words to judge an encoding
_GOOD = 0.7  # the share of marked words that are syllables in real Vietnamese text is well above this

TCVN3_CONVERTED = "the text was in the TCVN3 (ABC) font encoding and was converted to Unicode"
TCVN3_DECODED = "the file was in the TCVN3 (ABC) encoding and was converted to Unicode"
VNI_REFUSED = (
    "the text looks like the legacy VNI font encoding, which cannot be converted here: "
    "convert it to Unicode (for example with Unikey's converter) and try again"
)


def tcvn3_decode(data: bytes) -> str:
    """Bytes in TCVN3 (ABC) → NFC text: 0x80-0x9F as Windows-1252, 0xA0-0xFF by TCVN 5712."""
    text = data.decode("cp1252", errors="replace")
    return nfc(text.translate(_FROM_MOJIBAKE))


def from_tcvn3_mojibake(text: str) -> str:
    """Unicode text that is TCVN3 shown as Latin-1 letters → the Vietnamese it means, NFC.

    >>> from_tcvn3_mojibake("KÕ ho¹ch Hîp t¸c x·")
    'Kế hoạch Hợp tác xã'
    >>> from_tcvn3_mojibake("KÕ HO¹CH")
    'KẾ HOẠCH'
    """
    return "\n".join(_restore_capitals(line) for line in nfc(text.translate(_FROM_MOJIBAKE)).split("\n"))


def syllable_share(text: str) -> tuple[int, int]:
    """(syllables, words) over the words of `text` that hold a non-ASCII character.

    >>> syllable_share("Kế hoạch năm 2024 of the Alliance")
    (3, 3)
    >>> syllable_share("KÕ ho¹ch Hîp t¸c x·")
    (1, 5)
    """
    good = total = 0
    for word in _words(text[:SAMPLE_CHARS]):
        total += 1
        good += is_syllable(word)
        if total == _MAX_WORDS:
            break
    return good, total


@functools.lru_cache(maxsize=8192)
def is_syllable(word: str) -> bool:
    """True when `word` is a well-formed Vietnamese syllable (tone marks and case ignored).

    >>> [is_syllable(w) for w in ("nghiệp", "người", "Quốc", "Hîp", "für", "t¸c")]
    [True, True, True, False, False, False]
    """
    bare = unicodedata.normalize("NFC", unicodedata.normalize("NFD", word.lower()).translate(_TONES))
    return _SYLLABLE.fullmatch(bare) is not None


# Letters that only Unicode Vietnamese has (ạ ả ấ ... ỹ, ă, đ, ơ, ư): text in a legacy font encoding,
# decoded byte by byte, never holds them. A text with many of them needs no syllable count.
_UNICODE_VIETNAMESE = re.compile("[\u1ea0-\u1ef9\u0102\u0103\u0110\u0111\u01a0\u01a1\u01af\u01b0]")
_SURELY_UNICODE = 20


def fix_unicode_text(text: str) -> tuple[str, bool]:
    """Decide on already-decoded text: (text, False) as it is, or (converted, True) when it is TCVN3
    mojibake. Raises UnsupportedEncoding when it looks like VNI."""
    for found, _ in enumerate(_UNICODE_VIETNAMESE.finditer(text, 0, SAMPLE_CHARS), start=1):
        if found >= _SURELY_UNICODE:
            return text, False
    good, total = syllable_share(text)
    if total < _MIN_WORDS or good / total >= _GOOD:
        return text, False
    sample = text[:SAMPLE_CHARS]
    converted_good, converted_total = syllable_share(from_tcvn3_mojibake(sample))
    if converted_total and _better(converted_good / converted_total, good / total):
        return from_tcvn3_mojibake(text), True
    if good / total < 0.5 and _looks_vni(sample):
        raise UnsupportedEncoding(VNI_REFUSED)
    return text, False


def convert_block(text: str) -> str:
    """One paragraph or cell of a document found to be TCVN3 → Unicode; a block that already holds
    Vietnamese letters beyond Latin-1 (a paragraph in a Unicode font) is kept as it is.

    >>> convert_block("Sè: 58 /KH-LMHTX"), convert_block("Hà Nội")
    ('Số: 58 /KH-LMHTX', 'Hà Nội')
    """
    if text.isascii() or any(c.isalpha() and ord(c) > 0xFF for c in text):
        return text
    return from_tcvn3_mojibake(text)


def choose_8bit(data: bytes) -> tuple[str, str]:
    """Bytes that are not UTF-8 → (text, encoding name): Windows-1258, or TCVN3 when that reads as
    Vietnamese and Windows-1258 does not. Raises UnsupportedEncoding for VNI."""
    cp1258 = nfc(data.decode("cp1258", errors="replace"))
    good, total = syllable_share(cp1258)
    if total < _MIN_WORDS or good / total >= _GOOD:
        return cp1258, "Windows-1258"
    tcvn3 = tcvn3_decode(data)
    tcvn_good, tcvn_total = syllable_share(tcvn3)
    if tcvn_total and _better(tcvn_good / tcvn_total, good / total):
        return "\n".join(_restore_capitals(line) for line in tcvn3.split("\n")), "TCVN3"
    if good / total < 0.5 and _looks_vni(data[:SAMPLE_CHARS].decode("cp1252", errors="replace")):
        raise UnsupportedEncoding(VNI_REFUSED)
    return cp1258, "Windows-1258"


def _better(converted: float, as_is: float) -> bool:
    return converted >= _GOOD and converted > as_is + 0.2


def _words(text: str):
    for chunk in _WORD_SPLIT.split(text):
        word = chunk.strip(_WORD_EDGES)
        if word and not word.isascii() and not any("0" <= c <= "9" for c in word):
            yield word


def _looks_vni(text: str) -> bool:
    words = list(_words(text))
    vni = sum(1 for w in words if _VNI_WORD.search(w) and not is_syllable(w))
    return len(words) >= _MIN_WORDS and vni >= 0.5 * len(words)


def _restore_capitals(line: str) -> str:
    """Upper-case a line typed in a capitals font (.VnTimeH), where marked letters keep lower-case codes.

    A line qualifies when it has no ASCII lower-case letter and a word such as "HOạCH" (two ASCII
    capitals beside a lower-case marked letter): "Số: 14/KH" (one capital) stays as it is.
    """
    if any("a" <= c <= "z" for c in line):
        return line
    for word in line.split():
        capitals = sum(1 for c in word if "A" <= c <= "Z")
        if capitals >= 2 and any(not c.isascii() and c.islower() for c in word):
            return line.upper()
    return line
