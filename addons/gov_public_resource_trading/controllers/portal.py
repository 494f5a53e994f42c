"""Bidder portal: company account, certificates, registration, downloads, deposits, questions,
sealed bids (encrypted in the browser) and decryption at the opening."""
from odoo import http
from odoo.exceptions import AccessError, MissingError, UserError, ValidationError
from odoo.http import request

from odoo.addons.portal.controllers.portal import CustomerPortal

from odoo.addons.gov_hall_base.tools import Throttle, check_upload, read_upload, upload_limit

from ..models.gov_trading_lot import fmt_local


# certificate scans: checked by content (gov_hall_base.tools.upload); the size limit is the system parameter
# gov_hall_base.upload_max_bytes.gov_trading_certificate
CERTIFICATE_KINDS = ("pdf", "jpeg", "png", "ofd")
# wrong bid keys and non-matching copies at the opening, receipt checks by anyone
DECRYPT = Throttle("gov_trading_decrypt", limit=10, minutes=15)
RECEIPT_VERIFY = Throttle("gov_trading_receipt_verify", limit=60, minutes=15)
CERTIFICATE_MAX_BYTES = 10 * 1024 * 1024


def _fmt_of(lot):
    """The pages' ``fmt``: a datetime as the lot's center reads it."""
    company = lot.sudo().company_id
    return lambda dt: fmt_local(dt, company)


