"""The email channel: notices rendered as text and HTML (render.py), sent over SMTP with per-recipient
results (channel.py), and one-click unsubscribe links (unsubscribe.py, views.py)."""
