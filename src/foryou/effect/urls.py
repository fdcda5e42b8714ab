"""The effect of a notice: under the notice's own address (notices/<pk>/effect/…)."""

from django.urls import path

from foryou.effect import views

urlpatterns = [
    path("notices/<int:pk>/effect/", views.effect_page, name="console_effect"),
    path("notices/<int:pk>/effect.csv", views.effect_csv, name="console_effect_csv"),
    path("notices/<int:pk>/effect.pdf", views.effect_pdf, name="console_effect_pdf"),
    path("notices/<int:pk>/effect/strata.csv", views.effect_strata_csv, name="console_effect_strata"),
]
