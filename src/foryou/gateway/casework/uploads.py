"""An upload handler that seals each document as it streams in: every chunk Django reads from the request
is encrypted at once with a fresh per-file key (crypto_secretstream, foryou.shared.bridge.streams) and only
ciphertext is kept, in memory (Django's own handlers would spill large uploads to a temporary file in the
clear). A file over its attachment's size limit stops being kept at the limit and comes out marked
too large, so the page can say so; an input the form does not have is dropped."""

from dataclasses import dataclass, field

from django.core.files.uploadhandler import FileUploadHandler, StopFutureHandlers

from foryou.shared.bridge.streams import StreamSealer, new_key, open_bytes


@dataclass
class SealedUpload:
    field_name: str
    name: str
    key: bytes
    ciphertext: bytearray = field(default_factory=bytearray)
    size: int = 0
    too_large: bool = False

    def plaintext(self) -> bytes:
        """Opened in memory only, for the content check before the submission is accepted."""
        return open_bytes(self.key, bytes(self.ciphertext))


class SealingUploadHandler(FileUploadHandler):
    chunk_size = 64 * 1024

    def __init__(self, limits: dict[str, int], request=None):
        super().__init__(request)
        self.limits = limits  # HTML input name → the most bytes a file of it may have
        self.current: SealedUpload | None = None
        self.sealer: StreamSealer | None = None

    def new_file(self, field_name, file_name, *args, **kwargs):
        super().new_file(field_name, file_name, *args, **kwargs)
        if field_name in self.limits:
            key = new_key()
            self.sealer = StreamSealer(key)
            self.current = SealedUpload(field_name=field_name, name=(file_name or "")[-120:], key=key,
                                        ciphertext=bytearray(self.sealer.header))
        else:
            self.current, self.sealer = None, None
        raise StopFutureHandlers()

    def receive_data_chunk(self, raw_data, start):
        upload = self.current
        if upload is None or upload.too_large:
            return None
        upload.size += len(raw_data)
        if upload.size > self.limits[upload.field_name]:
            upload.too_large, upload.ciphertext = True, bytearray()
            return None
        upload.ciphertext += self.sealer.write(raw_data)
        return None

    def file_complete(self, file_size):
        upload, self.current = self.current, None
        if upload is None:
            return None
        if not upload.too_large:
            upload.ciphertext += self.sealer.close()
        self.sealer = None
        return upload
