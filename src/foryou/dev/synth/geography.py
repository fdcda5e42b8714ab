"""The city's wards and its own town list (町字), with postal codes, 番地 and 方書 for households.

Town names are Chiba's; codes and postal codes are made up in the right ranges. Each town has an
address style: "C" 住居表示 with 丁目 ("1丁目2番3号", the number after C is how many 丁目), "B"
住居表示 without 丁目 ("12番3号"), "L" a lot number area ("123番地4").
"""

from dataclasses import dataclass

import numpy as np

# code, name, share of the city's population (Chiba City, 2020s)
WARDS = (
    ("12101", "中央区", 0.216), ("12102", "花見川区", 0.176), ("12103", "稲毛区", 0.161),
    ("12104", "若葉区", 0.150), ("12105", "緑区", 0.130), ("12106", "美浜区", 0.167),
)

# Per ward: "name postal style" entries.
_TOWNS = {
    "12101": "中央 2600013 C4|千葉港 2600026 B|新町 2600028 B|富士見 2600015 C2|本千葉町 2600014 B|院内 2600016 C2"
             "|栄町 2600017 B|弁天 2600045 C4|松波 2600044 C4|椿森 2600042 C6|亥鼻 2600853 C3|登戸 2600032 C5"
             "|新宿 2600021 C2|市場町 2600855 B|長洲 2600854 C2|末広 2600843 C5|蘇我 2600833 C5|今井 2600834 C3"
             "|大森町 2600842 L|星久喜町 2600808 L|仁戸名町 2600801 L|松ケ丘町 2600807 L|千葉寺町 2600812 L"
             "|川戸町 2600802 L|生実町 2600813 L|南生実町 2600814 L|浜野町 2600826 L|村田町 2600835 L"
             "|宮崎 2600806 C2|稲荷町 2600817 C3|神明町 2600007 B|問屋町 2600025 B|新千葉 2600031 C3"
             "|道場北 2600003 C2|道場南 2600006 C2|要町 2600018 B|旭町 2600004 B|葛城 2600852 C3|祐光 2600856 C4"
             "|東本町 2600005 B|都町 2600001 C8|中央港 2600024 C2",
    "12102": "幕張町 2620032 C6|幕張本郷 2620033 C7|検見川町 2620023 C5|花園 2620025 C5|花園町 2620026 L"
             "|朝日ケ丘 2620021 C5|作新台 2620041 C8|武石町 2620031 C2|犢橋町 2620012 L|柏井町 2620003 L"
             "|長作町 2620044 L|畑町 2620017 L|瑞穂 2620018 C3|千種町 2620011 L|宮野木台 2620006 C4|横戸町 2620001 L"
             "|浪花町 2620022 L|さつきが丘 2620046 C2|こてはし台 2620013 C6|天戸町 2620005 L|長作台 2620045 C2"
             "|南花園 2620024 C2|み春野 2620019 C3|柏井 2620004 C4",
    "12103": "稲毛 2630035 C3|稲毛東 2630031 C6|稲毛台町 2630034 B|小仲台 2630043 C9|轟町 2630021 C5"
             "|弥生町 2630022 B|作草部 2630015 C2|作草部町 2630017 L|天台 2630016 C6|園生町 2630051 L|穴川 2630024 C4"
             "|萩台町 2630011 L|長沼町 2630005 L|山王町 2630002 L|宮野木町 2630054 L|黒砂 2630041 C4|緑町 2630023 C2"
             "|六方町 2630006 L|長沼原町 2630001 L|小深町 2630003 L|あやめ台 2630052 B|柏台 2630025 B|稲丘町 2630033 B"
             "|黒砂台 2630042 C3|稲毛町 2630037 C5",
    "12104": "都賀 2640025 C5|都賀の台 2640024 C4|桜木 2640028 C8|桜木北 2640027 C3|若松町 2640021 L|貝塚町 2640034 L"
             "|千城台北 2640003 C4|千城台南 2640004 C4|千城台東 2640002 C4|千城台西 2640005 C2|みつわ台 2640032 C5"
             "|源町 2640036 L|大宮町 2640015 L|小倉台 2640007 C7|小倉町 2640006 L|加曽利町 2640017 L|坂月町 2640011 L"
             "|高品町 2640031 L|御成台 2640001 C3|大草町 2650061 L|中田町 2650053 L|更科町 2650052 L|下田町 2650062 L"
             "|野呂町 2650051 L|和泉町 2650074 L|多部田町 2640014 L|西都賀 2640026 C5|貝塚 2640035 C2",
    "12105": "おゆみ野 2660031 C6|おゆみ野中央 2660032 C9|おゆみ野南 2660033 C6|おゆみ野有吉 2660034 B|鎌取町 2660003 L"
             "|誉田町 2660005 C3|土気町 2660053 L|あすみが丘 2660066 C9|あすみが丘東 2660067 C5|大椎町 2660061 L"
             "|高田町 2660004 L|越智町 2660056 L|平山町 2660014 L|古市場町 2660013 L|辺田町 2660015 L|椎名崎町 2660011 L"
             "|刈田子町 2660023 L|東山科町 2660062 L|大野台 2660007 C2|板倉町 2660054 L|小食土町 2660057 L"
             "|落井町 2660017 L|茂呂町 2660021 L|あすみが丘西 2660068 C3",
    "12106": "幕張西 2610026 C6|真砂 2610011 C5|磯辺 2610012 C8|高洲 2610004 C4|稲毛海岸 2610005 C5|高浜 2610003 C7"
             "|幸町 2610001 C2|新港 2610002 B|打瀬 2610013 C3|若葉 2610014 C3|中瀬 2610023 C2|浜田 2610025 C2"
             "|ひび野 2610021 C2|豊砂 2610024 B|美浜 2610022 B|幕張ベイパーク 2610027 C2",
}

