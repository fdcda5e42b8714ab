import pytest

from foryou.shared.forms.files import AttachmentProblem, check_content
from tests.casework.forms import jido_form, pdf_bytes, png_bytes


def spec():
    return jido_form().attachment("family_register")


def test_a_real_png_and_a_real_pdf_are_accepted():
    assert check_content(spec(), png_bytes(), "koseki.png") == "png"
    assert check_content(spec(), pdf_bytes(), "koseki.pdf") == "pdf"


@pytest.mark.parametrize("data, code", [
    (b"MZ\x90\x00 this is a program, named koseki.pdf", "wrong_type"),
    (b"<html><script>alert(1)</script></html>", "wrong_type"),
    (b"", "empty"),
    (b"%PDF-1.7\n garbage that is no PDF at all", "unreadable"),
])
def test_a_disguised_or_unreadable_file_is_refused_with_a_reason(data, code):
    with pytest.raises(AttachmentProblem) as caught:
        check_content(spec(), data, "koseki.pdf")
    assert caught.value.code == code
    assert "koseki.pdf" in str(caught.value)


def test_a_cut_off_image_is_unreadable():
    data = png_bytes((400, 400))
    with pytest.raises(AttachmentProblem) as caught:
        check_content(spec(), data[: len(data) // 2], "photo.png")
    assert caught.value.code == "unreadable"


def test_a_file_over_the_limit_is_too_large():
    big = png_bytes() + b"\0" * (spec().max_bytes + 1)
    with pytest.raises(AttachmentProblem) as caught:
        check_content(spec(), big, "photo.png")
    assert caught.value.code == "too_large" and "5MB" in str(caught.value)
