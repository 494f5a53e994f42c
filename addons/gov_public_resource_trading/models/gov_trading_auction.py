"""Live auction (现场竞价 / 拍卖) of a lot, pushed to every bidder's screen over Odoo's bus.

A session per lot: either the live bidding a listing hands over at its close when a bidder wants to continue
(``gov.trading.listing._listing_handover_to_auction``; it starts from the highest quote of the listing), or a
lot auctioned directly (the project's method is ``auction``: land, mining, property rights by auction), created
by the trading staff on the lot. Such a lot has a listing session too (``gov.trading.listing`` with the lot's
procedure ``auction``): its announcement, applications, deposits and the reserve price sealed by the
transferor with the published salted commitment, exactly as a listing's; the auction starts from its announced
starting price and increment, and its close hands the highest bid to that session, which opens the reserve with
the transferor's key and decides, signs the confirmation (成交确认书) and announces the result as a listing does.
Nobody types a reserve price into an auction.

The countdown closes by itself: a cron every minute closes the running sessions whose end (after any
extension) has passed, and the next bid or state request after the end closes the session first, so that no
bidder sees a running session past its end; logged like a host's close (``by``: ``clock``).

The server is the only clock: the countdown ends at ``date_end`` (UTC) and a bid accepted in the last
``extend_window`` seconds moves it to at least ``extend_seconds`` after the bid (延时竞价; both per center,
copied onto the session when it is created). A bid is the current price plus a whole number of increments
(one at least once somebody leads), the leading bidder cannot outbid itself, a late, too low or unauthorised
bid is refused with its reason answered to that bidder only. Bids are taken one after the other: the session
row is locked (``SELECT ... FOR UPDATE``) in a READ COMMITTED transaction of its own, so two bids at the same
price are decided by the one committed first; the other is told it was outbid. Every accepted and refused
bid, every pause, resume, increment change and the close is appended to the hash-chained trading log with
the server time. Bidders appear by their paddle number (竞买号牌) only.

The bus channel of a session is the session record itself; a client subscribes with the string
``gov_trading_auction:<id>`` and ``ir.websocket`` adds the channel only for the staff of the center, the
trading supervisor and the registered bidders of the lot.
"""
import datetime
import logging

from psycopg2.extensions import ISOLATION_LEVEL_READ_COMMITTED

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.sql_db import Cursor

from odoo.addons.gov_hall_base.tools.lang import center_env
from odoo.addons.gov_hall_base.tools.protect import granted, is_granted, protected_action

from .gov_trading_integrity import TRADING_STAFF
from .gov_trading_lot import fmt_local

_logger = logging.getLogger(__name__)

BUS_TYPE = "gov_trading_auction/state"
CHANNEL_PREFIX = "gov_trading_auction:"
TSUPERVISOR = "gov_public_resource_trading.group_gov_trading_supervisor"
AUCTION_EVENTS = [
    ("auction_start", "Live auction started"),
    ("auction_bid", "Live auction bid accepted"),
    ("auction_bid_refused", "Live auction bid refused"),
    ("auction_pause", "Live auction paused"),
    ("auction_resume", "Live auction resumed"),
    ("auction_increment", "Live auction increment changed"),
    ("auction_close", "Live auction closed"),
]
AUCTION_PROTECTED = (
    "state", "date_start", "date_end", "pause_remaining", "date_closed", "current_price", "leader_registration_id",
    "leader_paddle", "bidder_registration_ids", "winner_registration_id", "final_price", "result", "no_deal_reason",
    "bid_sequence", "listing_id", "reserve_price",
)
# fixed once the session starts
AUCTION_START_LOCK = ("lot_id", "start_price", "increment", "duration_minutes", "extend_window", "extend_seconds")


