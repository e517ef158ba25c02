"""An upload handler that keeps nothing of a file past settings.UPLOAD_MAX_BYTES.

Django spools a large upload to a temporary file, so memory stays bounded, but without a cap the disk
would take whatever a client sends. This handler runs first: it passes each chunk on to Django's
handlers until the file grows past the cap, then drops the rest and hands the form an empty file that
carries the real size, so the form can refuse it with a message instead of the connection breaking.
"""

from io import BytesIO

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.core.files.uploadhandler import FileUploadHandler


class CappedUploadHandler(FileUploadHandler):
    def receive_data_chunk(self, raw_data, start):
        if start + len(raw_data) > settings.UPLOAD_MAX_BYTES:
            return None
        return raw_data

    def file_complete(self, file_size):
        if file_size <= settings.UPLOAD_MAX_BYTES:
            return None  # the next handler returns the file it kept
        return UploadedFile(
            BytesIO(),
            name=self.file_name,
            content_type=self.content_type,
            size=file_size,
            charset=self.charset,
        )
