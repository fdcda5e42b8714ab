"""The synthetic city in memory: one numpy array per attribute, persons grouped by household."""

from dataclasses import dataclass, field
from datetime import date

import numpy as np


@dataclass
class City:
    as_of: date
    today: int  # day number of as_of
    # Households (H)
    hh_kind: np.ndarray  # households.TYPES index
    hh_start: np.ndarray  # index of the first member (the head)
    hh_size: np.ndarray
    hh_town: np.ndarray  # geography.TOWNS index
    hh_number: np.ndarray  # 番地 (object)
    hh_katagaki: np.ndarray  # 方書 (object, "" for houses)
    hh_family: np.ndarray  # names.FAMILY_* index
    hh_move_in: np.ndarray  # day the household came to the city
    hh_id: np.ndarray  # 世帯番号 as int64
    # Persons (N)
    hh: np.ndarray  # household index
    slot: np.ndarray  # households.SLOTS position
    rel: np.ndarray  # layout.RELATIONSHIPS index
    sex: np.ndarray  # 1 男, 2 女
    age: np.ndarray  # completed years on as_of
    birth: np.ndarray  # day number
    family: np.ndarray = None  # names.FAMILY_* index (in-laws and lodgers differ from the household)
    given: np.ndarray = None
    kana_style: np.ndarray = None  # 0 katakana, 1 half-width katakana, 2 hiragana
    since: np.ndarray = None  # 住民となった年月日
    reason: np.ndarray = None  # layout.CHANGE_REASONS index
    removed: np.ndarray = None  # 消除日, dates.NEVER while resident
    removed_reason: np.ndarray = None  # layout.REMOVAL_REASONS index, -1 while resident
    protected: np.ndarray = None  # 支援措置
    resident_id: np.ndarray = None  # 宛名番号 (10 digits with check digit) as int64
    birth_text: dict = field(default_factory=dict)  # person index → registry oddity kept as written

    @property
    def n(self) -> int:
        return len(self.hh)

    @property
    def current(self) -> np.ndarray:
        return self.removed > self.today

    def resident_on(self, day) -> np.ndarray:
        """Persons registered in the city on `day` (scalar or per-person array)."""
        return (self.since <= day) & (self.removed > day)