class GovTradingPortal(CustomerPortal):

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "trading_registration_count" in counters:
            Reg = request.env["gov.trading.registration"]
            values["trading_registration_count"] = Reg.search_count([]) if Reg.has_access("read") else 0
        return values

    # -- helpers -----------------------------------------------------------------------------------------
    def _bidder(self):
        return request.env["gov.trading.bidder"].search([("user_ids", "in", request.env.uid)], limit=1)

    def _own(self, model, record_id):
        """The record, when the request's user is a portal user of its bidder; 404 otherwise (for another
        bidder's record and for the staff alike: they act in the backend, and nobody learns whose it is)."""
        try:
            record = request.env[model].browse(int(record_id)).exists()
            if not record:
                raise MissingError("missing")
            record.check_access("read")
            if request.env.user not in record.sudo().bidder_id.user_ids:
                raise AccessError("not the bidder's")
        except (AccessError, MissingError, ValueError):
            raise request.not_found() from None
        return record

    def _registration(self, registration_id):
        return self._own("gov.trading.registration", registration_id)

    def _bid(self, bid_id):
        return self._own("gov.trading.bid", bid_id)

    def _json_error(self, error, status=400):
        message = error.args[0] if getattr(error, "args", None) else str(error)
        return request.make_json_response({"error": message}, status=status)

    def _redirect_with(self, url, error=None, message=None):
        from werkzeug.urls import url_encode
        params = {}
        if error:
            params["error"] = error
        if message:
            params["message"] = message
        return request.redirect(url + ("?" + url_encode(params) if params else ""))

    # -- dashboard and account ---------------------------------------------------------------------------
    @http.route("/my/trading", type="http", auth="user", website=True)
    def portal_trading(self, error=None, message=None, **kw):
        user = request.env.user
        if not user.share:
            return request.redirect("/odoo")
        values = self._prepare_portal_layout_values()
        if user.has_group("gov_hall_base.group_gov_portal_bidder"):
            bidder = self._bidder()
            lots = request.env["gov.trading.lot"].search([("state", "=", "published")], order="date_bid_deadline")
            registrations = request.env["gov.trading.registration"].search([])
        else:
            # any portal user may open a company account; it makes them a bidder
            bidder = request.env["gov.trading.bidder"]
            lots = request.env["gov.trading.lot"]
            registrations = request.env["gov.trading.registration"]
        values.update({
            "page_name": "trading", "bidder": bidder, "open_lots": lots, "registrations": registrations,
            "registered_lot_ids": registrations.lot_id.ids, "error": error, "message": message,
            "qualification_types": request.env["gov.trading.qualification.type"].search([]),
        })
        return request.render("gov_public_resource_trading.portal_trading", values)

    @http.route("/my/trading/account", type="http", auth="user", website=True, methods=["POST"])
    def portal_trading_account(self, name=None, uscc=None, legal_representative=None, phone=None, **kw):
        user = request.env.user
        if not user.share:
            raise request.not_found()
        is_bidder = user.has_group("gov_hall_base.group_gov_portal_bidder")
        bidder = self._bidder() if is_bidder else request.env["gov.trading.bidder"]
        try:
            with request.env.cr.savepoint():
                if bidder:
                    if bidder.state == "approved":
                        raise UserError(request.env._("An approved account is changed by the trading center staff."))
                    bidder.sudo().partner_id.write({"name": name, "gov_id_number": uscc,
                                                    "gov_legal_representative": legal_representative,
                                                    "phone": phone})
                else:
                    partner = request.env["res.partner"].sudo().create({
                        "name": name, "is_company": True, "gov_id_type": "uscc", "gov_id_number": uscc,
                        "gov_legal_representative": legal_representative, "phone": phone,
                        "email": request.env.user.email,
                    })
                    request.env["gov.trading.bidder"].sudo().create({
                        "partner_id": partner.id, "user_ids": [(4, request.env.uid)]})
                    if not is_bidder:
                        user.sudo().write({"group_ids": [(4, request.env.ref(
                            "gov_hall_base.group_gov_portal_bidder").id)]})
        except (UserError, ValidationError) as e:
            return self._redirect_with("/my/trading", error=e.args[0])
        return self._redirect_with("/my/trading", message=request.env._("Your company account is saved."))

    @http.route("/my/trading/certificate", type="http", auth="user", website=True, methods=["POST"])
    def portal_trading_certificate(self, type_id=None, number=None, date_expiry=None, date_issue=None,
                                   scan=None, **kw):
        bidder = self._bidder()
        if not bidder:
            return self._redirect_with("/my/trading", error=request.env._("Create your company account first."))
        scan_data = scan_mimetype = None
        if scan and getattr(scan, "filename", None):
            # the scan is checked (size, type by content) before the certificate is created: nothing half saved
            max_bytes = upload_limit(request.env, "gov_trading_certificate", CERTIFICATE_MAX_BYTES)
            scan_data = read_upload(scan, max_bytes)
            try:
                _kind, scan_mimetype = check_upload(scan_data, scan.filename, CERTIFICATE_KINDS, max_bytes)
            except UserError as e:
                return self._redirect_with("/my/trading", error=e.args[0])
        try:
            with request.env.cr.savepoint():
                cert = request.env["gov.trading.certificate"].sudo().create({
                    "bidder_id": bidder.id, "type_id": int(type_id), "number": number,
                    "date_issue": date_issue or False, "date_expiry": date_expiry,
                })
                if scan_data is not None:
                    att = request.env["ir.attachment"].sudo().create({
                        "name": scan.filename, "raw": scan_data, "mimetype": scan_mimetype,
                        "res_model": cert._name, "res_id": cert.id})
                    cert.attachment_id = att
                if bidder.state in ("draft", "rejected"):
                    bidder.sudo().action_submit()
        except (UserError, ValidationError, ValueError) as e:
            return self._redirect_with("/my/trading", error=str(e.args[0]) if e.args else str(e))
        return self._redirect_with("/my/trading", message=request.env._("Certificate uploaded for review."))

    # -- registration ------------------------------------------------------------------------------------
    @http.route("/my/trading/lot/<int:lot_id>/register", type="http", auth="user", website=True,
                methods=["POST"])
    def portal_trading_register(self, lot_id, **kw):
        bidder = self._bidder()
        lot = request.env["gov.trading.lot"].browse(lot_id).exists()
        if not bidder or not lot:
            return self._redirect_with("/my/trading", error=request.env._("Create your company account first."))
        lot.check_access("read")
        try:
            with request.env.cr.savepoint():
                reg = request.env["gov.trading.registration"].sudo().create({"bidder_id": bidder.id,
                                                                             "lot_id": lot.id})
        except (UserError, ValidationError) as e:
            return self._redirect_with("/my/trading", error=e.args[0])
        return request.redirect(f"/my/trading/registration/{reg.id}")

    @http.route("/my/trading/registration/<int:registration_id>", type="http", auth="user", website=True)
    def portal_trading_registration(self, registration_id, error=None, message=None, **kw):
        reg = self._registration(registration_id)
        lot = reg.lot_id
        values = self._prepare_portal_layout_values()
        bids = request.env["gov.trading.bid"].search([("registration_id", "=", reg.id)])
        values.update({
            "page_name": "trading_registration", "registration": reg, "lot": lot,
            "documents": lot.sudo().document_ids, "bids": bids,
            "current_bid": bids.filtered(lambda b: b.state in ("submitted", "decrypted"))[:1],
            "clarifications": request.env["gov.trading.clarification"].search([("lot_id", "=", lot.id)]),
            "questions": request.env["gov.trading.question"].search([("lot_id", "=", lot.id)]),
            "deposits": reg.deposit_ids, "error": error, "message": message,
            "now": request.env["gov.trading.lot"]._now(),
            "fmt": _fmt_of(lot),
        })
        return request.render("gov_public_resource_trading.portal_trading_registration", values)

    @http.route("/my/trading/registration/<int:registration_id>/opening", type="http", auth="user", website=True)
    def portal_trading_opening(self, registration_id, **kw):
        """The remote opening session: every bid of the lot with its state; the bidders' names and prices
        appear only once the decryption is closed (电子招标投标办法 第29-31条)."""
        reg = self._registration(registration_id)
        lot = reg.lot_id.sudo()
        if lot.state in ("draft", "published"):
            raise request.not_found()
        bids = lot.bid_ids.filtered(lambda b: b.state in ("submitted", "decrypted", "revoked")).sorted(
            "date_received")
        # a cancelled lot leaves its bids unopened and names nobody
        revealed = lot.state not in ("decrypting", "cancel")
        opening = lot.project_id.announcement_ids.filtered(lambda a: a.kind == "opening" and a.is_published)[:1]
        values = self._prepare_portal_layout_values()
        values.update({"page_name": "trading_opening", "registration": reg, "lot": lot, "bids": bids,
                       "revealed": revealed, "opening_announcement": opening, "fmt": _fmt_of(lot),
                       "own_bidder": reg.bidder_id})
        return request.render("gov_public_resource_trading.portal_trading_opening", values)

    @http.route("/my/trading/registration/<int:registration_id>/award_notice", type="http", auth="user")
    def portal_trading_award_notice(self, registration_id, **kw):
        reg = self._registration(registration_id)
        lot = reg.lot_id.sudo()
        if lot.state not in ("awarded", "contracted") or lot.winner_bid_id.registration_id != reg:
            raise request.not_found()
        pdf, ext = request.env["ir.actions.report"].sudo()._render_qweb_pdf(
            "gov_public_resource_trading.action_report_award_notice", lot.ids)
        return request.make_response(pdf, headers=[
            ("Content-Type", "application/pdf" if ext == "pdf" else "text/html"),
            ("Content-Disposition", f'inline; filename="award-notice-{lot.code}.{ext}"')])

    @http.route("/my/trading/registration/<int:registration_id>/document/<int:attachment_id>", type="http",
                auth="user")
    def portal_trading_download(self, registration_id, attachment_id, **kw):
        reg = self._registration(registration_id)
        attachment = request.env["ir.attachment"].sudo().browse(attachment_id).exists()
        if not attachment or attachment not in reg.lot_id.sudo().document_ids:
            raise request.not_found()
        reg.sudo()._log_download(attachment)
        return request.env["ir.binary"]._get_stream_from(attachment).get_response(as_attachment=True)

    @http.route("/my/trading/registration/<int:registration_id>/deposit", type="http", auth="user",
                website=True, methods=["POST"])
    def portal_trading_deposit(self, registration_id, bank_reference=None, payment_method="bank_transfer", **kw):
        reg = self._registration(registration_id)
        url = f"/my/trading/registration/{reg.id}"
        try:
            with request.env.cr.savepoint():
                request.env["gov.trading.deposit"].sudo().create({
                    "registration_id": reg.id, "amount": reg.lot_id.deposit_amount,
                    "bank_reference": bank_reference, "payment_method": payment_method,
                })
        except (UserError, ValidationError) as e:
            return self._redirect_with(url, error=e.args[0])
        return self._redirect_with(url, message=request.env._("Deposit declared: the center confirms receipt."))

    @http.route("/my/trading/registration/<int:registration_id>/question", type="http", auth="user",
                website=True, methods=["POST"])
    def portal_trading_question(self, registration_id, name=None, body=None, kind="question", basis=None, **kw):
        reg = self._registration(registration_id)
        url = f"/my/trading/registration/{reg.id}"
        if kind not in ("question", "doc_objection", "candidate_objection", "challenge", "complaint"):
            kind = "question"
        challenge = request.env["gov.trading.question"]
        if kind == "complaint" and reg.lot_id.kind == "procurement":
            challenge = challenge.search([("lot_id", "=", reg.lot_id.id), ("kind", "=", "challenge"),
                                          ("bidder_id", "=", reg.bidder_id.id)], order="date_raised desc", limit=1)
        try:
            with request.env.cr.savepoint():
                request.env["gov.trading.question"].sudo().create({
                    "lot_id": reg.lot_id.id, "bidder_id": reg.bidder_id.id, "name": name, "body": body,
                    "kind": kind, "challenge_basis": (basis if basis in ("documents", "process", "result")
                                                      else "result" if reg.lot_id.date_award else
                                                      "process" if reg.lot_id.date_opened else "documents")
                    if kind in ("challenge", "complaint") else False, "challenge_id": challenge.id})
        except (UserError, ValidationError) as e:
            return self._redirect_with(url, error=e.args[0])
        return self._redirect_with(url, message=request.env._("Received: the answer will be published to "
                                                              "every bidder without naming you."))

    # -- sealed bids ---------------------------------------------------------------------------------------
    # The bidder's key material is handled on a bare page (no frontend layout, one script under a strict
    # Content-Security-Policy) or offline by the sealing tool; these routes receive only sealed files.
    _SEAL_SCRIPT = "gov_public_resource_trading/static/src/js/sealed_bid.js"
    _SEAL_STYLE = "gov_public_resource_trading/static/src/css/sealed_bid.css"

    @classmethod
    def _static_sha256(cls, path):
        """The base64 SHA-256 of one of our static files (the script's integrity and CSP hash)."""
        import base64  # noqa: PLC0415
        import hashlib  # noqa: PLC0415

        from odoo.tools.misc import file_open  # noqa: PLC0415
        with file_open(path, "rb") as fh:
            return base64.b64encode(hashlib.sha256(fh.read()).digest()).decode()

    def _bare_page(self, template, values):
        script_hash = self._static_sha256(self._SEAL_SCRIPT)
        values.update({"script_url": "/" + self._SEAL_SCRIPT, "style_url": "/" + self._SEAL_STYLE,
                       "script_integrity": f"sha256-{script_hash}"})
        response = request.render(template, values)
        response.headers["Content-Security-Policy"] = (
            f"default-src 'none'; script-src 'sha256-{script_hash}'; style-src 'self'; img-src 'self' data:; "
            "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'self'")
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "no-referrer"
        response.headers["Cache-Control"] = "no-store"
        return response

    @http.route("/my/trading/registration/<int:registration_id>/seal", type="http", auth="user")
    def portal_trading_seal_page(self, registration_id, **kw):
        """The bare sealing and opening page of a registration: signing key, sealing, offline upload,
        decryption with the key code, the bidder's copy after a platform fault."""
        reg = self._registration(registration_id)
        lot = reg.lot_id
        bids = request.env["gov.trading.bid"].search([("registration_id", "=", reg.id)])
        values = {
            "registration": reg, "lot": lot, "bidder": reg.bidder_id.sudo(),
            "current_bid": bids.filtered(lambda b: b.state in ("submitted", "decrypted"))[:1].sudo(),
            "now": request.env["gov.trading.lot"]._now(), "fmt": _fmt_of(lot),
        }
        return self._bare_page("gov_public_resource_trading.portal_trading_seal_page", values)

    @http.route("/my/trading/registration/<int:registration_id>/ticket", type="http", auth="user")
    def portal_trading_seal_ticket(self, registration_id, download=None, **kw):
        """A sealing ticket (lot code, registration id, a fresh single-use nonce) to seal a bid with."""
        import json  # noqa: PLC0415
        reg = self._registration(registration_id)
        try:
            ticket = request.env["gov.trading.bid"]._issue_ticket(reg)
        except (UserError, ValidationError) as e:
            return self._json_error(e)
        headers = [("Content-Type", "application/json"), ("Cache-Control", "no-store")]
        if download:
            headers.append(("Content-Disposition", f'attachment; filename="ticket-{reg.id}.json"'))
        return request.make_response(json.dumps(ticket), headers=headers)

    @http.route("/my/trading/signing_key", type="http", auth="user", methods=["POST"], csrf=True)
    def portal_trading_signing_key(self, public_key=None, **kw):
        bidder = self._bidder()
        if not bidder:
            raise request.not_found()
        try:
            with request.env.cr.savepoint():
                fingerprint = bidder._register_signing_key(public_key)
        except (UserError, ValidationError) as e:
            return self._json_error(e)
        return request.make_json_response({"fingerprint": fingerprint})

    @http.route("/my/trading/registration/<int:registration_id>/bid", type="http", auth="user", methods=["POST"],
                csrf=True)
    def portal_trading_bid_upload(self, registration_id, bid=None, **kw):
        """Upload of a sealed bid file (gov-sealed-bid/1), from the sealing page or the offline tools."""
        reg = self._registration(registration_id)
        Bid = request.env["gov.trading.bid"]
        if not bid or not getattr(bid, "read", None):
            return self._json_error(UserError(request.env._("The bid file is empty.")))
        bid.seek(0)  # a retried request (serialisation conflict) reads the upload again
        data = bid.read(Bid._max_bytes() + 1)
        try:
            with request.env.cr.savepoint():
                sealed = Bid._seal_file(reg, data)
        except (UserError, ValidationError) as e:
            return self._json_error(e)
        return request.make_json_response(sealed._receipt())

    @http.route("/my/trading/bid/<int:bid_id>/receipt", type="http", auth="user")
    def portal_trading_bid_receipt(self, bid_id, **kw):
        bid = self._bid(bid_id)
        receipt = bid.sudo().receipt_json
        if not receipt:
            raise request.not_found()
        return request.make_response(receipt, headers=[
            ("Content-Type", "application/json"),
            ("Content-Disposition", f'attachment; filename="receipt-{bid.sudo().receipt_number}.json"')])

    @http.route("/my/trading/bid/<int:bid_id>/withdraw", type="http", auth="user", website=True,
                methods=["POST"])
    def portal_trading_bid_withdraw(self, bid_id, **kw):
        bid = self._bid(bid_id)
        url = f"/my/trading/registration/{bid.registration_id.id}"
        try:
            with request.env.cr.savepoint():
                bid.action_withdraw()
        except (UserError, ValidationError) as e:
            return self._redirect_with(url, error=e.args[0])
        return self._redirect_with(url, message=request.env._("Your bid is withdrawn."))

    @http.route("/my/trading/bid/<int:bid_id>/ciphertext", type="http", auth="user")
    def portal_trading_bid_ciphertext(self, bid_id, **kw):
        bid = self._bid(bid_id)
        attachment = bid.sudo().ciphertext_id
        return request.make_response(attachment.raw, headers=[
            ("Content-Type", "application/octet-stream"), ("X-Content-SHA256", bid.sha256 or "")])

    @http.route("/my/trading/bid/<int:bid_id>/decrypt", type="http", auth="user", methods=["POST"], csrf=True)
    @DECRYPT.guard(reply="json", count="failures")
    def portal_trading_bid_decrypt(self, bid_id, key=None, **kw):
        bid = self._bid(bid_id)
        try:
            with request.env.cr.savepoint():
                bid = bid._decrypt(key or "")
        except (UserError, ValidationError) as e:
            DECRYPT.count()
            return self._json_error(e)
        if bid.storage_fault:
            return request.make_json_response({"storage_fault": True, "state": bid.state, "error": request.env._(
                "The stored copy of your bid is damaged (its SHA-256 does not match your receipt): this is a "
                "fault of the platform. Upload your own copy of the sealed bid file below.")}, status=409)
        return request.make_json_response({"state": bid.state, "price": bid.price,
                                           "summary": bid.plaintext_summary})

    @http.route("/my/trading/bid/<int:bid_id>/recover", type="http", auth="user", methods=["POST"], csrf=True)
    @DECRYPT.guard(reply="json", count="failures")
    def portal_trading_bid_recover(self, bid_id, bid=None, **kw):
        record = self._bid(bid_id)
        if not bid or not getattr(bid, "read", None):
            return self._json_error(UserError(request.env._("The bid file is empty.")))
        bid.seek(0)
        data = bid.read(record._max_bytes() + 1)
        try:
            with request.env.cr.savepoint():
                record, recovered = record._recover(data)
        except (UserError, ValidationError) as e:
            DECRYPT.count()
            return self._json_error(e)
        message = request.env._("Your copy matches your signed receipt: decrypt your bid now.") if recovered else \
            request.env._("Your copy does not match your signed receipt: the bid counts as withdrawn.")
        return request.make_json_response({"recovered": recovered, "state": record.state, "message": message})

    # -- public: the platform's receipt key and the sealing tool --------------------------------------------
    @http.route("/trading/receipt/key", type="http", auth="public")
    def trading_receipt_key(self, **kw):
        return request.make_json_response(request.env["gov.trading.bid"].sudo()._platform_public_key())

    @http.route("/trading/receipt/verify", type="http", auth="public", methods=["POST"], csrf=False)
    @RECEIPT_VERIFY.guard(reply="json")
    def trading_receipt_verify(self, **kw):
        """Anyone may check a receipt's signature: the body is the receipt JSON; answers {code, ok}."""
        data = request.httprequest.get_data(cache=False, as_text=False)[:65536]
        ok = request.env["gov.trading.bid"].sudo()._verify_receipt(data)
        return request.make_json_response({"code": 200, "ok": bool(ok), "message": request.env._(
            "The receipt is signed by this platform.") if ok else request.env._(
            "The receipt's signature does not verify.")})

    @http.route("/trading/sealing-tool", type="http", auth="public", website=True)
    def trading_sealing_tool(self, **kw):
        """The offline sealing tool and its SHA-256, to check the downloaded file against."""
        import hashlib  # noqa: PLC0415

        from odoo.tools.misc import file_open  # noqa: PLC0415
        with file_open(self._SEAL_TOOL, "rb") as fh:
            digest = hashlib.sha256(fh.read()).hexdigest()
        return request.render("gov_public_resource_trading.trading_sealing_tool", {
            "tool_url": "/" + self._SEAL_TOOL, "tool_sha256": digest,
            "receipt_key": request.env["gov.trading.bid"].sudo()._platform_public_key()})

    _SEAL_TOOL = "gov_public_resource_trading/static/tools/bid_sealing_tool.html"