# Wards of old tower blocks and public housing: more households live in flats.
_FLAT_SHARE = {"12101": 0.58, "12102": 0.45, "12103": 0.52, "12104": 0.32, "12105": 0.38, "12106": 0.78}


@dataclass(frozen=True)
class Towns:
    code: np.ndarray  # object arrays of strings, one entry per town
    name: np.ndarray
    ward_code: np.ndarray
    ward_name: np.ndarray
    postal: np.ndarray
    chome: np.ndarray  # int: number of 丁目 (0 when the style is B or L)
    style: np.ndarray  # "C", "B", "L"
    flat_share: np.ndarray
    cdf: np.ndarray  # where households live: ward share × town weight

    def rows(self) -> list[tuple[str, ...]]:
        """towns.csv rows: 町字コード, 町字, 行政区コード, 行政区, 郵便番号."""
        return list(zip(self.code, self.name, self.ward_code, self.ward_name, self.postal))


def _build() -> Towns:
    code, name, ward_code, ward_name, postal, chome, style, flat, weight = ([] for _ in range(9))
    for ward_no, (wcode, wname, share) in enumerate(WARDS, start=1):
        entries = [item.split(" ") for item in _TOWNS[wcode].split("|")]
        # Residential 住居表示 districts hold most people; lot-number areas are the rural edges.
        w = np.array([2.0 + 2.0 * int(s[1:]) if s[0] == "C" else (3.0 if s == "B" else 1.2) for _, _, s in entries])
        w = share * w / w.sum()
        for serial, ((town, pc, st), tw) in enumerate(zip(entries, w), start=1):
            code.append(f"{ward_no:02d}{serial:02d}000")  # 4-digit 大字・町 id + 000 (丁目 kept in 番地)
            name.append(town)
            ward_code.append(wcode)
            ward_name.append(wname)
            postal.append(pc)
            chome.append(int(st[1:]) if st[0] == "C" else 0)
            style.append(st[0])
            flat.append(_FLAT_SHARE[wcode] * (0.45 if st == "L" else 1.1))
            weight.append(tw)
    arr = lambda xs: np.array(xs, dtype=object)  # noqa: E731
    return Towns(arr(code), arr(name), arr(ward_code), arr(ward_name), arr(postal), np.array(chome),
                 np.array(style), np.minimum(np.array(flat), 0.9), np.cumsum(weight) / np.sum(weight))


