"""The resident data layout: the files a municipality's core systems export, with Japanese headers
after the national standard (基本データリスト) and English aliases. docs/data-layout.md describes the
same thing for people; tests keep the two in step.

Every export is one directory with the four files below. Importers, the synthetic city and the
analysis store all read their column lists from here.
"""

from dataclasses import dataclass, field

# Column types. Checks for each live in residents/importer/checks.py.
DIGITS = "digits"  # ASCII digits only (leading zeros kept), e.g. 宛名番号
RESIDENT_ID = "resident_id"  # digits whose last digit is a modulus-11 check digit
TEXT = "text"
KANA = "kana"  # katakana (full or half width; hiragana is folded to katakana)
REGISTRY_DATE = "registry_date"  # a date that may be unknown in part or not a calendar date
DATE = "date"  # an ordinary calendar date
INTEGER = "integer"  # whole number, may be negative (losses in 合計所得金額)
COUNT = "count"  # whole number ≥ 0
FLAG = "flag"  # 0/1 (also accepts 有/無, true/false)
POSTAL_CODE = "postal_code"  # 7 digits, hyphen optional
CODE = "code"  # one of a fixed set of values


@dataclass(frozen=True)
class Column:
    header: str  # Japanese header as exported
    name: str  # English alias, also the analysis store's column name
    type: str
    required: bool
    example: str
    description: str
    codes: tuple[str, ...] = ()  # allowed values for CODE columns (after normalisation)


@dataclass(frozen=True)
class ExportFile:
    filename: str
    title: str  # Japanese name of the data set
    table: str  # table in the analysis store
    columns: tuple[Column, ...]
    required_file: bool = True
    # A header-only file is fine for the optional data sets, never for persons.
    may_be_empty: bool = True
    by_name: dict = field(init=False, repr=False, compare=False)

    def __post_init__(self):
        object.__setattr__(self, "by_name", {c.name: c for c in self.columns})

    def column(self, name: str) -> Column:
        return self.by_name[name]


SEX_CODES = ("1", "2", "9")  # 1 男, 2 女, 9 不明 (registry codes); 男/女 are accepted and mapped
SEX_WORDS = {"男": "1", "女": "2", "不明": "9", "M": "1", "F": "2"}

# 続柄 as written in the resident register. 世帯主 is the head of the household.
HEAD = "世帯主"
RELATIONSHIPS = (
    HEAD, "妻", "夫", "子", "父", "母", "孫", "子の妻", "子の夫", "妻の父", "妻の母", "夫の父",
    "夫の母", "兄", "姉", "弟", "妹", "祖父", "祖母", "叔父", "叔母", "伯父", "伯母", "甥", "姪",
    "妻(未届)", "夫(未届)", "縁故者", "同居人", "その他",
)
SPOUSE_RELATIONSHIPS = ("妻", "夫", "妻(未届)", "夫(未届)")

# 異動事由: why the record last changed. 消除事由: why the person is no longer a resident.
CHANGE_REASONS = ("出生", "転入", "転居", "転出", "死亡", "職権記載", "職権消除", "世帯変更", "帰化", "国籍取得", "その他")
REMOVAL_REASONS = ("転出", "死亡", "職権消除", "国外転出", "その他")

# 非課税区分 on the resident tax record.
TAX_STATUSES = ("0", "1", "2")  # 0 課税, 1 均等割のみ課税, 2 非課税
TAX_STATUS_LABELS = {"0": "課税", "1": "均等割のみ課税", "2": "非課税"}

ALLOWANCE_STATUSES = ("受給中", "支給停止", "受給終了", "申請中", "却下")