class GovTradingAuction(models.Model):
    _name = "gov.trading.auction"
    _description = "Live Auction Session"
    _inherit = ["mail.thread", "gov.trading.integrity.mixin"]
    _order = "id desc"
    _check_company_auto = True
    _protected_fields = AUCTION_PROTECTED

    name = fields.Char(related="lot_id.name", store=True)
    lot_id = fields.Many2one("gov.trading.lot", required=True, ondelete="restrict", index=True, check_company=True,
                             domain="[('kind', 'in', ('land', 'property', 'mining')), ('procedure', '=', 'auction')]")
    listing_id = fields.Many2one("gov.trading.listing", "Listing", readonly=True, copy=False,
                                 index="btree_not_null", ondelete="restrict",
                                 help="The listing whose close handed the lot over to live bidding.")
    project_id = fields.Many2one(related="lot_id.project_id", store=True)
    company_id = fields.Many2one(related="lot_id.company_id", store=True, index=True)
    currency_id = fields.Many2one(related="lot_id.currency_id")
    kind = fields.Selection(related="lot_id.kind")
    state = fields.Selection([("draft", "Draft"), ("running", "Running"), ("paused", "Paused"),
                              ("closed", "Closed"), ("cancel", "Cancelled")],
                             default="draft", required=True, tracking=True, index=True)
    start_price = fields.Monetary("Starting Price", currency_field="currency_id", required=True, tracking=True)
    increment = fields.Monetary("Increment", currency_field="currency_id", required=True, tracking=True)
    increment_next = fields.Monetary("New Increment", currency_field="currency_id",
                                     help="The host's change of the increment during the auction (logged).")
    reserve_price = fields.Monetary(
        related="listing_id.reserve_price", string="Reserve Price", groups=f"{TRADING_STAFF},{TSUPERVISOR}",
        help="Sealed by the transferor on the lot's listing session; known once the transferor's key opens it "
             "after the close.")
    reserve_commitment = fields.Char(related="listing_id.reserve_commitment")
    duration_minutes = fields.Integer("Countdown (minutes)", default=10, required=True)
    extend_window = fields.Integer("Extension Window (seconds)", required=True,
                                   default=lambda self: self.env.company.gov_auction_extend_window,
                                   help="A bid accepted in the last N seconds of the countdown extends it.")
    extend_seconds = fields.Integer("Extension (seconds)", required=True,
                                    default=lambda self: self.env.company.gov_auction_extend_seconds,
                                    help="After such a bid the countdown runs at least M seconds more.")
    date_start = fields.Datetime("Started At", readonly=True, copy=False)
    date_end = fields.Datetime("Countdown Ends", readonly=True, copy=False)
    pause_remaining = fields.Float("Seconds Left at the Pause", readonly=True, copy=False)
    host_reason = fields.Char("Host's Reason", help="Why the host pauses or resumes the auction (logged).")
    date_closed = fields.Datetime("Closed At", readonly=True, copy=False)
    current_price = fields.Monetary("Current Price", currency_field="currency_id", readonly=True, copy=False)
    leader_registration_id = fields.Many2one("gov.trading.registration", "Leading Application", readonly=True,
                                             copy=False)
    leader_paddle = fields.Char("Leading Paddle", readonly=True, copy=False)
    bidder_registration_ids = fields.Many2many("gov.trading.registration", string="Admitted Bidders",
                                               readonly=True, copy=False)
    bidder_count = fields.Integer(compute="_compute_counts")
    bid_ids = fields.One2many("gov.trading.auction.bid", "auction_id", string="Bids")
    bid_count = fields.Integer(compute="_compute_counts")
    bid_sequence = fields.Integer(readonly=True, copy=False)
    winner_registration_id = fields.Many2one("gov.trading.registration", "Winning Application", readonly=True,
                                             copy=False)
    winner_paddle = fields.Char(related="winner_registration_id.listing_paddle", string="Winning Paddle")
    final_price = fields.Monetary("Final Price", currency_field="currency_id", readonly=True, copy=False)
    result = fields.Selection([("deal", "Sold"), ("no_deal", "No Deal")], readonly=True, copy=False)
    no_deal_reason = fields.Text(readonly=True, copy=False)

    _amounts_positive = models.Constraint(
        "CHECK(start_price > 0 AND increment > 0 AND duration_minutes > 0 AND extend_window >= 0 "
        "AND extend_seconds >= 0)",
        "The starting price, the increment and the countdown must be positive, the extension not negative.")

    def _compute_counts(self):
        for rec in self:
            rec.bid_count = len(rec.sudo().bid_ids)
            rec.bidder_count = len(rec.sudo().bidder_registration_ids)

    # -- creation ---------------------------------------------------------------------------------------
    @api.onchange("lot_id")
    def _onchange_lot_id(self):
        listing = self.lot_id.listing_ids[:1]
        if listing:
            self.start_price = listing.start_price
            self.increment = listing.increment

    @api.model_create_multi
    def create(self, vals_list):
        direct = not is_granted(self._name)
        if direct:
            # a lot auctioned directly: its prices are those its announcement published
            for vals in vals_list:
                listing = self.env["gov.trading.lot"].sudo().browse(vals.get("lot_id")).exists().listing_ids[:1]
                if listing:
                    vals.setdefault("start_price", listing.start_price)
                    vals.setdefault("increment", listing.increment)
        records = super().create(vals_list)
        for rec in records:
            if rec.lot_id.kind not in ("land", "property", "mining"):
                raise ValidationError(self.env._("Live auctions are for land, property and mining rights."))
            if direct:
                rec._check_trading_staff()
                rec._link_direct_listing()
        return records

    def _link_direct_listing(self):
        """A session created by the staff is for a lot auctioned directly, whose listing session holds the
        announcement and the transferor's sealed reserve."""
        self.ensure_one()
        lot = self.sudo().lot_id
        listing = lot.listing_ids[:1]
        if lot.procedure != "auction":
            raise ValidationError(self.env._(
                "%(lot)s is not auctioned directly (its project's method is not auction): a listing goes to live "
                "bidding at its close, when bidders want to continue.", lot=lot.name))
        if not listing:
            raise ValidationError(self.env._(
                "Prepare the auction session of %(lot)s first (announcement, deposit, the transferor's sealed "
                "reserve price).", lot=lot.name))
        if self.sudo().search_count([("lot_id", "=", lot.id), ("state", "!=", "cancel"), ("id", "!=", self.id)]):
            raise ValidationError(self.env._("%(lot)s already has its live auction.", lot=lot.name))
        with granted(self):
            self.sudo().listing_id = listing

    def write(self, vals):
        if self.pool.ready and set(vals) & set(AUCTION_START_LOCK) and not is_granted(self._name):
            if any(rec.state != "draft" for rec in self):
                raise UserError(self.env._(
                    "The auction has started: its lot, prices, countdown and extension no longer change (the host "
                    "changes the increment with its button)."))
        return super().write(vals)

    @api.model
    def _from_listing(self, listing, registrations):
        """The live bidding of ``listing`` (called by its close, in its grant): a session from the highest quote,
        for the bidders who want to continue, started at once."""
        lead = listing._leading_quote()
        with granted(self):
            auction = self.sudo().create({
                "lot_id": listing.lot_id.id, "listing_id": listing.id,
                "start_price": lead.amount if lead else listing.start_price, "increment": listing.increment,
                "extend_window": listing.company_id.gov_auction_extend_window,
                "extend_seconds": listing.company_id.gov_auction_extend_seconds,
            })
            auction._start(registrations, lead.registration_id if lead else None)
        return auction

    # -- who may see and bid ----------------------------------------------------------------------------
    def _is_host(self, user=None):
        """Staff of the session's center (the host) or the trading supervisor of the center."""
        self.ensure_one()
        user = user or self.env.user
        if self.sudo().company_id not in user.sudo().company_ids:
            return False
        return user.has_group(TRADING_STAFF) or user.has_group(TSUPERVISOR)

    def _registration_of(self, user=None):
        """The registration of ``user`` (a portal user of the bidder) for the session's lot, if any."""
        self.ensure_one()
        user = user or self.env.user
        return self.sudo().lot_id.registration_ids.filtered(
            lambda r: r.state == "registered" and r.listing_paddle and user in r.bidder_id.user_ids)[:1]

    # -- state pushed to the screens --------------------------------------------------------------------
    def _remaining(self, now=None):
        self.ensure_one()
        now = now or fields.Datetime.now()
        if self.state == "paused":
            return self.pause_remaining
        if self.state != "running" or not self.date_end:
            return 0.0
        return max((self.date_end - now).total_seconds(), 0.0)

    def _public_state(self, event=None, bid=None):
        """What every screen of the session shows: no names, paddle numbers only, and the server's clock."""
        self.ensure_one()
        rec = self.sudo()
        now = fields.Datetime.now()
        recent = self.env["gov.trading.auction.bid"].sudo().search(
            [("auction_id", "=", rec.id), ("state", "=", "accepted")], order="sequence desc", limit=10)
        state = rec.state
        if state == "running" and rec.date_end and now >= rec.date_end:
            state = "ended"
        return {
            "id": rec.id, "state": state, "current_price": rec.current_price, "increment": rec.increment,
            "leader_paddle": rec.leader_paddle or "", "server_now": fields.Datetime.to_string(now),
            "date_end": fields.Datetime.to_string(rec.date_end) if rec.date_end else "",
            "remaining": rec._remaining(now), "sequence": rec.bid_sequence,
            "next_price": rec._next_price(), "result": rec.result or "",
            "final_price": rec.final_price, "winner_paddle": rec.winner_paddle or "",
            "event": event or "state",
            "bid": bid or {},
            "bids": [{"paddle": b.paddle, "amount": b.amount, "sequence": b.sequence,
                      "at": fields.Datetime.to_string(b.date_quoted)} for b in recent],
        }

    def _next_price(self):
        self.ensure_one()
        rec = self.sudo()
        return rec.current_price + (rec.increment if rec.leader_registration_id else 0.0)

    def _push(self, event=None, bid=None):
        """Every screen subscribed to the session gets its new state (bus, sent when the transaction commits)."""
        for rec in self:
            self.env["bus.bus"]._sendone(rec.sudo(), BUS_TYPE, rec._public_state(event, bid))

    def _lock(self):
        """Bids and host actions of one session are taken one after the other."""
        self.env.cr.execute("SELECT id FROM gov_trading_auction WHERE id IN %s FOR UPDATE", [tuple(self.ids)])
        self.invalidate_recordset()

    # -- host actions ----------------------------------------------------------------------------------
    @protected_action("gov.trading.listing")
    def action_start(self):
        self._check_trading_staff()
        for rec in self:
            if rec.state != "draft":
                raise UserError(self.env._("Only a draft auction is started."))
            lot = rec.sudo().lot_id
            listing = rec.sudo().listing_id
            if not listing:
                raise UserError(self.env._("This auction has no session with its announcement and sealed reserve."))
            if (round(rec.start_price * 100), round(rec.increment * 100)) != (
                    round(listing.start_price * 100), round(listing.increment * 100)):
                raise UserError(self.env._(
                    "The auction starts at the announced starting price %(price).2f with the announced increment "
                    "%(step).2f.", price=listing.start_price, step=listing.increment))
            regs = listing._auction_admitted().filtered(lambda r: r.listing_paddle)
            if lot.kind == "mining" and len(regs) < 3:
                raise UserError(self.env._(
                    "A mining rights auction needs at least 3 bidders (Mining Rights Transfer Rules, MNR [2023] "
                    "No. 1): %(count)s admitted.", count=len(regs)))
            rec._start(regs, None)

    def _start(self, registrations, leader):
        self.ensure_one()
        if not registrations:
            raise UserError(self.env._("No bidder may take part in this auction."))
        self._lock()
        now = fields.Datetime.now()
        with granted(self):
            self.sudo().write({
                "state": "running", "date_start": now,
                "date_end": now + datetime.timedelta(minutes=self.duration_minutes),
                "bidder_registration_ids": [(6, 0, registrations.ids)],
                "current_price": self.start_price, "leader_registration_id": leader.id if leader else False,
                "leader_paddle": leader.listing_paddle if leader else False,
            })
        self.env["gov.trading.log"]._append("auction_start", self, lot=self.lot_id, payload={
            "start_price": self.start_price, "increment": self.increment, "end": self.date_end,
            "paddles": sorted(registrations.mapped("listing_paddle")), "leader": self.leader_paddle or None,
            "extend_window": self.extend_window, "extend_seconds": self.extend_seconds})
        self._push("start")

    def _host_reason(self):
        reason = (self.host_reason or "").strip()
        if not reason:
            raise UserError(self.env._("Give the reason for the pause or the resumption."))
        return reason

    @protected_action()
    def action_pause(self):
        self._check_trading_staff()
        for rec in self:
            rec._lock()
            now = fields.Datetime.now()
            if rec.state != "running" or now >= rec.date_end:
                raise UserError(self.env._("Only a running countdown is paused."))
            reason = rec._host_reason()
            remaining = (rec.date_end - now).total_seconds()
            rec.sudo().write({"state": "paused", "pause_remaining": remaining, "host_reason": False})
            self.env["gov.trading.log"]._append("auction_pause", rec, lot=rec.lot_id, payload={
                "reason": reason, "remaining": remaining, "price": rec.current_price})
            center_env(rec).message_post(body=center_env(rec).env._("Auction paused: %(reason)s", reason=reason))
            rec._push("pause")

    @protected_action()
    def action_resume(self):
        self._check_trading_staff()
        for rec in self:
            rec._lock()
            if rec.state != "paused":
                raise UserError(self.env._("Only a paused auction is resumed."))
            reason = rec._host_reason()
            now = fields.Datetime.now()
            end = now + datetime.timedelta(seconds=rec.pause_remaining)
            rec.sudo().write({"state": "running", "date_end": end, "pause_remaining": 0.0, "host_reason": False})
            self.env["gov.trading.log"]._append("auction_resume", rec, lot=rec.lot_id, payload={
                "reason": reason, "end": end})
            center_env(rec).message_post(body=center_env(rec).env._("Auction resumed: %(reason)s", reason=reason))
            rec._push("resume")

    @protected_action()
    def action_change_increment(self):
        self._check_trading_staff()
        for rec in self:
            rec._lock()
            if rec.state not in ("running", "paused"):
                raise UserError(self.env._("The increment changes during the auction only."))
            if not rec.increment_next or rec.increment_next <= 0:
                raise UserError(self.env._("Enter the new increment (a positive amount)."))
            old, new = rec.increment, rec.increment_next
            rec.sudo().write({"increment": new, "increment_next": 0.0})
            self.env["gov.trading.log"]._append("auction_increment", rec, lot=rec.lot_id, payload={
                "old": old, "new": new})
            center_env(rec).message_post(body=center_env(rec).env._(
                "Increment changed from %(old).2f to %(new).2f.", old=old, new=new))
            rec._push("increment")

    @protected_action()
    def action_close(self):
        """The host closes the auction once the countdown is over (the clock closes it too, see
        ``_close_if_due``): the highest bid goes to the lot's listing session, which opens the transferor's
        sealed reserve and decides (at or above the reserve wins, otherwise no deal)."""
        self._check_trading_staff()
        for rec in self:
            rec._lock()
            now = fields.Datetime.now()
            if rec.state != "running":
                raise UserError(self.env._("Only a running auction is closed (resume it first)."))
            if now < rec.date_end:
                raise UserError(self.env._("The countdown runs until %(end)s.",
                                           end=fmt_local(rec.date_end, rec.company_id)))
            rec._close(now, by="host")

    def _close(self, now, by="host"):
        """Close the session at ``now`` (``by`` the host or the clock) and hand its highest bid to the lot's
        listing session, which decides with its own rules (reserve key, minimum bidders, earnest money)."""
        self.ensure_one()
        rec = self.sudo()
        leader, price = rec.leader_registration_id, rec.current_price
        accepted = rec.bid_ids.filtered(lambda b: b.state == "accepted")[:1]
        counts = dict(self.env["gov.trading.auction.bid"].sudo()._read_group(
            [("auction_id", "=", rec.id)], ["state"], ["__count"]))
        with granted(self, "gov.trading.listing", "gov.trading.lot", "gov.trading.deposit",
                     "gov.trading.announcement"):
            rec.write({"state": "closed", "date_closed": now})
            if rec.listing_id:
                rec.listing_id._auction_result(leader if accepted else False, price if accepted else False)
                rec._sync_result()
            else:
                # a session built by server code without a listing session (benchmarks): the highest bid, no
                # reserve, nothing written on the lot
                rec.write({"result": "deal", "winner_registration_id": leader.id, "final_price": price}
                          if accepted else {"result": "no_deal",
                                            "no_deal_reason": center_env(rec).env._("No bid during the auction: no deal.")})
        self.env["gov.trading.log"]._append("auction_close", self, lot=self.lot_id, payload={
            "by": by, "result": rec.result or None, "paddle": rec.winner_paddle or None,
            "price": rec.final_price or None, "bids": counts.get("accepted", 0), "refused": counts.get("refused", 0),
            "reason": rec.no_deal_reason or None, "listing": rec.listing_id.id or None,
            "reserve_key": rec.listing_id.state == "reserve" or None})
        if by == "clock":
            # the server's note, whoever's request met the end
            center_env(rec).message_post(author_id=self.env.ref("base.partner_root").id, body=center_env(rec).env._(
                "The countdown ended at %(end)s: the auction closed by itself.", end=fmt_local(rec.date_end,
                                                                                              rec.company_id)))
        self._push("close")

    def _sync_result(self):
        """The auction shows the result its listing session decided (at once, or once the reserve key is in)."""
        for rec in self.sudo():
            listing = rec.listing_id
            if listing.state in ("sold", "contracted"):
                vals = {"result": "deal", "winner_registration_id": listing.winner_registration_id.id,
                        "final_price": listing.final_price}
            elif listing.state == "no_deal":
                vals = {"result": "no_deal", "no_deal_reason": listing.no_deal_reason}
            else:
                continue
            with granted(rec):
                rec.write(vals)

    def _close_if_due(self, now=None):
        """Close, at the server's clock, the sessions of ``self`` still running past their end (after any
        extension, never while paused); the caller holds no lock. Returns the sessions closed."""
        closed = self.browse()
        for rec in self:
            now_ = now or fields.Datetime.now()
            if rec.sudo().state != "running" or now_ < rec.sudo().date_end:
                continue
            rec._lock()
            if rec.sudo().state != "running" or now_ < rec.sudo().date_end:
                continue
            rec._close(now_, by="clock")
            closed |= rec
        return closed

    @api.model
    def _cron_close_due(self):
        """Every minute: one query selects the running sessions whose countdown is over; each closes in its own
        savepoint so that one failing session does not hold the others back."""
        self.flush_model(["state", "date_end"])
        due = self.sudo().search([("state", "=", "running"), ("date_end", "<=", fields.Datetime.now())],
                                 order="date_end, id")
        closed = self.browse()
        for rec in due:
            try:
                with self.env.cr.savepoint():
                    closed |= rec._close_if_due()
            except (UserError, ValidationError):
                _logger.exception("live auction %s could not close at the end of its countdown", rec.id)
        return closed

    @api.private
    @api.model
    def _live_state(self, auction_id):
        """The state a screen asks for, after ``_close_if_due``: in a transaction of its own at READ COMMITTED
        (as a bid is), so that a close is committed before the answer, two requests never close twice and the
        answer is the state after the last committed bid, not the request's older snapshot."""
        cr = self.env.registry.cursor()
        if not isinstance(cr, Cursor):
            # tests: every cursor wraps the test's one transaction
            cr.close()
            auction = self.sudo().browse(auction_id)
            auction._close_if_due()
            return auction._public_state()
        with cr:
            cr.connection.set_isolation_level(ISOLATION_LEVEL_READ_COMMITTED)
            auction = self.env(cr=cr)[self._name].sudo().browse(auction_id)
            auction._close_if_due()
            state = auction._public_state()
        return state

    @protected_action()
    def action_cancel(self):
        self._check_trading_staff()
        for rec in self:
            if rec.state != "draft":
                raise UserError(self.env._("Only an auction that has not started is cancelled."))
            rec.state = "cancel"

    def action_open_bidder_page(self):
        self.ensure_one()
        return {"type": "ir.actions.act_url", "url": f"/my/trading/auction/{self.id}", "target": "new"}

    # -- bids ------------------------------------------------------------------------------------------
    @api.private
    @api.model
    def _submit_bid(self, auction_id, amount):
        """A bid of the current user (a portal user of a bidder) on session ``auction_id``, taken in a
        transaction of its own at READ COMMITTED, committed before the answer: after the lock on the session
        row, the state read is the last committed one, so the order of the bids is the order of the commits.
        Returns the answer for the bidder (``ok``, ``code``, ``message``, ``state``)."""
        cr = self.env.registry.cursor()
        if not isinstance(cr, Cursor):
            # tests: every cursor wraps the test's one transaction, the request's own cursor is that transaction
            cr.close()
            auction = self.sudo().browse(auction_id)
            return auction._bid(auction._registration_of(self.env.user), amount)
        with cr:
            cr.connection.set_isolation_level(ISOLATION_LEVEL_READ_COMMITTED)
            env = self.env(cr=cr)
            auction = env[self._name].sudo().browse(auction_id)
            answer = auction._bid(auction._registration_of(env.user), amount)
        return answer

    def _refusal_text(self, code, **values):
        _ = self.env._
        texts = {
            "unauthorised": _("You are not admitted to bid in this auction."),
            "not_running": _("The auction is not running: no bid is taken now."),
            "paused": _("The auction is paused by the host: no bid is taken now."),
            "late": _("Too late: the countdown ended at %(end)s (server time).", **values),
            "leader": _("You already lead at %(price).2f: the leading bidder cannot outbid itself.", **values),
            "outbid": _("Outbid: another bidder bid %(price).2f first. The next bid is %(next).2f.", **values),
            "too_low": _("Too low: the current price is %(price).2f, the next bid is at least %(next).2f.", **values),
            "not_whole": _("A bid is the current price %(price).2f plus a whole number of increments of "
                           "%(step).2f: %(amount).2f is not.", **values),
        }
        return texts[code]

    def _bid(self, registration, amount):
        """Decide one bid of ``registration`` (under sudo; the current user must be its bidder's portal user).
        Never raises for a refused bid: the refusal is stored and logged too, and answered to the bidder."""
        self.ensure_one()
        if not registration:
            raise AccessError(self.env._("You are not a registered bidder of this lot."))
        self._check_bidder_user(registration.bidder_id)
        self._lock()
        rec = self.sudo()
        now = fields.Datetime.now()
        if rec.state == "running" and now >= rec.date_end:
            # the first request after the end closes the session: the bid is late
            rec._close(now, by="clock")
        cents, base, step = round(amount * 100), round(rec.current_price * 100), round(rec.increment * 100)
        leader = rec.leader_registration_id
        code = None
        values = {"price": rec.current_price, "next": rec._next_price(), "step": rec.increment, "amount": amount,
                  "end": fmt_local(rec.date_end, rec.company_id) if rec.date_end else ""}
        if registration not in rec.bidder_registration_ids:
            code = "unauthorised"
        elif rec.state == "paused":
            code = "paused"
        elif rec.state != "running":
            code = "late" if rec.state == "closed" else "not_running"
        elif now >= rec.date_end:
            code = "late"
        elif leader == registration:
            code = "leader"
        elif cents - base < (step if leader else 0):
            code = "outbid" if leader and cents == base else "too_low"
        elif (cents - base) % step:
            code = "not_whole"
        seq = rec.bid_sequence + 1
        Bid = self.env["gov.trading.auction.bid"].sudo()
        with granted(Bid, self):
            bid = Bid.create({
                "auction_id": rec.id, "registration_id": registration.id, "paddle": registration.listing_paddle,
                "amount": cents / 100.0, "date_quoted": now, "state": "refused" if code else "accepted",
                "refusal_code": code or False, "sequence": seq,
                "increments": (cents - base) // step if not code else 0,
            })
            vals = {"bid_sequence": seq}
            extended = False
            if not code:
                vals.update({"current_price": cents / 100.0, "leader_registration_id": registration.id,
                             "leader_paddle": registration.listing_paddle})
                left = (rec.date_end - now).total_seconds()
                if left <= rec.extend_window:
                    new_end = max(rec.date_end, now + datetime.timedelta(seconds=rec.extend_seconds))
                    extended = new_end != rec.date_end
                    vals["date_end"] = new_end
            rec.write(vals)
        payload = {"paddle": bid.paddle, "amount": bid.amount, "sequence": seq, "at": now}
        if code:
            payload["refused"] = code
            self.env["gov.trading.log"]._append("auction_bid_refused", bid, lot=rec.lot_id, payload=payload)
            return {"ok": False, "code": code, "message": self._refusal_text(code, **values),
                    "state": self._public_state()}
        if extended:
            payload["extended_to"] = rec.date_end
        public_bid = {"paddle": bid.paddle, "amount": bid.amount, "sequence": seq, "extended": extended}
        # pushed first: the screens' notification is queued before the log's chaining (both run after the commit)
        self._push("bid", public_bid)
        self.env["gov.trading.log"]._append("auction_bid", bid, lot=rec.lot_id, payload=payload)
        return {"ok": True, "code": "accepted",
                "message": self.env._("Your bid of %(amount).2f is accepted: you lead.", amount=bid.amount),
                "state": self._public_state("bid", public_bid)}


