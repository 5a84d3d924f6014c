"""One CSV download for every staff and organiser export, safe to open in a spreadsheet.

A text cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return would run
as a formula in Excel, LibreOffice or Google Sheets (``=HYPERLINK(...)`` in a member's name
becomes a live link). Following OWASP's advice for untrusted text, ``export_csv`` writes every
such text cell with a leading ``'``, which spreadsheets show as text. Numbers the site computes
itself (``int``, ``float``, ``Decimal``) stay numbers, so a negative score is still ``-1.5``;
anything else (dates, ``None``) is written through ``str`` and neutralised like text.
"""

import csv
from decimal import Decimal

from django.http import StreamingHttpResponse

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    """``value`` as a spreadsheet will read it inertly: text that starts like a formula gets
    a leading ``'``; numbers (not booleans) are left as they are."""
    if isinstance(value, (int, float, Decimal)) and not isinstance(value, bool):
        return value
    text = "" if value is None else str(value)
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


def unsafe_cell(text: str) -> str:
    """The value ``safe_cell`` wrote, for an import that reads our own export back."""
    if text.startswith("'") and text[1:].startswith(FORMULA_STARTS):
        return text[1:]
    return text


class _Echo:
    def write(self, value):
        return value


def export_csv(filename: str, header: list[str], rows) -> StreamingHttpResponse:
    """Stream ``rows`` (an iterable of lists) as a CSV download, in bounded memory, with
    every cell passed through ``safe_cell``."""
    writer = csv.writer(_Echo())

    def lines():
        yield writer.writerow([safe_cell(cell) for cell in header])
        for row in rows:
            yield writer.writerow([safe_cell(cell) for cell in row])

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
