"""The engine's warnings (English, docs/adr/0005) in the interface's language, for the review page.

Each known warning is matched by its pattern and rewritten through gettext; one the patterns do not
know is shown as the engine wrote it, so that nothing is hidden.
"""

import re
from datetime import date

from django.utils.translation import gettext as _


def _day(iso: str) -> str:
    try:
        return f"{date.fromisoformat(iso):%d/%m/%Y}"
    except ValueError:
        return iso


def _span(span: str) -> str:
    return " – ".join(_day(part.strip()) for part in span.split("–"))


_RULES: list[tuple[re.Pattern, object]] = [
    (
        re.compile(r"no number and symbol \(Số: \.\.\./KH-\.\.\.\) found"),
        lambda m: _("No number and symbol (Số: .../KH-...) was found."),
    ),
    (
        re.compile(r"number (?P<n>.+) has no sequence: an unregistered draft\?"),
        lambda m: _("Number %(number)s has no sequence: an unregistered draft?") % {"number": m["n"]},
    ),
    (re.compile(r"no date found"), lambda m: _("No date was found.")),
    (
        re.compile(r"the date is the digital signature's: the date line could not be read"),
        lambda m: _("The date is the day of the digital signature: the date line could not be read."),
    ),
    (re.compile(r"the date line has a blank day"), lambda m: _("The date line has a blank day.")),
    (
        re.compile(r"no activities found in the work sections"),
        lambda m: _("No activities were found in the work sections."),
    ),
    (
        re.compile(r"too many numbered items: the activity list was cut"),
        lambda m: _("Too many numbered items: the activity list was cut."),
    ),
    (
        re.compile(r"anniversary '(?P<what>.+)' does not agree with its dates (?P<span>.+)"),
        lambda m: (
            _("The anniversary “%(what)s” does not agree with its dates %(span)s.")
            % {"what": m["what"], "span": _span(m["span"])}
        ),
    ),
    (
        re.compile(r"anniversary '(?P<what>.+)' cites (?P<span>.+), but that day is (?P<day>.+)"),
        lambda m: (
            _("The anniversary “%(what)s” cites %(span)s, but that day is %(day)s.")
            % {"what": m["what"], "span": _span(m["span"]), "day": m["day"]}
        ),
    ),
    (
        re.compile(r"time '(?P<text>.+)' not understood"),
        lambda m: _("The time “%(text)s” was not understood.") % {"text": m["text"]},
    ),
    (
        re.compile(r"time '(?P<text>.+)': (?P<inner>.+)"),
        lambda m: (
            _("Time “%(text)s”: %(problem)s") % {"text": m["text"], "problem": warning_text(m["inner"])}
        ),
    ),
    (re.compile(r"an end before its start"), lambda m: _("the end comes before the start")),
    (re.compile(r"(?P<day>\S+) is not a date"), lambda m: _("%(day)s is not a date") % {"day": m["day"]}),
    (
        re.compile(r"(?P<day>\S+) is a (?P<actual>.+), not a (?P<said>.+)"),
        lambda m: _("%(day)s is a %(actual)s, not a %(said)s") % dict(m.groupdict()),
    ),
    (
        re.compile(r"only the first (?P<n>\d+) of (?P<total>\d+) pages were read"),
        lambda m: _("Only the first %(n)s of %(total)s pages were read.") % dict(m.groupdict()),
    ),
    (
        re.compile(r"(?P<n>\d+) page\(s\) could not be read and were skipped"),
        lambda m: _("%(n)s page(s) could not be read and were skipped.") % {"n": m["n"]},
    ),
    (
        re.compile(r"text read by OCR from (?P<pages>\d+) page\(s\), mean confidence (?P<confidence>\d+)%"),
        lambda m: (
            _("The text of %(pages)s page(s) was read by OCR, with a mean confidence of %(confidence)s%%.")
            % dict(m.groupdict())
        ),
    ),
    (
        re.compile(r"only the first (?P<n>\d+) of (?P<total>\d+) pages that need OCR were read"),
        lambda m: (
            _("Only the first %(n)s of the %(total)s pages that need OCR were read; the rest were left out.")
            % dict(m.groupdict())
        ),
    ),
    (
        re.compile(
            r"OCR did not finish (?P<n>\d+) page\(s\) in time "
            r"\((?P<page>\S+) s a page, (?P<total>\S+) s a file\): skipped"
        ),
        lambda m: (
            _(
                "OCR did not finish %(n)s page(s) in time (%(page)s s a page, %(total)s s a file); "
                "those pages were left out."
            )
            % dict(m.groupdict())
        ),
    ),
    (
        re.compile(r"OCR failed on (?P<n>\d+) page\(s\), which were skipped"),
        lambda m: _("OCR could not read %(n)s page(s); those pages were left out.") % {"n": m["n"]},
    ),
    (
        re.compile(r"(?P<n>\d+) scanned page\(s\) were not read: OCR is not installed"),
        lambda m: (
            _("%(n)s scanned page(s) were not read: OCR is not installed on the server.") % {"n": m["n"]}
        ),
    ),
    (
        re.compile(r"text inside text boxes or shapes was not read"),
        lambda m: _("Text inside text boxes or shapes was not read."),
    ),
    (
        re.compile(r"the text was in the TCVN3 \(ABC\) font encoding and was converted to Unicode"),
        lambda m: _("The text was in the TCVN3 (ABC) font encoding and was converted to Unicode."),
    ),
    (
        re.compile(r"the file was in the TCVN3 \(ABC\) encoding and was converted to Unicode"),
        lambda m: _("The file was in the TCVN3 (ABC) encoding and was converted to Unicode."),
    ),
    (
        re.compile(r"the file is not UTF-8; it was read as (?P<enc>\S+)"),
        lambda m: _("The file is not UTF-8; it was read as %(encoding)s.") % {"encoding": m["enc"]},
    ),
    (
        re.compile(r"the page is not UTF-8 and declares no charset; it was read as (?P<enc>\S+)"),
        lambda m: (
            _("The web page is not UTF-8 and declares no character set; it was read as %(encoding)s.")
            % {"encoding": m["enc"]}
        ),
    ),
    (
        re.compile(r"some bytes were not valid (?P<enc>\S+) and were dropped"),
        lambda m: _("Some bytes were not valid %(encoding)s and were dropped.") % {"encoding": m["enc"]},
    ),
    (
        re.compile(r"the file has no byte order mark; it was read as (?P<enc>\S+)"),
        lambda m: _("The file has no byte order mark; it was read as %(encoding)s.") % {"encoding": m["enc"]},
    ),
]


def warning_text(warning: str) -> str:
    """`warning` in the active language, or as written when no rule knows it.

    >>> warning_text("something new")
    'something new'
    """
    for pattern, render in _RULES:
        match = pattern.fullmatch(warning)
        if match:
            return str(render(match))
    return warning
