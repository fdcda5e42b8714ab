"""A LINE user's language from their profile (Messaging API Get profile, the official SDK): used as the
preset language of someone who has not chosen one yet (the greeting, activation). LINE leaves `language`
out until the user has agreed to its privacy policy, and a user may read a language the city does not
offer: both give Japanese (foryou.shared.languages.from_line_profile)."""

from __future__ import annotations

import logging

from linebot.v3.messaging import ApiClient, Configuration, MessagingApi
from linebot.v3.messaging.exceptions import ApiException

from foryou.gateway.line import config
from foryou.shared import languages

log = logging.getLogger(__name__)


def profile_language(user_id: str) -> str | None:
    """The BCP 47 tag LINE reports for the user, or None (no language given, not a friend, LINE down)."""
    try:
        with ApiClient(Configuration(host=config.api_base(), access_token=config.access_tokens()[0])) as client:
            profile = MessagingApi(client).get_profile(user_id, _request_timeout=config.request_timeout())
    except ApiException as error:
        log.info("LINE profile not available (%s): language left to the resident", error.status)
        return None
    except Exception as error:  # urllib3's errors and bad config too: only a hint, never worth failing the event
        log.info("LINE profile not read (%s): language left to the resident", type(error).__name__)
        return None
    return profile.language or None


def language_for(user_id: str) -> str:
    """The offered language closest to the user's LINE language; Japanese when LINE says none."""
    return languages.from_line_profile(profile_language(user_id))