class GovTradingListingAuction(models.Model):
    _inherit = "gov.trading.listing"

    auction_ids = fields.One2many("gov.trading.auction", "listing_id", string="Live Auction")
    procedure = fields.Selection(related="lot_id.procedure")

    def _leading_quote(self):
        """Once a listing went to live bidding, the highest accepted bid of its auction leads (it has the
        quote's ``amount``, ``paddle``, ``registration_id`` and ``date_quoted``)."""
        lead = super()._leading_quote()
        auction = self.sudo().auction_ids.filtered(lambda a: a.state != "cancel")[:1]
        if auction:
            bid = self.env["gov.trading.auction.bid"].sudo().search(
                [("auction_id", "=", auction.id), ("state", "=", "accepted")], order="sequence desc", limit=1)
            if bid:
                return bid
        return lead

    def _decide_result(self):
        """The result decided after the reserve key shows on the auction that handed its highest bid over."""
        res = super()._decide_result()
        self.sudo().auction_ids.filtered(lambda a: a.state == "closed" and not a.result)._sync_result()
        return res

    def action_new_auction(self):
        self.ensure_one()
        return self.lot_id.action_new_auction()

    def action_open_auction(self):
        self.ensure_one()
        return {"type": "ir.actions.act_window", "res_model": "gov.trading.auction", "view_mode": "form",
                "res_id": (self.auction_ids.filtered(lambda a: a.state != "cancel") or self.auction_ids)[:1].id}


