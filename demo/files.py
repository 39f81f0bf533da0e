"""Small, valid evidence files made on the fly: a PNG photo stand-in and a one-page PDF."""

import zlib
from io import BytesIO

from PIL import Image, ImageDraw

COLOURS = [(31, 119, 180), (44, 160, 44), (214, 39, 40), (148, 103, 189), (255, 127, 14)]


def png_bytes(caption: str, index: int = 0) -> bytes:
    """A 480×270 picture with a coloured band and a caption, standing in for a photo of an activity."""
    image = Image.new("RGB", (480, 270), (245, 245, 240))
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, 480, 60), fill=COLOURS[index % len(COLOURS)])
    draw.text((16, 20), "Dokumentasi kegiatan", fill=(255, 255, 255))
    draw.text((16, 110), caption[:70], fill=(30, 30, 30))
    buffer = BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def pdf_bytes(title: str) -> bytes:
    """A one-page PDF with a title line, with a correct cross-reference table."""
    text = title.encode("latin-1", "replace").replace(b"(", b"[").replace(b")", b"]")[:90]
    stream = zlib.compress(b"BT /F1 14 Tf 56 780 Td (" + text + b") Tj ET")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)
