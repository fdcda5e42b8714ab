"""Program applications of a given age for the retention tests: real ones decided through the services, moved
back in time; or many plain rows (with a sealed-like document and a noted history) for the batch test."""

from datetime import timedelta

from django.utils import timezone

from foryou.casework import services
from foryou.casework.models import ApplicationEvent, ApplicationFile, ProgramApplication
from foryou.shared.forms import statuses


def refuse(application, staff, days_ago: int) -> ProgramApplication:
    """Refused with a reason (a note to the resident), decided `days_ago` days ago."""
    services.change_status(application, statuses.REFUSED, "所得が基準額を超えています。", actor=staff)
    ProgramApplication.objects.filter(pk=application.pk).update(decided_at=timezone.now() - timedelta(days=days_ago))
    return ProgramApplication.objects.get(pk=application.pk)


def plain(n: int, status: str, decided_days_ago: int | None, received_days_ago: int = 1000) -> ProgramApplication:
    now = timezone.now()
    application = ProgramApplication.objects.create(
        receipt=f"R{n:07d}", gateway_ref=f"g{n}", program_code="jido-fuyo-teate", department="こども家庭支援課",
        form_digest="d" * 32, number=f"{n:016d}", resident_id=f"{n:010d}", status=status,
        answers={"child_name": "千葉　花子"}, note="書類を確認しました。" if status in statuses.FINAL else "",
        received_at=now - timedelta(days=received_days_ago),
        decided_at=None if decided_days_ago is None else now - timedelta(days=decided_days_ago))
    ApplicationFile.objects.create(application=application, gateway_id=f"f{n}", attachment="family_register",
                                   name="koseki.png", type="png", size=4, key=b"k" * 32, ciphertext=b"sealed",
                                   collected_at=now)
    ApplicationEvent.objects.create(application=application, status=status, note="戸籍謄本が必要です。",
                                    actor_label="kodomo-editor")
    return application