TOWNS = _build()

_FLAT_PREFIX = ("グリーン", "サン", "パーク", "ロイヤル", "メゾン", "コーポ", "シャトー", "グラン", "ベル", "リバー",
                "セントラル", "エスポワール", "ライオンズマンション", "ルネ", "クレスト", "ファミール", "プラウド")
_FLAT_SUFFIX = ("ハイツ", "コート", "レジデンス", "ヒルズ", "ガーデン", "テラス", "ハウス", "マンション", "荘", "パレス")


def choose_towns(rng: np.random.Generator, n: int) -> np.ndarray:
    return np.searchsorted(TOWNS.cdf, rng.random(n), side="right").clip(0, len(TOWNS.cdf) - 1).astype(np.int16)


def address_numbers(rng: np.random.Generator, towns: np.ndarray) -> np.ndarray:
    """番地 for each household, in its town's address style."""
    n = len(towns)
    chome = 1 + np.floor(rng.random(n) * np.maximum(TOWNS.chome[towns], 1)).astype(int)
    ban = rng.integers(1, 36, n)
    go = rng.integers(1, 28, n)
    lot = np.minimum(rng.zipf(1.35, n), 2500) + rng.integers(0, 40, n)
    branch = np.where(rng.random(n) < 0.7, rng.integers(1, 30, n), 0)
    style = TOWNS.style[towns]
    out = np.empty(n, dtype=object)
    for i, (s, c, b, g, lt, br) in enumerate(zip(style.tolist(), chome.tolist(), ban.tolist(), go.tolist(),
                                                  lot.tolist(), branch.tolist())):
        if s == "C":
            out[i] = f"{c}丁目{b}番{g}号"
        elif s == "B":
            out[i] = f"{b}番{g}号"
        else:
            out[i] = f"{lt}番地{br}" if br else f"{lt}番地"
    return out


def katagaki(rng: np.random.Generator, towns: np.ndarray, in_flat: np.ndarray) -> np.ndarray:
    """方書 (building and room) for households living in flats, "" for houses."""
    n = len(towns)
    out = np.full(n, "", dtype=object)
    idx = np.flatnonzero(in_flat)
    k = len(idx)
    if not k:
        return out
    form = rng.random(k)
    prefix = rng.integers(0, len(_FLAT_PREFIX), k)
    suffix = rng.integers(0, len(_FLAT_SUFFIX), k)
    floor = np.minimum(1 + rng.geometric(0.35, k), 30)
    room = floor * 100 + rng.integers(1, 12, k)
    wing = rng.integers(1, 40, k)
    names = TOWNS.name[towns[idx]]
    for j, i in enumerate(idx.tolist()):
        town = names[j].removesuffix("町")
        f = form[j]
        if f < 0.35:
            text = f"{_FLAT_PREFIX[prefix[j]]}{_FLAT_SUFFIX[suffix[j]]}{room[j]}号室"
        elif f < 0.65:
            text = f"{_FLAT_PREFIX[prefix[j]]}{town}{room[j]}号室"
        elif f < 0.85:
            text = f"{town}{_FLAT_SUFFIX[suffix[j]]}{room[j]}"
        else:
            # 公団・公営住宅: numbered blocks ("高洲第一団地3-405" style, digits as numbers here).
            text = f"{town}第{1 + wing[j] % 4}団地{wing[j]}-{room[j]}"
        out[i] = text
    return out
