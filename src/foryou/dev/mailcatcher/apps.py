from django.apps import AppConfig


class MailcatcherConfig(AppConfig):
    """A local SMTP server that keeps every message it receives, and a page to read them (debug only).
    A Django app so that `foryou mailcatcher` and the /mailbox/ page exist; the server itself does not
    use Django."""

    name = "foryou.dev.mailcatcher"
    label = "mailcatcher"
    verbose_name = "Local SMTP server"
