"""A registrant's choices as the console keeps them (registration.preferences from the gateway): applied
with the newest `at` winning, so events that arrive out of order never undo a later choice; and the
counts staff see of who turned which topic off, suppressed below the small-cell threshold."""

from datetime import date, datetime

from django.db.models import Q

from foryou.console.suppression import Shown, hidden_cells, people
from foryou.enrollment.models import Registration
from foryou.shared import languages, topics
from foryou.shared.bridge import messages
from foryou.shared.preferences import ChannelChoice


def apply_preferences(body: messages.RegistrationPreferencesBody) -> bool:
    """Store the choices on the registration unless a newer change is there already; True if stored."""
    at = datetime.fromisoformat(body.at)
    quiet_until = date.fromisoformat(body.quiet_until) if body.quiet_until else None
    channel = body.channel if body.channel in ChannelChoice.values else ""
    return bool(Registration.objects.filter(number=body.number).filter(
        Q(preferences_at__isnull=True) | Q(preferences_at__lte=at)).update(
        language=body.language if body.language in languages.NAMES else languages.JAPANESE,
        topics_off=topics.known(body.topics_off), channel_choice=channel, quiet_until=quiet_until,
        preferences_at=at))


def topic_counts() -> list[tuple[str, Shown]]:
    """(topic label, how many active registrants turned it off) for each topic, each count shown only
    from the small-cell threshold up (console.suppression)."""
    offs = {code: 0 for code in topics.CODES}
    for chosen in Registration.objects.active().exclude(topics_off=[]).values_list("topics_off", flat=True):
        for code in topics.known(chosen):
            offs[code] += 1
    return [(str(topics.Topic(code).label), people(count)) for code, count in offs.items()]


def language_counts() -> list[tuple[str, Shown]]:
    """(language name, active registrants reading it), suppressed like every count of people: the column
    adds up to the active registrants the page shows, so a second cell is hidden where one small one
    could be worked out from the total (console.suppression.hidden_cells)."""
    counts = {code: 0 for code in languages.NAMES}
    for code in Registration.objects.active().values_list("language", flat=True):
        counts[code if code in counts else languages.JAPANESE] += 1
    column = list(counts.values())
    hide = hidden_cells(column)
    return [(languages.NAMES[code], people(count, hide=i in hide)) for i, (code, count) in enumerate(counts.items())]
