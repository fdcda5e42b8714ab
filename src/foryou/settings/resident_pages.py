"""Settings of the gateway's resident pages and of registration numbers, for the deployables that serve
them (foryou.settings.gateway, foryou.settings.embedded). docs/operations.md lists them."""

from foryou.shared.env import env_int, env_str

# Keys the hash under which the gateway keeps registration numbers (foryou.gateway.number_keys): base64 of
# 32 random bytes. Required on the gateway; the embedded product generates it in the data directory.
NUMBER_KEY = env_str("FORYOU_NUMBER_KEY")

# Failed activations from one client address before it is locked out for 15 minutes (a LINE user or an
# email address gets 5). Higher: residents on a mobile carrier's network may share an address.
ACTIVATION_FAILURES_PER_IP = env_int("FORYOU_ACTIVATION_FAILURES_PER_IP", 20)

# Rate limits of the resident pages (foryou.gateway.throttle), per RESIDENT_RATE_WINDOW_MINUTES.
RESIDENT_RATE_WINDOW_MINUTES = env_int("FORYOU_RESIDENT_RATE_WINDOW_MINUTES", 60)
CONFIRMATION_MAILS_PER_ADDRESS = env_int("FORYOU_CONFIRMATION_MAILS_PER_ADDRESS", 3)
CONFIRMATION_MAILS_PER_IP = env_int("FORYOU_CONFIRMATION_MAILS_PER_IP", 20)
APPLICATIONS_PER_LINE_USER = env_int("FORYOU_APPLICATIONS_PER_LINE_USER", 3)
APPLICATIONS_PER_ADDRESS = env_int("FORYOU_APPLICATIONS_PER_ADDRESS", 3)
APPLICATIONS_PER_IP = env_int("FORYOU_APPLICATIONS_PER_IP", 20)
# Sealed applications waiting for the console to collect them; beyond this the page asks residents to
# apply later (the console collects every few seconds: a full queue means it has stopped collecting).
PENDING_APPLICATIONS_MAX = env_int("FORYOU_PENDING_APPLICATIONS_MAX", 2000)
