"""What a ZIP package (.docx, .xlsx) may declare before anything in it is unpacked, so that a hostile
file cannot exhaust memory or time. Shared by the document engine's .docx reader
(documents/read/package.py) and the spreadsheet check (core/spreadsheets.py)."""

MB = 1024 * 1024

MAX_UNPACKED_BYTES = 200 * MB  # all members together, as the package's zip directory declares them
MAX_ZIP_MEMBERS = 10_000
MAX_ZIP_RATIO = 500  # uncompressed / compressed for a member over 1 MB; real XML stays far below
ZIP_RATIO_FLOOR = 1 * MB