class GovTradingLotAuction(models.Model):
    _inherit = "gov.trading.lot"

    auction_ids = fields.One2many("gov.trading.auction", "lot_id", string="Live Auctions")

    def action_new_auction(self):
        """A lot auctioned directly: a draft session with the prices its announcement published."""
        self.ensure_one()
        self.env["gov.trading.integrity.mixin"]._check_trading_staff()
        return {"type": "ir.actions.act_window", "res_model": "gov.trading.auction", "view_mode": "form",
                "context": {"default_lot_id": self.id}}


class GovTradingLogAuction(models.Model):
    _inherit = "gov.trading.log"

    event = fields.Selection(selection_add=AUCTION_EVENTS,
                             ondelete={key: (lambda records: None) for key, _label in AUCTION_EVENTS})


class IrWebsocketAuction(models.AbstractModel):
    _inherit = "ir.websocket"

    def _build_bus_channel_list(self, channels):
        """``gov_trading_auction:<id>`` subscribes to the session's channel, for its host, the trading supervisor
        of the center and the registered bidders of the lot only; anything else is ignored."""
        channels = list(channels)
        for channel in list(channels):
            if not (isinstance(channel, str) and channel.startswith(CHANNEL_PREFIX)):
                continue
            channels.remove(channel)
            ident = channel[len(CHANNEL_PREFIX):]
            if not ident.isdigit() or self.env.user._is_public():
                continue
            auction = self.env["gov.trading.auction"].sudo().browse(int(ident)).exists()
            if auction and (auction._is_host(self.env.user) or auction._registration_of(self.env.user)):
                channels.append(auction)
        return super()._build_bus_channel_list(channels)


