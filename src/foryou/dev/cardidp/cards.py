"""Test cards: the 4 basic facts (基本4情報) a My Number Card carries, as the identity provider returns them."""

from dataclasses import asdict, dataclass


@dataclass(frozen=True)
class TestCard:
    __test__ = False  # not a pytest test class, whatever its name
    name: str  # 氏名, as on the card (kanji, a space between family and given name as the registry writes it)
    address: str  # 住所, the whole address as one string (都道府県 onwards)
    birthdate: str  # YYYY-MM-DD (OpenID Connect's birthdate)
    gender: str  # as on the card: 男 / 女
    label: str = ""  # what the tester reads on the picking page (never sent to the relying party)

    def claims(self) -> dict:
        facts = asdict(self)
        facts.pop("label")
        return facts


PREFECTURE = "千葉県"


def card_of(row: dict, municipality: str = "千葉市", label: str = "") -> TestCard:
    """The card a registry person would carry: name with a half-width space, the full address."""
    from foryou.enrollment.addresses import registry_address

    gender = {"1": "男", "2": "女"}.get(str(row.get("sex") or ""), "女")
    return TestCard(str(row["name"]).replace("\u3000", " "), PREFECTURE + registry_address(row, municipality),
                    row["birth_date"].isoformat(), gender, label)


_COLUMNS = ("resident_id", "name", "birth_date", "sex", "ward_name", "town_name", "address_number", "katagaki")


def demo_cards(con, municipality: str = "千葉市", registered: set[str] = frozenset()) -> list[TestCard]:
    """Cards for the demo's tester, from the synthetic city: three residents not registered yet, one protected
    (支援措置), one whose address differs from the register, one whose name and birth date two residents share
    if the city has such a pair, and one from outside the city."""
    def rows(sql: str, limit: int, params=()) -> list[dict]:
        return [dict(zip(_COLUMNS, r)) for r in con.execute(
            f"SELECT {', '.join(_COLUMNS)} FROM persons WHERE is_current AND birth_date_kind = 'exact' AND {sql} "
            f"ORDER BY resident_id LIMIT {int(limit) + len(registered)}", list(params)).fetchall()]

    plain = [r for r in rows("NOT protected AND hid NOT IN (SELECT hid FROM households WHERE protected) "
                             "AND birth_date < DATE '2008-01-01'", 4) if r["resident_id"] not in registered][:4]
    cards = [card_of(r, municipality, "未登録の住民") for r in plain[:3]]
    cards += [card_of(r, municipality, "支援措置の対象者") for r in rows("protected", 1)[:1]]
    if len(plain) > 3:  # moved within the city, the register not yet updated: the registrar decides
        moved = plain[3] | {"address_number": "9丁目99番99号", "katagaki": None}
        cards.append(card_of(moved, municipality, "住所の番地が住民記録と違う住民"))
    pair = con.execute("SELECT any_value(name), birth_date FROM persons WHERE is_current GROUP BY replace(name, '\u3000', ''), "
                       "birth_date HAVING count(*) > 1 LIMIT 1").fetchone()
    twins = rows("name = ? AND birth_date = ?", 1, pair) if pair else []
    cards += [card_of(twin, municipality, "同姓同名・同じ生年月日の住民が2人") for twin in twins[:1]]
    cards.append(TestCard("市外 太郎", "東京都千代田区霞が関1丁目1番1号", "1980-05-05", "男", "市外の住民"))
    return cards
