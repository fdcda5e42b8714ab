"""Problems found in an export: each names file, line, column and reason, and says what to do next."""

from dataclasses import asdict, dataclass

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

ERROR = "error"
WARNING = "warning"

# Reason codes and their messages. {value} and {detail} are filled in where known.
MESSAGES = {
    # file-level: nothing can be applied
    "missing_file": gettext_lazy("the file is missing from the export directory; export it again with all four files"),
    "empty_file": gettext_lazy("the file is empty (0 bytes); the export was cut short, export it again"),
    "binary_file": gettext_lazy("the file is not text (it contains NUL bytes); check that the right file was exported"),
    "unknown_encoding": gettext_lazy(
        "the file is neither UTF-8 nor CP932 ({detail}); export it again in UTF-8 or CP932 (Shift_JIS)"
    ),
    "no_header": gettext_lazy("the file has no header line; the first line must name the columns"),
    "header_unrecognized": gettext_lazy(
        "no column of the header is known: check that this is the right file and that it is UTF-8 or CP932"
    ),
    "missing_column": gettext_lazy("required column is missing from the header; add it (see docs/data-layout.md)"),
    "duplicate_column": gettext_lazy("the column appears twice in the header; remove one"),
    "no_rows": gettext_lazy("the file has a header but no rows; a full export of this file cannot be empty"),
    # row-level
    "missing_columns": gettext_lazy(
        "the line has {value} fields where the header has {detail}; the line may be truncated"
    ),
    "too_many_columns": gettext_lazy(
        "the line has more fields than the header's {detail}; check the quoting of commas"
    ),
    "unterminated_quote": gettext_lazy("a quoted field is never closed; the file may be truncated here"),
    "bad_csv_line": gettext_lazy("the line cannot be read as CSV ({detail})"),
    "required": gettext_lazy("required value is empty"),
    "not_digits": gettext_lazy("must be digits only, got {value!r}"),
    "bad_check_digit": gettext_lazy("check digit does not match (modulus 11), got {value!r}; check the number"),
    "not_kana": gettext_lazy("must be katakana"),
    "bad_date": gettext_lazy("not a date; write YYYYMMDD, YYYY-MM-DD or an era date such as 令和8年4月1日"),
    "registry_date_flagged": gettext_lazy("kept as given: {detail}"),
    "not_integer": gettext_lazy("must be a whole number of yen (digits, optionally a minus sign)"),
    "not_count": gettext_lazy("must be a whole number ≥ 0 (digits only)"),
    "bad_flag": gettext_lazy("must be 0 or 1, got {value!r}"),
    "bad_postal_code": gettext_lazy("must be a 7-digit postal code such as 260-8722, got {value!r}"),
    "bad_code": gettext_lazy("{value!r} is not one of the allowed codes ({detail})"),
    "duplicate_resident": gettext_lazy("宛名番号 {value} appears more than once (first at line {detail})"),
    "duplicate_tax_year": gettext_lazy("宛名番号 {value} has more than one row for this fiscal year (first at line {detail})"),
    "household_without_head": gettext_lazy("household {value} has current members but no 世帯主"),
    "household_two_heads": gettext_lazy("household {value} has more than one current 世帯主 (lines {detail})"),
    "removal_reason_missing": gettext_lazy("消除日 is set but 消除事由 is empty"),
    "unknown_resident": gettext_lazy("宛名番号 {value} is not among the accepted rows of persons.csv"),
    "left_out_with_household": gettext_lazy("left out with household {value}, which has an error"),
    "left_out_with_person": gettext_lazy("left out because the persons.csv row of 宛名番号 {value} has an error"),
    "end_before_start": gettext_lazy("受給終了日 is before 受給開始日"),
    "unknown_column": gettext_lazy("column is not part of the layout and was ignored"),
    "blank_line": gettext_lazy("blank line ignored"),
}

REGISTRY_FLAG_LABELS = {
    "unknown_day": gettext_lazy("day unknown"),
    "unknown_month": gettext_lazy("month and day unknown"),
    "non_calendar": gettext_lazy("not a calendar date"),
    "unknown": gettext_lazy("date unknown"),
}


@dataclass
class Problem:
    file: str
    line: int | None
    column: str  # the Japanese header, or "" for the whole line or file
    code: str
    severity: str = ERROR
    value: str | None = None  # shown only for columns that are not personal data
    detail: str = ""

    @property
    def message(self) -> str:
        detail = self.detail
        if self.code == "registry_date_flagged":
            detail = str(REGISTRY_FLAG_LABELS.get(detail, detail))
        return str(MESSAGES[self.code]).format(value=self.value, detail=detail)

    def where(self) -> str:
        parts = [self.file]
        if self.line:
            parts.append(_("line %(line)s") % {"line": self.line})
        if self.column:
            parts.append(self.column)
        return ", ".join(parts)

    def __str__(self):
        return f"{self.where()}: {self.message}"

    def as_dict(self) -> dict:
        return asdict(self) | {"message": self.message}


class ExportRejected(Exception):
    """A file-level problem: nothing of this export can be applied."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("; ".join(str(p) for p in problems))
