from django.contrib.auth.decorators import login_required
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, render

from foryou.console.dashboard_views import dashboard_context
from foryou.residents import store
from foryou.residents.models import ImportRun


@login_required
def home(request):
    """The dashboard (foryou.console.dashboard_views): figures, charts, recent sends and imports."""
    return render(request, "foryou/home.html", dashboard_context(request.user))


@login_required
def imports(request):
    return render(request, "foryou/imports.html", {"runs": ImportRun.objects.all()[:100]})


@login_required
def import_detail(request, pk: int):
    run = get_object_or_404(ImportRun, pk=pk)
    return render(request, "foryou/import_detail.html", {"run": run})


def healthz(request):
    return JsonResponse({"ok": True, "analysis_snapshot": store.current_snapshot_name()})
