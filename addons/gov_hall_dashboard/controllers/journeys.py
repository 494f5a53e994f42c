"""Guided journeys on top of the addons' portal pages: the citizen rates a case from its portal page, the bidder
sees where it stands (a step bar, a confirmation after each step) and an opening hall page that counts down
to the opening instead of a "not found"."""
import datetime

from werkzeug.urls import url_encode

from odoo import http
from odoo.exceptions import AccessError, MissingError, UserError
from odoo.http import request

from odoo.addons.gov_hall_base.tools.dates import center_date, center_today
from odoo.addons.gov_hall_intake.controllers.portal import GovHallCasePortal
from odoo.addons.gov_public_resource_trading.controllers.listing import GovTradingListingPortal
from odoo.addons.gov_public_resource_trading.controllers.portal import GovTradingPortal

AFTER_OPENING = ("decrypting", "evaluation", "publicity", "awarded", "contracted", "failed", "cancel")
RESULT_STATES = ("publicity", "awarded", "contracted", "failed", "cancel")


def _step(key, label, done=False, skipped=False):
    return {"key": key, "label": label, "done": done, "skipped": skipped, "objection": False}


def _objection(key, label, questions, url=None, hint=None):
    """A step of objections or challenges: none filed, filed (waiting for the answer) or answered; ``url``
    (where one may be filed now) only while its legal window is open."""
    state = "none" if not questions else "filed" if any(q.state == "open" for q in questions) else "answered"
    return {"key": key, "label": label, "objection": True, "state": state, "url": url, "hint": hint,
            "done": False, "skipped": False}


def _with_current(steps):
    current = next((s["key"] for s in steps if not s["objection"] and not s["done"] and not s["skipped"]),
                   steps[-1]["key"])
    return {"steps": steps, "current": current}


def tender_journey(env, reg, current_bid=None):
    """The bidder's steps of a tender (or procurement) lot, with the objections (异议) of the Bidding Law or
    the challenges (质疑) of the Government Procurement Law at the steps they belong to."""
    _ = env._
    reg = reg.sudo()
    lot, bidder = reg.lot_id, reg.bidder_id
    company = lot.company_id
    today = center_today(company)
    now = lot._now()
    deposit = reg.deposit_ids[:1]
    state = lot.state
    page = f"/my/trading/registration/{reg.id}"
    questions = env["gov.trading.question"].sudo().search([("lot_id", "=", lot.id), ("bidder_id", "=", bidder.id)])
    of_kind = lambda kind, basis=None: questions.filtered(  # noqa: E731
        lambda q: q.kind == kind and (basis is None or (q.challenge_basis or "documents") == basis))
    registered = reg.state == "registered"

    def within_7_working_days(known):
        if not known:
            return False
        return today <= env["gov.hall.calendar"].add_working_days(center_date(known, company), 7)

    procurement = lot.kind == "procurement"
    if procurement:
        documents = _objection(
            "challenge_documents", _("Challenge to the Documents"), of_kind("challenge", "documents"),
            url=registered and within_7_working_days(reg.date_registered) and
            f"{page}?{url_encode({'kind': 'challenge', 'basis': 'documents'})}#gov_question",
            hint=_("Within 7 working days of obtaining the documents"))
        result = _objection(
            "challenge_result", _("Challenge to the Result"), of_kind("challenge", "result"),
            url=registered and lot.date_award and within_7_working_days(
                datetime.datetime.combine(lot.date_award, datetime.time(0, 0))) and
            f"{page}?{url_encode({'kind': 'challenge', 'basis': 'result'})}#gov_question",
            hint=_("Within 7 working days of the result notice"))
    else:
        last_day = lot.date_bid_deadline and center_date(lot.date_bid_deadline, company) - datetime.timedelta(days=10)
        documents = _objection(
            "doc_objection", _("Objection to the Documents"), of_kind("doc_objection"),
            url=registered and state == "published" and last_day and today <= last_day and
            f"{page}?{url_encode({'kind': 'doc_objection'})}#gov_question",
            hint=_("Until 10 days before the bid deadline"))
        result = _objection(
            "candidate_objection", _("Objection to the Result"), of_kind("candidate_objection"),
            url=registered and state == "publicity" and lot.date_publicity_start and lot.date_publicity_end and
            lot.date_publicity_start <= now <= lot.date_publicity_end and
            f"{page}?{url_encode({'kind': 'candidate_objection'})}#gov_question",
            hint=_("During the publicity of the candidates"))
    opening = _objection(
        "opening_objection", _("Objection at the Opening"), of_kind("opening_objection"),
        url=registered and state == "decrypting" and f"{page}/opening#gov_opening_objection",
        hint=_("During the opening session, answered on the spot"))
    no_deposit = not lot.deposit_amount
    steps = [
        _step("subject", _("Trading Subject"), bidder.state == "approved" if "state" in bidder._fields else True),
        _step("key", _("Signing Key"), bool(bidder.signing_public_key)),
        _step("registration", _("Registration"), registered),
        _step("documents", _("Documents"), bool(reg.download_ids)),
        documents,
        _step("deposit", _("Deposit"), no_deposit or deposit.state in ("received", "refunded", "kept")),
        _step("bid", _("Sealed Bid"), bool(current_bid)),
        _step("opening", _("Opening"), state in AFTER_OPENING),
        opening,
        _step("result", _("Result"), state in RESULT_STATES),
        result,
        _step("refund", _("Deposit Refund"), deposit.state == "refunded" or (
            no_deposit and state in ("awarded", "contracted"))),
    ]
    return _with_current(steps)