PERSONS = ExportFile(
    filename="persons.csv",
    title="住民記録",
    table="persons",
    may_be_empty=False,
    columns=(
        Column("宛名番号", "resident_id", RESIDENT_ID, True, "0000012343",
               "Resident id; the last digit is a modulus-11 check digit (weights 2–7 from the right)."),
        Column("世帯番号", "household_id", DIGITS, True, "0000300011", "Household id. Every current household has one 世帯主."),
        Column("氏名", "name", TEXT, True, "千葉 太郎", "Name as registered, kept exactly (variation sequences included)."),
        Column("氏名カナ", "name_kana", KANA, True, "チバ タロウ", "Name in katakana."),
        Column("生年月日", "birth_date", REGISTRY_DATE, True, "19850412",
               "Date of birth. Unknown parts (00) and non-calendar dates are kept and flagged."),
        Column("性別", "sex", CODE, True, "1", "1 男, 2 女, 9 不明.", SEX_CODES),
        Column("続柄", "relationship", CODE, True, "世帯主", "Relationship to the head of the household.", RELATIONSHIPS),
        Column("郵便番号", "postal_code", POSTAL_CODE, True, "2608722", "Postal code, 7 digits, hyphen optional."),
        Column("行政区コード", "ward_code", DIGITS, True, "12101", "Ward (行政区) code: local government code of the ward."),
        Column("行政区", "ward_name", TEXT, True, "中央区", "Ward name."),
        Column("町字コード", "town_code", DIGITS, True, "0012001", "Town and block (町字) code from the municipality's town list."),
        Column("町字", "town_name", TEXT, True, "千葉港", "Town and block (町字) name."),
        Column("番地", "address_number", TEXT, False, "1番1号", "Lot and house number (番地・号)."),
        Column("方書", "katagaki", TEXT, False, "千葉ハイツ101号室", "Building and room (方書)."),
        Column("住民となった年月日", "resident_since", REGISTRY_DATE, True, "20100401", "Date the person became a resident."),
        Column("異動事由", "change_reason", CODE, False, "転入", "Reason of the last change.", CHANGE_REASONS),
        Column("消除日", "removed_on", REGISTRY_DATE, False, "", "Date the record was removed (転出, 死亡); empty while resident."),
        Column("消除事由", "removed_reason", CODE, False, "", "Reason of removal; required when 消除日 is set.", REMOVAL_REASONS),
        Column("支援措置", "protected", FLAG, True, "0",
               "1 when the person is under a protection order (DV等支援措置): never a postcard or a message to the household."),
    ),
)

RESIDENT_TAX = ExportFile(
    filename="resident_tax.csv",
    title="住民税",
    table="resident_tax",
    columns=(
        Column("宛名番号", "resident_id", RESIDENT_ID, True, "0000012343", "Resident id (must be in persons.csv)."),
        Column("課税年度", "fiscal_year", COUNT, True, "2026", "Fiscal year of the assessment (令和8年度 = 2026)."),
        Column("合計所得金額", "total_income", INTEGER, True, "3120000", "Total income in yen (negative for losses)."),
        Column("所得割額", "income_levy", COUNT, True, "152000", "Income-based levy in yen."),
        Column("均等割額", "per_capita_levy", COUNT, True, "5000", "Per-capita levy in yen."),
        Column("非課税区分", "tax_status", CODE, True, "0", "0 課税, 1 均等割のみ課税, 2 非課税.", TAX_STATUSES),
        Column("扶養親族数", "dependants", COUNT, True, "2", "Number of dependants."),
    ),
)

ALLOWANCES = ExportFile(
    filename="allowances.csv",
    title="手当受給",
    table="allowances",
    columns=(
        Column("宛名番号", "resident_id", RESIDENT_ID, True, "0000012343", "Recipient's resident id (must be in persons.csv)."),
        Column("制度コード", "program_code", TEXT, True, "JIDO_FUYO", "The allowance, as the municipality codes it (see the code list)."),
        Column("受給開始日", "start_date", DATE, True, "20240401", "First day of entitlement."),
        Column("受給終了日", "end_date", DATE, False, "", "Last day of entitlement; empty while open."),
        Column("状態", "status", CODE, True, "受給中", "受給中, 支給停止, 受給終了, 申請中, 却下.", ALLOWANCE_STATUSES),
    ),
)

CHECKUPS = ExportFile(
    filename="checkups.csv",
    title="健診・予防接種",
    table="checkups",
    columns=(
        Column("宛名番号", "resident_id", RESIDENT_ID, True, "0000012343", "Resident id (must be in persons.csv)."),
        Column("種別", "kind", TEXT, True, "特定健診", "Checkup or vaccination, as the municipality codes it."),
        Column("実施日", "done_on", DATE, True, "20250614", "Date it was done."),
    ),
)

EXPORT_FILES = (PERSONS, RESIDENT_TAX, ALLOWANCES, CHECKUPS)

# Codes the synthetic city uses for allowances and checkups (a municipality may use its own).
ALLOWANCE_PROGRAMS = {
    "JIDO_TEATE": "児童手当",
    "JIDO_FUYO": "児童扶養手当",
    "TOKUBETSU_JIDO_FUYO": "特別児童扶養手当",
    "SHINSHIN_SHOGAI_JIDO": "心身障害児童福祉手当",
    "HITORIOYA_IRYO": "ひとり親家庭等医療費助成",
    "SEIKATSU_HOGO": "生活保護",
}
CHECKUP_KINDS = (
    "乳児一般健康診査1回目", "乳児一般健康診査2回目", "特定健診", "健康診査", "肺がん検診", "大腸がん検診",
    "胃がん検診", "胃がんリスク検査", "前立腺がん検診", "骨粗しょう症検診", "歯周病検診",
    "水痘1回目", "水痘2回目", "麻しん風しん1期", "麻しん風しん2期", "二種混合", "高齢者肺炎球菌",
)
