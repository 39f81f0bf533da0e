"""Thumbnails of evidence photos: made once on upload with Pillow, served through the same checked views."""

from io import BytesIO

from django.core.files.base import ContentFile
from PIL import Image, ImageOps, UnidentifiedImageError

THUMBNAIL_SIZE = (480, 480)


def make_thumbnail(uploaded) -> ContentFile | None:
    """A JPEG at most 480 px on its longer side, turned upright by its EXIF orientation; None if not an image."""
    uploaded.seek(0)
    try:
        with Image.open(uploaded) as image:
            image = ImageOps.exif_transpose(image)
            image.thumbnail(THUMBNAIL_SIZE)
            if image.mode not in ("RGB", "L"):
                image = image.convert("RGB")
            buffer = BytesIO()
            image.save(buffer, format="JPEG", quality=80, optimize=True)
    except (UnidentifiedImageError, OSError, ValueError):
        return None
    finally:
        uploaded.seek(0)
    return ContentFile(buffer.getvalue(), name="thumbnail.jpg")


def ensure_thumbnail(stored) -> bool:
    """Give a stored photo a thumbnail if it has none (uploaded before they were made); True if it has one."""
    if stored.thumbnail:
        return True
    if not stored.content_type.startswith("image/"):
        return False
    with stored.file.open("rb") as handle:
        thumbnail = make_thumbnail(handle)
    if thumbnail is None:
        return False
    stored.thumbnail.save(thumbnail.name, thumbnail, save=False)
    type(stored).objects.filter(pk=stored.pk).update(thumbnail=stored.thumbnail.name)
    return True
