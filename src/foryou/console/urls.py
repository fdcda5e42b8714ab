from django.urls import path

from foryou.console import enrollment_views as enrollment
from foryou.console import program_views as programs

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
    path("programs/", programs.program_list, name="console_programs"),
    path("programs/<slug:code>/", programs.program_editor, name="console_program"),
    path("programs/<slug:code>/count", programs.program_count, name="console_program_count"),
    path("programs/<slug:code>/tree", programs.program_tree, name="console_program_tree"),
    path("programs/<slug:code>/save", programs.program_save, name="console_program_save"),
    path("programs/<slug:code>/history/", programs.program_history, name="console_program_history"),
    path("programs/<slug:code>/history/<int:pk>/", programs.program_revision, name="console_program_revision"),
    path("programs/<slug:code>/history/<int:pk>/restore", programs.program_restore, name="console_program_restore"),
    path("programs/<slug:code>/history/file/restore", programs.program_restore, name="console_program_restore_file"),
    path("programs/<slug:code>/explain", programs.program_explain, name="console_program_explain"),
]
