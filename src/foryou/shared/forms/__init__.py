"""Program application forms (制度の申請), shared by both zones: the definition (definition.py), checking
the answers (answers.py) and the attachments (files.py), and the templates that render a form the same way
on the gateway (for the resident) and in the console (the staff preview)."""
