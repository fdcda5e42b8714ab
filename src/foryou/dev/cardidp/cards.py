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