class GovTradingAuctionDemo(models.Model):
    _inherit = "gov.trading.auction"

    @api.model
    def _demo_live_auction(self):
        """Seed 004 (梅县区, 土地招拍挂交易): a land lot auctioned directly (拍卖出让), built as the demo's
        listing of today is (``gov.trading.listing._demo_rights_session``), running now with the three demo
        bidders and two bids on the screens."""
        models_ = ("gov.trading.auction", "gov.trading.auction.bid", "gov.trading.lot", "gov.trading.project",
                   "gov.trading.registration", "gov.trading.deposit", "gov.trading.listing",
                   "gov.trading.announcement")
        with granted(*models_):
            self = self.sudo()
            env = self.env
            company = env.ref("base.main_company")
            now = fields.Datetime.now()
            start = now - datetime.timedelta(minutes=5)
            listing, regs = env["gov.trading.listing"]._demo_rights_session("auction", {
                "tenderer": "梅州市梅县区自然资源局（拍卖出让）",
                "project": "梅县区程江镇MX2026-09号地块国有建设用地使用权拍卖出让",
                "description": "<p>宗地位于梅县区程江镇扶大高新区，用途为工业用地，出让年限50年，"
                               "容积率不小于1.0；以拍卖方式公开出让，现场竞价，价高者得。</p>",
                "lot": "MX2026-09号地块（拍卖）", "price": 12_600_000, "increment": 100_000, "reserve": 12_800_000,
                "announcement": "梅县区国有建设用地使用权拍卖出让公告（梅县土拍〔2026〕9号）",
                "date_start": start, "date_end": now + datetime.timedelta(days=2),
                "date_application_end": now - datetime.timedelta(days=3),
            })
            auction = self.create({
                "lot_id": listing.lot_id.id, "listing_id": listing.id, "start_price": listing.start_price,
                "increment": listing.increment, "duration_minutes": 24 * 60,
                "extend_window": company.gov_auction_extend_window,
                "extend_seconds": company.gov_auction_extend_seconds,
            })
            auction._start(listing._auction_admitted(), None)
            for reg, amount in ((regs[0], 12_600_000), (regs[1], 12_800_000)):
                auction.with_user(reg.bidder_id.user_ids[:1] or env.user)._bid(reg, amount)
        return auction
