"""Name pools: family names with readings and rough frequencies, given names by birth era and sex.

氏名 is written "family　given" (ideographic space), 氏名カナ "ファミリー ギブン" (one ASCII space), as
core systems usually print them. Variant and IVS family names appear at a few per thousand, as in a
real register; generate() also gives each of them to one of the first households so that every city
of 1,000 or more residents contains them all.
"""

import numpy as np

IVS = "\U000E0100"  # VARIATION SELECTOR-17: the first Ideographic Variation Sequence selector

# kanji, kana, frequency (thousands of people in Japan, rounded)
_FAMILY = """
佐藤 サトウ 1870|鈴木 スズキ 1790|高橋 タカハシ 1410|田中 タナカ 1340|伊藤 イトウ 1080|渡辺 ワタナベ 1070
山本 ヤマモト 1070|中村 ナカムラ 1050|小林 コバヤシ 1040|加藤 カトウ 890|吉田 ヨシダ 840|山田 ヤマダ 820
佐々木 ササキ 680|山口 ヤマグチ 640|松本 マツモト 630|井上 イノウエ 610|木村 キムラ 580|林 ハヤシ 550
斎藤 サイトウ 550|清水 シミズ 540|山崎 ヤマザキ 490|森 モリ 470|池田 イケダ 440|橋本 ハシモト 440
阿部 アベ 450|石川 イシカワ 430|山下 ヤマシタ 420|中島 ナカジマ 410|石井 イシイ 480|小川 オガワ 410
前田 マエダ 400|岡田 オカダ 400|長谷川 ハセガワ 400|藤田 フジタ 400|後藤 ゴトウ 400|近藤 コンドウ 380
村上 ムラカミ 370|遠藤 エンドウ 350|青木 アオキ 350|坂本 サカモト 340|斉藤 サイトウ 340|福田 フクダ 340
太田 オオタ 330|西村 ニシムラ 330|藤井 フジイ 320|金子 カネコ 320|岡本 オカモト 320|藤原 フジワラ 320
中野 ナカノ 310|三浦 ミウラ 310|原田 ハラダ 310|中川 ナカガワ 300|松田 マツダ 300|竹内 タケウチ 300
小野 オノ 300|田村 タムラ 300|中山 ナカヤマ 290|和田 ワダ 290|石田 イシダ 290|森田 モリタ 290
上田 ウエダ 280|原 ハラ 280|内田 ウチダ 280|柴田 シバタ 280|酒井 サカイ 280|宮崎 ミヤザキ 280
横山 ヨコヤマ 270|高木 タカギ 270|安藤 アンドウ 270|宮本 ミヤモト 270|大野 オオノ 270|小島 コジマ 260
谷口 タニグチ 260|今井 イマイ 260|工藤 クドウ 260|高田 タカダ 250|増田 マスダ 250|丸山 マルヤマ 250
杉山 スギヤマ 250|村田 ムラタ 250|大塚 オオツカ 250|小山 コヤマ 240|藤本 フジモト 240|平野 ヒラノ 240
新井 アライ 240|河野 コウノ 240|上野 ウエノ 240|野口 ノグチ 230|武田 タケダ 230|松井 マツイ 230
千葉 チバ 230|菅原 スガワラ 230|岩崎 イワサキ 230|木下 キノシタ 230|久保 クボ 220|佐野 サノ 220
野村 ノムラ 220|松尾 マツオ 220|市川 イチカワ 220|菊地 キクチ 220|杉本 スギモト 220|古川 フルカワ 210
大西 オオニシ 210|島田 シマダ 210|水野 ミズノ 210|桜井 サクライ 210|高野 タカノ 210|渡部 ワタナベ 210
吉川 ヨシカワ 210|山内 ヤマウチ 200|西田 ニシダ 200|飯田 イイダ 200|菊池 キクチ 200|西川 ニシカワ 200
小松 コマツ 200|北村 キタムラ 200|安田 ヤスダ 200|五十嵐 イガラシ 200|川口 カワグチ 200|平田 ヒラタ 200
関 セキ 200|中田 ナカタ 200|久保田 クボタ 190|服部 ハットリ 190|東 アズマ 190|岩田 イワタ 190
土屋 ツチヤ 190|川崎 カワサキ 190|福島 フクシマ 190|本田 ホンダ 190|辻 ツジ 190|樋口 ヒグチ 190
秋山 アキヤマ 180|田口 タグチ 180|永井 ナガイ 180|山中 ヤマナカ 180|中西 ナカニシ 180|吉村 ヨシムラ 180
川上 カワカミ 180|石原 イシハラ 180|大橋 オオハシ 180|松岡 マツオカ 180|馬場 ババ 180|浅野 アサノ 170
荒木 アラキ 170|大久保 オオクボ 170|野田 ノダ 170|小池 コイケ 170|田辺 タナベ 170|松下 マツシタ 170
星野 ホシノ 170|黒田 クロダ 170|堀 ホリ 170|尾崎 オザキ 160|望月 モチヅキ 160|永田 ナガタ 160
熊谷 クマガイ 160|内藤 ナイトウ 160|松村 マツムラ 160|西山 ニシヤマ 160|大谷 オオタニ 160|平井 ヒライ 160
大島 オオシマ 160|岩本 イワモト 160|片山 カタヤマ 160|本間 ホンマ 150|早川 ハヤカワ 150|横田 ヨコタ 150
岡崎 オカザキ 150|荒井 アライ 150|大石 オオイシ 150|鎌田 カマタ 150|成田 ナリタ 150|宮田 ミヤタ 150
小田 オダ 150|石橋 イシバシ 150|篠原 シノハラ 150|須藤 スドウ 150|河合 カワイ 150|大川 オオカワ 140
高山 タカヤマ 140|萩原 ハギワラ 140|宮下 ミヤシタ 140|大村 オオムラ 140|内山 ウチヤマ 140|鶴岡 ツルオカ 60
椎名 シイナ 70|越川 コシカワ 40|鵜沢 ウザワ 40|香取 カトリ 50|葛西 カサイ 50|辻本 ツジモト 60
"""

