"""My Number Card verification (デジタル認証アプリ): the vocabulary both zones share.

The gateway seals the card's 基本4情報 to the console's key (identity.sealed); the console matches them
against the registry and answers with one of these outcomes (identity.decided)."""

from django.db import models


class Outcome(models.TextChoices):
    # One current, unprotected resident fits name, birth date and address exactly: registered at once.
    ACTIVATED = "activated"
    # Two residents fit, a protected person (支援措置) fits, or nobody fits well enough: the registrar's
    # queue, as for an application typed on the form.
    QUEUED = "queued"
    # The resident fitted is registered already (active or paused).
    ALREADY_REGISTERED = "already_registered"
    # The card's address is outside the city.
    NOT_RESIDENT = "not_resident"


# The sealed payload's keys: the OpenID Connect claims the デジタル認証アプリ returns for the scopes
# `name address birthdate gender` (userinfo), kept as returned.
CLAIMS = ("name", "address", "birthdate", "gender")
