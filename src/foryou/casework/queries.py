"""The inbox's filters: which applications a member of staff sees (their departments' only; all for an
administrator) and the filters they chose (status, program, assignee, due date)."""

from datetime import date

from django import forms
from django.utils.translation import gettext_lazy as _

from foryou.accounts import access
from foryou.casework.models import ProgramApplication
from foryou.shared.forms import statuses


def visible_to(user):
    mine = access.departments(user)
    rows = ProgramApplication.objects.all()
    return rows if mine is None else rows.for_departments(mine)


class InboxFilter(forms.Form):
    status = forms.ChoiceField(label=_("Status"), required=False,
                               choices=[("", _("All")), ("open", _("Open (not decided)"))] + statuses.CHOICES)
    program = forms.ChoiceField(label=_("Program"), required=False, choices=[("", _("All"))])
    assignee = forms.ChoiceField(label=_("Assigned to"), required=False,
                                 choices=[("", _("Anyone")), ("me", _("Me")), ("none", _("Nobody"))])
    due_by = forms.DateField(label=_("Due by"), required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, programs=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["program"].choices = [("", _("All"))] + list(programs)

    def apply(self, rows, user):
        data = self.cleaned_data if self.is_valid() else {}
        status = data.get("status")
        if status == "open":
            rows = rows.open()
        elif status:
            rows = rows.filter(status=status)
        if data.get("program"):
            rows = rows.filter(program_code=data["program"])
        if data.get("assignee") == "me":
            rows = rows.filter(assignee=user)
        elif data.get("assignee") == "none":
            rows = rows.filter(assignee__isnull=True)
        due: date | None = data.get("due_by")
        if due:
            rows = rows.filter(due_date__lte=due)
        return rows
