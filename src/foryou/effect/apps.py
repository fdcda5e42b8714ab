from django.apps import AppConfig


class EffectConfig(AppConfig):
    """The effect of notices: randomized holdouts and wording experiments, and their results."""

    name = "foryou.effect"
    label = "effect"
