from django.urls import path

from foryou.console import enrollment_views as enrollment

urlpatterns = [
    path("applications/", enrollment.applications, name="console_applications"),
    path("applications/new", enrollment.counter_application, name="console_counter_application"),
    path("applications/<int:pk>/", enrollment.application, name="console_application"),
    path("applications/<int:pk>/review", enrollment.review, name="console_review"),
    path("registrations/", enrollment.registrations, name="console_registrations"),
    path("registrations/<int:pk>/reissue", enrollment.reissue, name="console_reissue"),
    path("postcards/", enrollment.postcards, name="console_postcards"),
    path("postcards/print", enrollment.print_postcards, name="console_print_postcards"),
    path("postcards/<int:pk>/mailed", enrollment.mailed, name="console_postcards_mailed"),
    path("postcards/<int:pk>.pdf", enrollment.postcard_pdf, name="console_postcard_pdf"),
]
