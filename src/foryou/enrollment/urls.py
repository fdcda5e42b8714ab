"""Applications, registrations and postcards (enrollment), under the console."""

from django.urls import path

from foryou.enrollment import application_views as one
from foryou.enrollment import invitation_views as invite
from foryou.enrollment import registrant_views as registrants
from foryou.enrollment import views as enrollment

urlpatterns = [
    path("applications/", enrollment.applications, name="console_applications"),
    path("applications/new", enrollment.counter_application, name="console_counter_application"),
    path("applications/<int:pk>/", one.application, name="console_application"),
    path("applications/<int:pk>/review", one.review, name="console_review"),
    path("applications/<int:pk>/contacted", one.contacted, name="console_application_contacted"),
    path("applications/<int:pk>/override", one.request_override, name="console_request_override"),
    path("applications/<int:pk>/override/<int:override>/confirm", one.confirm_override,
         name="console_confirm_override"),
    # The registrants section replaces the registrations page; its old address and name stay an alias.
    path("registrations/", registrants.registrants, name="console_registrations"),
    path("registrants/", registrants.registrants, name="console_registrants"),
    path("registrants/<int:pk>/", registrants.registrant, name="console_registrant"),
    path("registrations/<int:pk>/reissue", enrollment.reissue, name="console_reissue"),
    path("invitations/", invite.invitation_batches, name="console_invitations"),
    path("invitations/<int:pk>/approve", invite.approve_invitations, name="console_approve_invitations"),
    path("postcards/", enrollment.postcards, name="console_postcards"),
    path("postcards/print", enrollment.print_postcards, name="console_print_postcards"),
    path("postcards/<int:pk>/mailed", enrollment.mailed, name="console_postcards_mailed"),
    path("postcards/<int:pk>.pdf", enrollment.postcard_pdf, name="console_postcard_pdf"),
]
