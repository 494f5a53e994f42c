"""Checks of uploaded files (complaint evidence, certificate scans, bid files): size and type by content.

``check_upload(data, filename, kinds, max_bytes, env=None)`` reads the file's first bytes (its "magic number"), not the
browser's MIME type nor only the extension: a PNG renamed ``.pdf`` is refused, and so is a file whose
extension does not agree with its content. It raises a ``UserError`` with a clear message and returns the
detected kind and MIME type. Validate every upload of a request before creating any record, so that nothing
is half saved. ``read_upload(file, max_bytes)`` reads an upload without holding more than ``max_bytes + 1``
bytes; ``upload_limit(env, key, default)`` reads the limit of one use from the system parameters.
"""
import io
import os
import zipfile

from odoo.exceptions import UserError

# kind -> (extensions, MIME type, label)
KINDS = {
    "pdf": ((".pdf",), "application/pdf", "PDF"),
    "jpeg": ((".jpg", ".jpeg"), "image/jpeg", "JPEG"),
    "png": ((".png",), "image/png", "PNG"),
    "ofd": ((".ofd",), "application/ofd", "OFD"),
    "zip": ((".zip",), "application/zip", "ZIP"),
}
PARAM_PREFIX = "gov_hall_base.upload_max_bytes."


def detect_kind(data):
    """The kind of ``data`` by its content (a key of ``KINDS``), or None."""
    head = bytes(data[:8])
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                names = {name.lower() for name in archive.namelist()}
        except (zipfile.BadZipFile, ValueError, OSError, NotImplementedError):
            return None
        # an OFD document (GB/T 33190) is a ZIP package with an OFD.xml entry point
        return "ofd" if "ofd.xml" in names else "zip"
    return None


def _size(n):
    if n >= 1024 * 1024:
        return "%g MB" % round(n / (1024 * 1024), 1)
    return "%g KB" % round(n / 1024, 1)


def check_upload(data, filename, kinds, max_bytes, env=None):
    """Check one upload; return ``(kind, mimetype)`` or raise a UserError naming the file.

    :param bytes data: the file's content (read with ``read_upload`` to bound the memory used)
    :param str filename: the name the client gave
    :param kinds: the accepted kinds (keys of ``KINDS``)
    :param int max_bytes: the largest accepted size
    :param env: an environment for the message's language (default: the request's)
    """
    if env is None:
        from odoo.http import request  # noqa: PLC0415
        env = request.env
    _ = env._
    name = os.path.basename((filename or "").replace("\\", "/")) or _("(unnamed file)")
    labels = "/".join(KINDS[k][2] for k in kinds)
    if not data:
        raise UserError(_("The file %(name)s is empty.", name=name))
    if max_bytes and len(data) > max_bytes:
        raise UserError(_("The file %(name)s is larger than %(max)s.", name=name, max=_size(max_bytes)))
    kind = detect_kind(data)
    if kind == "ofd" and "ofd" not in kinds and "zip" in kinds:
        kind = "zip"
    if kind not in kinds:
        raise UserError(_("The file %(name)s is not an accepted file: only %(kinds)s files are accepted, "
                          "checked by their content.", name=name, kinds=labels))
    ext = os.path.splitext(name)[1].lower()
    if ext not in KINDS[kind][0]:
        raise UserError(_("The file %(name)s is a %(kind)s file by its content, but its name ends in "
                          "\"%(ext)s\": please rename it or upload the right file.",
                          name=name, kind=KINDS[kind][2], ext=ext or _("(no extension)")))
    return kind, KINDS[kind][1]


def read_upload(upload, max_bytes):
    """The content of a werkzeug ``FileStorage``, at most ``max_bytes + 1`` bytes (enough to see it is too
    large), read from the start (a retried request reads it again)."""
    stream = getattr(upload, "stream", upload)
    try:
        stream.seek(0)
    except (AttributeError, OSError, ValueError):
        pass
    return upload.read(max_bytes + 1 if max_bytes else -1)


def upload_limit(env, key, default):
    """The size limit in bytes of the uploads of one use (``gov_hall_base.upload_max_bytes.<key>``)."""
    value = env["ir.config_parameter"].sudo().get_param(PARAM_PREFIX + key)
    try:
        return int(value) if value else default
    except ValueError:
        return default
