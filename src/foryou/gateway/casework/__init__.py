"""Program applications (制度の申請) on the gateway: a program's form opened from its notice, the answers and
documents sealed to the console's key as they arrive, a receipt number (受付番号) at once, and the status
messages the console sends back told to the resident. See docs/decisions/0050 and 0052.

    models.py    the forms the console pushed, sealed files waiting to be collected, corrections asked for
    uploads.py   the upload handler that seals each file as it streams in (nothing in clear on disk)
    links.py     the signed, expiring 申請する link of an email recipient
    services.py  receiving a form, sealing a submission, telling a status
    views.py     the form page (LINE: LIFF; email: the signed link)
"""
