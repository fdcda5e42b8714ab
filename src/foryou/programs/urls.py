"""A department's programs: list, condition editor, history, explain."""

from django.urls import path

from foryou.programs import views as programs

urlpatterns = [
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
