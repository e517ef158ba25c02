"""`hoptac parse FILE...`: one JSON reading per file and line, or a readable summary.

A file that cannot be read gets one line `FILE: reason` on stderr; the other files are still read and
the exit code is 1. No traceback reaches the terminal, whatever the input.
"""

from __future__ import annotations

import argparse
import json
import logging
import multiprocessing
import os
import sys
from collections.abc import Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor

from hoptac.documents.api import parse_path
from hoptac.documents.errors import DocumentError
from hoptac.documents.model import Activity, Reading

log = logging.getLogger("hoptac.documents")
EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2
MIN_FILES_PER_JOB = 8  # fewer files than this per process: starting the processes costs more
CHUNK = 8


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="hoptac", description="hoptac command line")
    commands = parser.add_subparsers(dest="command", required=True)
    parse = commands.add_parser(
        "parse",
        help="read Vietnamese administrative documents (.txt .docx .doc .odt .rtf .html .pdf) into structure",
        description="Print one JSON object per file and line (the contract in hoptac/documents/schema.json).",
    )
    parse.add_argument("files", nargs="+", metavar="FILE")
    parse.add_argument("--format", choices=("json", "text"), default="json", help="json (default) or text")
    parse.add_argument(
        "--jobs",
        type=int,
        default=os.cpu_count() or 1,
        help="files read at once, in as many processes (default: one per CPU; 1 reads them in turn)",
    )
    args = parser.parse_args(argv)
    try:
        return _parse(args.files, text=args.format == "text", jobs=max(1, args.jobs))
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `hoptac parse ... | head` closed the pipe: not an error of ours
        return EXIT_OK


def _parse(files: Sequence[str], *, text: bool, jobs: int) -> int:
    status = EXIT_OK
    for out, error in _results(files, text=text, jobs=jobs):
        if error is not None:
            print(error, file=sys.stderr)
            status = EXIT_FAILED
            continue
        print(out)
        sys.stdout.flush()
    return status


def _results(files: Sequence[str], *, text: bool, jobs: int) -> Iterator[tuple[str | None, str | None]]:
    """Each file's output line or error line, in the files' order; read by `jobs` processes at once
    when there are enough files to be worth it (the engine is plain CPU work)."""
    jobs = min(jobs, len(files) // MIN_FILES_PER_JOB)
    if jobs <= 1:
        yield from (_one(path, text) for path in files)
        return
    context = multiprocessing.get_context(
        "fork" if "fork" in multiprocessing.get_all_start_methods() else None
    )
    with ProcessPoolExecutor(max_workers=jobs, mp_context=context) as pool:
        yield from pool.map(_one, files, [text] * len(files), chunksize=CHUNK)


def _one(path: str, text: bool) -> tuple[str | None, str | None]:
    """(the reading as a line, None) or (None, "FILE: reason")."""
    try:
        reading = parse_path(path)
    except DocumentError as error:
        return None, f"{path}: {error}"
    except Exception as error:  # the engine's own bug must not hide the other files' readings
        log.debug("unexpected error reading %s", path, exc_info=True)
        return None, f"{path}: could not be read (internal error: {type(error).__name__})"
    return (summary(reading) if text else json.dumps(reading.to_dict(), ensure_ascii=False)), None


def summary(reading: Reading) -> str:
    """A readable summary of a reading, for `--format text`."""
    out = [f"== {reading.source} ({reading.kind})"]
    fields = [
        ("issuer", reading.issuer.name),
        ("parent", reading.issuer.parent),
        ("number", reading.number),
        ("place", reading.place),
        ("date", reading.date.isoformat() if reading.date else None),
        ("title", reading.title),
    ]
    out += [f"{label:8} {value}" for label, value in fields if value]
    out += [f"basis    {b.number} ({b.date or '?'}) {b.issuer or ''}".rstrip() for b in reading.bases]
    out += _activity_lines(reading.activities, depth=0)
    out += [f"deadline {d.date or '?'}: {d.what or d.text}" for d in reading.deadlines]
    for contact in reading.contacts:
        out.append(
            f"contact  {contact.name or '?'} {' '.join(contact.phones)} {' '.join(contact.emails)}".rstrip()
        )
    for a in reading.anniversaries:
        mark = "" if a.consistent is not False else "  [does not agree]"
        out.append(f"anniv.   {a.years} năm {a.event} ({a.start or '?'} – {a.end or '?'}){mark}")
    out += [f"to       {r.name}" + (f" ({r.purpose})" if r.purpose else "") for r in reading.recipients]
    if reading.signer:
        s = reading.signer
        out.append(f"signer   {' / '.join(x for x in (s.authority, s.title, s.name) if x)}")
    out += [f"warning  {w}" for w in reading.warnings]
    return "\n".join(out)


def _activity_lines(activities: Sequence[Activity], *, depth: int) -> list[str]:
    out = []
    for a in activities:
        when = ""
        if a.time:
            when = (
                f" [{a.time.start or '?'} – {a.time.end or '?'}]"
                if (a.time.start or a.time.end)
                else f" [{a.time.text}]"
            )
        units = ""
        if a.lead:
            units += f" lead: {'; '.join(a.lead)}"
        if a.coordinating:
            units += f" with: {'; '.join(a.coordinating)}"
        out.append(f"{'  ' * depth}- {a.number or '*'} {a.title}{when}{units}")
        out += _activity_lines(a.children, depth=depth + 1)
    return out


if __name__ == "__main__":
    sys.exit(main())