# Old and variant forms, each kept at about 2.5 per thousand households (see VARIANT_SHARE).
VARIANT_FAMILY = (
    ("髙橋", "タカハシ"), ("山﨑", "ヤマザキ"), ("渡邉", "ワタナベ"), ("渡邊", "ワタナベ"),
    ("齋藤", "サイトウ"), ("齊藤", "サイトウ"), ("𠮷田", "ヨシダ"),
    ("葛" + IVS + "西", "カサイ"), ("辻" + IVS + "本", "ツジモト"),
)
VARIANT_SHARE = 0.0025

# Given names per birth era (last birth year of the era) and sex: "kanji kana" pairs, commonest first.
_GIVEN = {
    (1940, 1): "清 キヨシ|茂 シゲル|勇 イサム|博 ヒロシ|進 ススム|実 ミノル|正 タダシ|三郎 サブロウ|武 タケシ|稔 ミノル"
               "|正雄 マサオ|義雄 ヨシオ|勝 マサル|弘 ヒロシ|一郎 イチロウ|次郎 ジロウ|昭 アキラ|和夫 カズオ|幸雄 ユキオ"
               "|正一 ショウイチ|秀雄 ヒデオ|利夫 トシオ|繁 シゲル|豊 ユタカ|忠 タダシ|久雄 ヒサオ|信夫 ノブオ",
    (1940, 2): "和子 カズコ|幸子 サチコ|節子 セツコ|文子 フミコ|久子 ヒサコ|千代子 チヨコ|静子 シズコ|信子 ノブコ"
               "|照子 テルコ|敏子 トシコ|弘子 ヒロコ|光子 ミツコ|美代子 ミヨコ|清子 キヨコ|初子 ハツコ|君子 キミコ"
               "|芳子 ヨシコ|冨美子 フミコ|トメ トメ|ウメ ウメ|キヨ キヨ|ハル ハル|良子 ヨシコ|貞子 サダコ|正子 マサコ|愛子 アイコ",
    (1960, 1): "博 ヒロシ|隆 タカシ|修 オサム|勝 マサル|明 アキラ|誠 マコト|茂 シゲル|清 キヨシ|進 ススム|豊 ユタカ"
               "|和夫 カズオ|正 タダシ|健一 ケンイチ|浩 ヒロシ|幸一 コウイチ|正人 マサト|敏夫 トシオ|孝 タカシ|秀樹 ヒデキ"
               "|文雄 フミオ|克己 カツミ|哲夫 テツオ|光男 ミツオ|治 オサム|功 イサオ|勉 ツトム|猛 タケシ",
    (1960, 2): "洋子 ヨウコ|恵子 ケイコ|京子 キョウコ|幸子 サチコ|和子 カズコ|美智子 ミチコ|悦子 エツコ|節子 セツコ"
               "|順子 ジュンコ|典子 ノリコ|久美子 クミコ|由美子 ユミコ|正子 マサコ|弘子 ヒロコ|良子 ヨシコ|孝子 タカコ"
               "|恵美子 エミコ|陽子 ヨウコ|明美 アケミ|裕子 ユウコ|美代子 ミヨコ|啓子 ケイコ|紀子 ノリコ|邦子 クニコ|厚子 アツコ|晴美 ハルミ",
    (1980, 1): "誠 マコト|浩 ヒロシ|健一 ケンイチ|哲也 テツヤ|学 マナブ|聡 サトシ|剛 ツヨシ|直樹 ナオキ|和彦 カズヒコ"
               "|浩二 コウジ|秀樹 ヒデキ|隆之 タカユキ|健二 ケンジ|博之 ヒロユキ|淳 ジュン|徹 トオル|大輔 ダイスケ|拓也 タクヤ"
               "|達也 タツヤ|智之 トモユキ|健太郎 ケンタロウ|英樹 ヒデキ|雅之 マサユキ|修一 シュウイチ|伸也 シンヤ|亮 リョウ",
    (1980, 2): "由美子 ユミコ|久美子 クミコ|恵美子 エミコ|裕子 ユウコ|真由美 マユミ|明美 アケミ|直美 ナオミ|智子 トモコ"
               "|陽子 ヨウコ|典子 ノリコ|和美 カズミ|美穂 ミホ|純子 ジュンコ|香織 カオリ|恵 メグミ|由香 ユカ|幸恵 サチエ"
               "|美香 ミカ|麻美 アサミ|京子 キョウコ|知子 トモコ|綾子 アヤコ|理恵 リエ|雅子 マサコ|奈美 ナミ|朋子 トモコ",
    (2000, 1): "翔太 ショウタ|大輔 ダイスケ|拓也 タクヤ|健太 ケンタ|直人 ナオト|和也 カズヤ|翔 ショウ|大樹 ダイキ"
               "|拓海 タクミ|達也 タツヤ|雄太 ユウタ|亮 リョウ|隼人 ハヤト|涼 リョウ|翼 ツバサ|健 ケン|誠 マコト|洋平 ヨウヘイ"
               "|慎吾 シンゴ|大介 ダイスケ|優 ユウ|駿 シュン|輝 ヒカル|祐介 ユウスケ|悠太 ユウタ|貴之 タカユキ|裕太 ユウタ",
    (2000, 2): "愛 アイ|彩 アヤ|美咲 ミサキ|麻衣 マイ|沙織 サオリ|舞 マイ|千尋 チヒロ|優子 ユウコ|恵 メグミ|智美 トモミ"
               "|由佳 ユカ|絵美 エミ|彩香 アヤカ|明日香 アスカ|瞳 ヒトミ|萌 モエ|七海 ナナミ|遥 ハルカ|葵 アオイ|真由 マユ"
               "|美穂 ミホ|沙也加 サヤカ|奈々 ナナ|理沙 リサ|彩乃 アヤノ|美紀 ミキ",
    (9999, 1): "蓮 レン|陽翔 ハルト|湊 ミナト|大翔 ヒロト|悠真 ユウマ|樹 イツキ|蒼 アオイ|朝陽 アサヒ|律 リツ|颯太 ソウタ"
               "|悠人 ユウト|陽太 ヨウタ|颯 ハヤテ|大和 ヤマト|奏太 ソウタ|碧 アオ|結翔 ユイト|蒼空 ソラ|琉生 ルイ|悠斗 ユウト"
               "|陸 リク|翔 ショウ|海斗 カイト|優斗 ユウト|颯真 ソウマ|新 アラタ",
    (9999, 2): "陽葵 ヒマリ|凛 リン|芽依 メイ|結菜 ユイナ|葵 アオイ|さくら サクラ|結愛 ユア|莉子 リコ|美桜 ミオ|紬 ツムギ"
               "|澪 ミオ|咲良 サクラ|杏 アン|結衣 ユイ|陽菜 ヒナ|花 ハナ|心春 コハル|美月 ミツキ|楓 カエデ|凪 ナギ|彩花 アヤカ"
               "|芽衣 メイ|美結 ミユ|心愛 ココア|ひなた ヒナタ|美羽 ミウ",
}
ERA_ENDS = sorted({end for end, _ in _GIVEN})


