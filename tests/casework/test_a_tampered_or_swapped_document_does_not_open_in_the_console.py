"""A document's sealed stream authenticates itself: altered, or swapped for another application's document,
it does not open, and staff are told so instead of being shown something else."""

import pytest

from foryou.casework.models import ApplicationFile
from foryou.shared.bridge.streams import new_key, seal_bytes
from tests.casework.forms import png_bytes

pytestmark = pytest.mark.django_db(databases=["default", "gateway"])


@pytest.mark.parametrize("replace", ["flip a byte", "another file"])
def test_the_console_refuses_to_show_it(applied, staff_client, replace):
    document = applied.files.get()
    sealed = bytearray(document.ciphertext)
    if replace == "flip a byte":
        sealed[30] ^= 1  # inside the first chunk, after the 24-byte header
    else:
        sealed = bytearray(seal_bytes(new_key(), png_bytes()))
    ApplicationFile.objects.filter(pk=document.pk).update(ciphertext=bytes(sealed))
    response = staff_client.get(f"/inbox/{applied.receipt}/files/{document.pk}")
    assert response.status_code == 500 and b"\x89PNG" not in response.content
    assert "cannot be opened" in response.content.decode()
