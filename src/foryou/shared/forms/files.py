"""Is an uploaded document what the form accepts? Decided by its content, never its name or the browser's
content type: the magic bytes say which type it claims to be, and then it must parse as that type
(Pillow's verify for JPEG/PNG, pypdf for PDF). Each refusal is a code with a message for the resident."""

import io
import logging

from django.utils.translation import gettext as _

from foryou.shared.forms.definition import AttachmentSpec

log = logging.getLogger(__name__)
CONTENT_TYPES = {"pdf": "application/pdf", "jpeg": "image/jpeg", "png": "image/png"}
EXTENSIONS = {"pdf": ".pdf", "jpeg": ".jpg", "png": ".png"}
TYPE_LABELS = {"pdf": "PDF", "jpeg": "JPEG", "png": "PNG"}


class AttachmentProblem(ValueError):
    def __init__(self, code: str, message: str):
        self.code = code
        super().__init__(message)


def sniff(head: bytes) -> str | None:
    """The type the first bytes announce (pdf, jpeg, png), or None."""
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    return None


def too_large(spec: AttachmentSpec, label: str = "") -> AttachmentProblem:
    return AttachmentProblem("too_large", _("%(file)s is larger than %(mb)s MB. Take a smaller photo or scan it at a "
                                            "lower resolution.") % {"file": label or spec.label, "mb": spec.max_mb})


def check_content(spec: AttachmentSpec, data: bytes, filename: str) -> str:
    """The file's type if it is one the spec accepts and it can be read; AttachmentProblem otherwise."""
    accepted = "・".join(TYPE_LABELS[t] for t in spec.types)
    if not data:
        raise AttachmentProblem("empty", _("%(name)s is empty. Choose the file again.") % {"name": filename})
    if len(data) > spec.max_bytes:
        raise too_large(spec, filename)
    kind = sniff(data[:16])
    if kind is None or kind not in spec.types:
        raise AttachmentProblem("wrong_type", _("%(name)s is not a %(types)s file (whatever its name says). Attach a "
                                                "photo (JPEG, PNG) or PDF of the document.")
                                % {"name": filename, "types": accepted})
    try:
        _parse(kind, data)
    except Exception as exc:  # any parser failure means the same to the resident: it cannot be read
        log.info("attachment refused as unreadable (%s): %s", kind, type(exc).__name__)
        raise AttachmentProblem("unreadable", _("%(name)s cannot be read (it may be damaged or cut off). Take the "
                                                "photo or scan again.") % {"name": filename}) from None
    return kind


def _parse(kind: str, data: bytes) -> None:
    if kind == "pdf":
        from pypdf import PdfReader

        reader = PdfReader(io.BytesIO(data), strict=True)
        if len(reader.pages) < 1:
            raise ValueError("no pages")
        return
    from PIL import Image

    with Image.open(io.BytesIO(data)) as image:
        image.verify()
    with Image.open(io.BytesIO(data)) as image:  # verify() misses a truncated body; decoding finds it
        image.load()