def _family_pool():
    entries = [item.split(" ") for item in _FAMILY.replace("\n", "|").split("|") if item.strip()]
    kanji = [k for k, _, _ in entries] + [k for k, _ in VARIANT_FAMILY]
    kana = [r for _, r, _ in entries] + [r for _, r in VARIANT_FAMILY]
    weights = np.array([float(w) for _, _, w in entries])
    share = VARIANT_SHARE * weights.sum() / (1 - VARIANT_SHARE * len(VARIANT_FAMILY))
    weights = np.concatenate([weights, np.full(len(VARIANT_FAMILY), share)])
    return np.array(kanji, dtype=object), np.array(kana, dtype=object), np.cumsum(weights)


FAMILY_KANJI, FAMILY_KANA, _FAMILY_CDF = _family_pool()
VARIANT_INDEX = np.arange(len(FAMILY_KANJI) - len(VARIANT_FAMILY), len(FAMILY_KANJI))


def _given_pool():
    kanji, kana, starts, cdf = [], [], {}, []
    for key in sorted(_GIVEN):
        names = [item.split(" ") for item in _GIVEN[key].split("|")]
        starts[key] = (len(kanji), len(names))
        kanji += [k for k, _ in names]
        kana += [r for _, r in names]
        # Commoner names first: a gentle Zipf weighting inside each pool.
        w = 1.0 / (np.arange(len(names)) + 4.0)
        cdf.append(np.cumsum(w) / w.sum())
    return np.array(kanji, dtype=object), np.array(kana, dtype=object), starts, cdf


