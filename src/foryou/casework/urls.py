"""Program applications: the inbox, an application, its documents, status changes, the CSV export and the
form preview."""

from django.urls import path

from foryou.casework import export, preview, views

urlpatterns = [
    path("inbox/", views.inbox, name="casework_inbox"),
    path("inbox/export.csv", export.export_csv, name="casework_export"),
    path("inbox/forms/<slug:code>/", preview.form_preview, name="casework_form_preview"),
    path("inbox/<str:receipt>/", views.detail, name="casework_detail"),
    path("inbox/<str:receipt>/status", views.change_status, name="casework_status"),
    path("inbox/<str:receipt>/assign", views.assign, name="casework_assign"),
    path("inbox/<str:receipt>/files/<int:pk>", views.document, name="casework_document"),
]
