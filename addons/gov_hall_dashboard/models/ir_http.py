from werkzeug.exceptions import MethodNotAllowed

from odoo import models
from odoo.http import request

METHOD_NOT_ALLOWED_PATH = "/gov_hall/method_not_allowed"


class IrHttp(models.AbstractModel):
    _inherit = "ir.http"

    @classmethod
    def _match(cls, path):
        """A route opened with a method it does not take is served by the hall's own 405 page (Chinese, in
        the site's layout) instead of the HTTP library's English page, which Odoo's error handling never
        sees (the error is raised while matching, before any dispatch). Only for a browser opening a page
        (GET, HEAD): other clients keep the plain 405."""
        try:
            return super()._match(path)
        except MethodNotAllowed:
            if request.httprequest.method not in ("GET", "HEAD"):
                raise
            rule, _args = super()._match(METHOD_NOT_ALLOWED_PATH)
            return rule, {}