GIVEN_KANJI, GIVEN_KANA, _GIVEN_STARTS, _GIVEN_CDFS = _given_pool()


def family_names(rng: np.random.Generator, n: int) -> np.ndarray:
    """Indices into FAMILY_KANJI / FAMILY_KANA."""
    return np.searchsorted(_FAMILY_CDF, rng.random(n) * _FAMILY_CDF[-1], side="right").astype(np.int32)


def given_names(rng: np.random.Generator, birth_years: np.ndarray, sexes: np.ndarray) -> np.ndarray:
    """Indices into GIVEN_KANJI / GIVEN_KANA, from the pool of each person's birth era and sex."""
    era = np.searchsorted(np.array(ERA_ENDS), birth_years, side="left")
    u = rng.random(len(birth_years))
    out = np.zeros(len(birth_years), dtype=np.int32)
    for e, end in enumerate(ERA_ENDS):
        for sex in (1, 2):
            pick = (era == e) & (sexes == sex)
            if pick.any():
                key = (end, sex)
                start, _ = _GIVEN_STARTS[key]
                cdf = _GIVEN_CDFS[sorted(_GIVEN).index(key)]
                out[pick] = start + np.minimum(np.searchsorted(cdf, u[pick], side="right"), len(cdf) - 1)
    return out


def next_in_pool(index: np.ndarray) -> np.ndarray:
    """The next name of the same pool (wrapping): used to give siblings different names."""
    out = index.copy()
    for start, size in _GIVEN_STARTS.values():
        inside = (index >= start) & (index < start + size)
        out[inside] = start + (index[inside] - start + 1) % size
    return out
