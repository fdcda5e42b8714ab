"""Synthetic postcards for tests, the docs and a print-shop proof. Nobody here is a real person.

    python -m foryou.enrollment.postcards.samples proof.pdf
"""

import sys
from datetime import date

from .cards import Postcard, Sender


def chiba_sender() -> Sender:
    return Sender(
        municipality="千葉市",
        department="総務局 業務改革推進課",
        postal_code="2608722",
        address="千葉市中央区千葉港1番1号",
        phone="043-245-5000",
        service_name="あなたが使える制度お知らせサービス",
        post_office="千葉中央",
    )


def sample_card(name: str = "𠮷田　太郎", number: str = "1234567890123456", **changes) -> Postcard:
    fields = dict(
        postal_code="2608722",
        address="千葉市中央区千葉港1番1号",
        katagaki="千葉ハイツ101号室",
        name=name,
        registration_number=number,
        activation_url=f"https://foryou.example.jp/activate?n={number}",
        expires_on=date(2027, 2, 26),
    )
    return Postcard(**(fields | changes))


def proof_cards() -> list[Postcard]:
    """Cards that exercise the layout: a rare kanji, an IVS, a long address, a long foreign name."""
    return [
        sample_card(),
        sample_card("葛\U000E0100西　花子", "9876543210987654", postal_code="2610012",
                    address="千葉市美浜区磯辺3丁目44番12-305号", katagaki=""),
        sample_card("髙橋　ジョナサン　エリザベス　ウィリアムズ", "1111222233334444", postal_code="2640021",
                    address="千葉市若葉区若松町2118番地の11", katagaki="グリーンハイツ若松Ａ棟２０３"),
    ]


if __name__ == "__main__":  # pragma: no cover
    from .stamp import write_batch

    print(write_batch(proof_cards(), chiba_sender(), sys.argv[1] if len(sys.argv) > 1 else "postcards-proof.pdf"))