def listing_journey(env, reg, listing):
    """The steps of a listing (挂牌) lot: application, deposit by the cut-off, quotes, the close, the
    confirmation (成交确认书) of the winner and the refund of the others' deposits."""
    _ = env._
    reg, listing = reg.sudo(), listing.sudo()
    closed = bool(listing.date_closed) or listing.state in ("sold", "contracted", "no_deal")
    winner = listing.winner_registration_id == reg
    deposits = reg.deposit_ids
    quoted = bool(listing.quote_ids.filtered(lambda q: q.registration_id == reg))
    steps = [
        _step("registration", _("Application"), reg.state == "registered"),
        _step("deposit", _("Bidding Deposit"), reg._listing_deposit_ok()),
        _step("quote", _("Quote"), quoted, skipped=closed and not quoted),
        _step("close", _("Close"), closed),
        _step("confirmation", _("Transaction Confirmation"), winner and bool(listing.date_confirmation),
              skipped=closed and not winner),
        _step("refund", _("Deposit Refund"),
              any(d.state == "refunded" for d in deposits) or (winner and listing.state == "contracted"),
              skipped=not listing.deposit_amount),
    ]
    journey = _with_current(steps)
    journey["listing"] = listing
    journey["winner"] = winner
    return journey


class GovHallCaseRating(GovHallCasePortal):

    @http.route("/my/cases/<int:case_id>/rate", type="http", auth="public", website=True, methods=["POST"],
                sitemap=False)
    def portal_my_case_rate(self, case_id, access_token=None, value=None, feedback=None, **kw):
        """One case, one rating (一事一评), from the case's own portal page: by its applicant, or through the
        link's access token; the model checks the level, the state and that it is not rated yet."""
        try:
            case = self._document_check_access("gov.hall.case", case_id, access_token)
        except (AccessError, MissingError):
            return request.redirect("/my")
        try:
            case.sudo().action_rate(value, (feedback or "").strip() or None, channel="web")
            params = {"message": request.env._("Thank you: your rating was recorded.")}
        except UserError as exc:
            params = {"error": exc.args[0]}
        if access_token:
            params["access_token"] = access_token
        return request.redirect(f"/my/cases/{case.id}?{url_encode(params)}")


class GovTradingJourney(GovTradingPortal):

    @http.route()
    def portal_trading_registration(self, registration_id, **kw):
        """The step bar of the registration page: a tender's steps, or a listing's."""
        response = super().portal_trading_registration(registration_id, **kw)
        qcontext = getattr(response, "qcontext", None)
        if qcontext and qcontext.get("registration"):
            reg = qcontext["registration"]
            listing = reg.lot_id.sudo().listing_ids[:1] if reg.lot_id.sudo().procedure == "listing" else None
            qcontext["gov_journey"] = listing_journey(request.env, reg, listing) if listing else \
                tender_journey(request.env, reg, qcontext.get("current_bid"))
        return response

    @http.route()
    def portal_trading_register(self, lot_id, **kw):
        response = super().portal_trading_register(lot_id, **kw)
        location = response.headers.get("Location", "") if response.status_code in (301, 302, 303) else ""
        if "/my/trading/registration/" in location and "?" not in location:
            # the confirmation of the step just done, and what comes next
            response.headers["Location"] = location + "?" + url_encode({"message": request.env._(
                "You are registered for this lot. Next: download the tender documents, pay the deposit if one "
                "is asked, then seal and upload your bid before the deadline.")})
        return response

    @http.route()
    def portal_trading_opening(self, registration_id, **kw):
        reg = self._registration(registration_id)
        lot = reg.lot_id.sudo()
        if lot.state in ("draft", "published"):
            # before the opening: the hall's waiting room with the time left, not a "page not found"
            values = self._prepare_portal_layout_values()
            values.update({"page_name": "trading_opening", "registration": reg, "lot": lot,
                           "opening_utc": lot.date_bid_deadline and lot.date_bid_deadline.isoformat() + "Z"})
            return request.render("gov_hall_dashboard.portal_trading_opening_wait", values)
        return super().portal_trading_opening(registration_id, **kw)


class GovTradingListingJourney(GovTradingListingPortal):

    @http.route()
    def portal_listing(self, listing_id, **kw):
        response = super().portal_listing(listing_id, **kw)
        qcontext = getattr(response, "qcontext", None)
        if qcontext and qcontext.get("registration"):
            qcontext["gov_journey"] = listing_journey(request.env, qcontext["registration"], qcontext["listing"])
        return response
