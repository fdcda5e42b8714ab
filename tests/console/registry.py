"""A small imported city for the registrar's pages: the valid export, plus a protected namesake of
千葉 太郎 born the same day, and a household whose 番地 column repeats its town."""

import io

from foryou.residents.checkdigit import with_check_digit
from foryou.residents.services import run_import
from tests.residents.conftest import AS_OF
from tests.residents.exports import person, valid_export, write_export

HIDDEN = with_check_digit("000001240")  # 千葉 太朗, born the same day as TARO, under 支援措置
ASUMI = with_check_digit("000001241")  # lives in あすみが丘; the export repeats the town in 番地


def import_city(directory) -> None:
    files = valid_export()
    files["persons.csv"] += [
        person(HIDDEN, "0000300044", "千葉　太朗", "チバ タロウ", "19850412", "1", "世帯主", 支援措置="1"),
        person(ASUMI, "0000300055", "土気　花", "トケ ハナ", "19700707", "2", "世帯主", 郵便番号="267-0066",
               行政区コード="12106", 行政区="緑区", 町字コード="0106001", 町字="あすみが丘",
               番地="あすみが丘1丁目2番3号"),
    ]
    run_import(write_export(directory, files), AS_OF, stream=io.StringIO())
