"""Program applications: the inbox, an application, its documents, status changes, the CSV export and the
form preview."""

from django.urls import path

from foryou.casework import export, preview, views

urlpatterns = [
    path("casework/", views.inbox, name="casework_inbox"),
    path("casework/export.csv", export.export_csv, name="casework_export"),
    path("casework/forms/<slug:code>/", preview.form_preview, name="casework_form_preview"),
    path("casework/<str:receipt>/", views.detail, name="casework_detail"),
    path("casework/<str:receipt>/status", views.change_status, name="casework_status"),
    path("casework/<str:receipt>/assign", views.assign, name="casework_assign"),
    path("casework/<str:receipt>/files/<int:pk>", views.document, name="casework_document"),
]
