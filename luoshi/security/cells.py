"""Text from documents and units written into spreadsheets stays text.

A cell that begins with = + - @ (or a tab or carriage return, which some spreadsheet
programs skip before looking) is taken for a formula when a CSV is opened in Excel or
WPS: `=HYPERLINK("http://…","x")` typed by a unit would become a live link in a public
download. In CSV such a cell gets a leading ' (the usual neutraliser, shown by none of
them as part of the value); in XLSX every text cell is stored as a string, never as a
formula. No Django here."""

from __future__ import annotations

import csv

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_text(value):
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


class CsvWriter:
    """csv.writer whose rows go through csv_text."""

    def __init__(self, out, **kwargs):
        self.writer = csv.writer(out, **kwargs)

    def writerow(self, row):
        return self.writer.writerow([csv_text(v) for v in row])

    def writerows(self, rows):
        for row in rows:
            self.writerow(row)


def append_text_row(sheet, row) -> None:
    """sheet.append(row), with every str cell stored as a string: openpyxl would store a
    value beginning with = as a formula."""
    sheet.append(row)
    for cell in sheet[sheet.max_row]:
        if isinstance(cell.value, str):
            cell.data_type = "s"
