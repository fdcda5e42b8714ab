"""The municipality's own town list (町字, public data) on the gateway, for filling in an address
from a postal code. It holds no resident data: FORYOU_TOWNS_FILE is a CSV with 町字コード, 町字,
行政区コード, 行政区, 郵便番号 (the demo uses the synthetic city's towns.csv)."""

import csv
from functools import lru_cache
from pathlib import Path

from django.conf import settings


@lru_cache(maxsize=2)
def _load(path: str, mtime: float) -> dict[str, list[dict]]:
    raw = Path(path).read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("cp932")
    by_postal: dict[str, list[dict]] = {}
    for row in csv.DictReader(text.splitlines()):
        postal = (row.get("郵便番号") or "").replace("-", "")
        by_postal.setdefault(postal, []).append({"ward": row.get("行政区", ""), "town": row.get("町字", "")})
    return by_postal


def towns_for(postal_code: str) -> list[dict]:
    path = settings.TOWNS_FILE
    if not path or not Path(path).is_file():
        return []
    return _load(str(path), Path(path).stat().st_mtime).get(postal_code, [])
