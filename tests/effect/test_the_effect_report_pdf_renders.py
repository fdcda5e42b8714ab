"""The printable report renders with WeasyPrint into a PDF with the chart and the tables; pdftoppm turns
its first page into a PNG of a real page size (a reviewer looks at it)."""

import shutil
import subprocess

import pytest
from django.urls import reverse

from tests.console_notices.conftest import as_user
from tests.effect.conftest import record_takeup, sent_experiment

pytestmark = pytest.mark.django_db


def test_the_report_is_a_pdf_with_the_chart(client, city, registrants, editor, approver, tmp_path):
    notice, experiment = sent_experiment(editor, approver, holdout=30, variants=[("短い案内", "健診は無料です。")])
    record_takeup(city, experiment, {"A": 0.5, "B": 0.4, "holdout": 0.2})
    as_user(client, editor)
    response = client.get(reverse("console_effect_pdf", args=[notice.pk]))
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    pdf = tmp_path / "effect.pdf"
    pdf.write_bytes(response.content)
    if shutil.which("pdftoppm"):
        subprocess.run(["pdftoppm", "-png", "-r", "50", "-f", "1", "-l", "1", str(pdf), str(tmp_path / "page")],
                       check=True)
        png = next(tmp_path.glob("page*.png"))
        assert png.stat().st_size > 10_000
