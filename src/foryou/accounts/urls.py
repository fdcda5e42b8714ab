from django.urls import path

from foryou.accounts import views

urlpatterns = [
    path("", views.staff_list, name="staff_list"),
    path("add", views.staff_add, name="staff_add"),
    path("<int:pk>/", views.staff_detail, name="staff_detail"),
    path("<int:pk>/grant", views.staff_grant, name="staff_grant"),
    path("<int:pk>/revoke/<int:membership>", views.staff_revoke, name="staff_revoke"),
    path("<int:pk>/reset-two-factor", views.staff_reset_two_factor, name="staff_reset_two_factor"),
    path("<int:pk>/unlock", views.staff_unlock, name="staff_unlock"),
    path("<int:pk>/enrolment-code", views.staff_enrolment_code, name="staff_enrolment_code"),
    path("two-factor/", views.verify, name="two_factor_verify"),
    path("two-factor/setup", views.setup, name="two_factor_setup"),
]
