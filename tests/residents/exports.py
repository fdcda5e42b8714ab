"""Small hand-made exports for import tests: a valid city of two households, and helpers to break it."""

import csv
from pathlib import Path

from foryou.residents import layout
from foryou.residents.checkdigit import with_check_digit

TARO = with_check_digit("000001234")
HANAKO = with_check_digit("000001235")
ICHIRO = with_check_digit("000001236")
UME = with_check_digit("000001237")
LEFT = with_check_digit("000001238")


def person(resident_id, household, name, kana, born, sex, relationship, **extra):
    row = {
        "宛名番号": resident_id, "世帯番号": household, "氏名": name, "氏名カナ": kana, "生年月日": born,
        "性別": sex, "続柄": relationship, "郵便番号": "260-8722", "行政区コード": "12101", "行政区": "中央区",
        "町字コード": "0012001", "町字": "千葉港", "番地": "1番1号", "方書": "", "住民となった年月日": "20100401",
        "異動事由": "転入", "消除日": "", "消除事由": "", "支援措置": "0",
    }
    row.update(extra)
    return row


def valid_export() -> dict[str, list[dict]]:
    return {
        "persons.csv": [
            person(TARO, "0000300011", "千葉　太郎", "チバ タロウ", "19850412", "1", "世帯主"),
            person(HANAKO, "0000300011", "千葉　花子", "ﾁﾊﾞ ﾊﾅｺ", "19870301", "2", "妻"),
            person(ICHIRO, "0000300011", "千葉　一郎", "ちば いちろう", "20260801", "1", "子", 異動事由="出生"),
            person(UME, "0000300022", "髙橋　うめ", "タカハシ ウメ", "19350400", "2", "世帯主"),
            person(LEFT, "0000300033", "𠮷田　次郎", "ヨシダ ジロウ", "19500101", "1", "世帯主",
                   消除日="20250310", 消除事由="死亡", 異動事由="死亡"),
        ],
        "resident_tax.csv": [
            {"宛名番号": TARO, "課税年度": "2026", "合計所得金額": "4200000", "所得割額": "250000",
             "均等割額": "5000", "非課税区分": "0", "扶養親族数": "2"},
            {"宛名番号": UME, "課税年度": "2026", "合計所得金額": "0", "所得割額": "0",
             "均等割額": "0", "非課税区分": "2", "扶養親族数": "0"},
        ],
        "allowances.csv": [
            {"宛名番号": TARO, "制度コード": "JIDO_TEATE", "受給開始日": "20260901", "受給終了日": "", "状態": "受給中"},
        ],
        "checkups.csv": [
            {"宛名番号": ICHIRO, "種別": "乳児一般健康診査1回目", "実施日": "2026-09-05"},
        ],
    }


def write_export(directory: Path, files: dict[str, list[dict]], encoding: str = "utf-8",
                 headers: dict[str, list[str]] | None = None, errors: str = "strict") -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    for export in layout.EXPORT_FILES:
        rows = files.get(export.filename)
        if rows is None:
            continue
        header = (headers or {}).get(export.filename) or [c.header for c in export.columns]
        with open(directory / export.filename, "w", encoding=encoding, errors=errors, newline="") as handle:
            writer = csv.writer(handle, lineterminator="\r\n")
            writer.writerow(header)
            for row in rows:
                writer.writerow([row.get(h, "") for h in header])
    return directory


def read_rows(path: Path) -> list[dict]:
    """A UTF-8 export file as dicts keyed by its (Japanese) headers."""
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))
