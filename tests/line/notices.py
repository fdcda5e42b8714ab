from foryou.shared.notice.flex import NoticeContent


def notice(**changes) -> NoticeContent:
    fields = dict(
        service_name="あなたが使える制度お知らせサービス", program_name="子育て応援手当",
        title="申請期限が近づいています", body="お子さまが生後2か月になりました。\n申請は30日以内にお願いします。",
        contact_department="こども未来局 こども支援課", contact_phone="043-245-5111",
        contact_hours="平日 8:30〜17:30",
        links=[("くわしく見る", "https://www.city.chiba.jp/kodomo/teate.html"),
               ("オンライン申請", "https://apply.example.jp/form?id=42")])
    fields.update(changes)
    return NoticeContent(**fields)
