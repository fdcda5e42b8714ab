"""The topics a registrant can turn off (settings page), defined once for both zones. Every program file
declares its `topic:` (foryou.programs.definition checks it is one of these); a broadcast is the city's
own news (CITY_NEWS). Codes cross the bridge (registration.preferences `topics_off`) and are stored in
both zones; the labels are for residents and staff."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Topic(models.TextChoices):
    CHECKUPS = "checkups", _("Health checkups and cancer screenings")  # 健診・がん検診
    VACCINATIONS = "vaccinations", _("Vaccinations")  # 予防接種
    CHILDREN = "children", _("Raising children")  # 子育て
    ALLOWANCES = "allowances", _("Allowances and subsidies")  # 手当・助成
    FEE_REDUCTIONS = "fee_reductions", _("Reduced fees")  # 料金の減免
    CITY_NEWS = "city_news", _("News and surveys from the city")  # 市からのお知らせ・アンケート


CODES = tuple(Topic.values)


def known(codes) -> list[str]:
    """The known topic codes among `codes`, in the vocabulary's order (unknown ones are dropped: a
    newer zone may know more)."""
    given = set(codes or ())
    return [code for code in CODES if code in given]
