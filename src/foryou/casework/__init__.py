"""Program applications (制度の申請) in the console: what residents sent from a notice's 申請する button,
opened from their sealed form, processed by the program's department in its inbox (受付箱).

    models.py      applications, their documents (sealed at rest), their history, the forms they answered
    receiving.py   applying casework.submitted (from the bridge) and collecting the documents
    services.py    status changes, assignment, due dates; each audited and told to the resident
    forms_push.py  pushing a program's form to the gateway (casework.form)
    queries.py     the inbox's filters; views.py, urls.py its pages; export.py the CSV for business systems
    outcomes.py    take-up events for effect measurement
"""
