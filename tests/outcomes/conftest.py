import io
from datetime import date, timedelta
from itertools import count
from pathlib import Path

import pytest
from django.utils import timezone

from foryou.enrollment.models import Registration
from foryou.residents.services import run_import

_numbers = count(1)


def register(*resident_ids: str) -> list[Registration]:
    """Active registrations (activated numbers) for these residents."""
    now = timezone.now()
    return [Registration.objects.create(number=f"{next(_numbers):016d}", resident_id=rid, status="active",
                                        expires_at=now + timedelta(days=90), activated_at=now, channel="line")
            for rid in resident_ids]


@pytest.fixture
def do_import(data_dir, db):
    def run(directory: Path, as_of: date, **kwargs):
        result = run_import(directory, as_of, stream=io.StringIO(), **kwargs)
        assert result.status == "applied", result.problems
        return result

    return run
