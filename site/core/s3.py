"""The private storage on an S3-compatible object store, named by the
production settings when AWS_STORAGE_BUCKET_NAME is set (a module of its
own: boto3 is imported only where it is used)."""
from storages.backends.s3 import S3Storage

from .storage import NoURL


class PrivateS3Storage(NoURL, S3Storage):
    """A private bucket or prefix: no public ACL, never overwritten, no URL
    (a signed address would bypass the views' permission checks)."""

    def get_default_settings(self):
        return {**super().get_default_settings(), "default_acl": "private", "file_overwrite": False}
