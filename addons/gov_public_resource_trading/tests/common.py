import base64
import json
import os
from datetime import datetime, timedelta

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.pbkdf2 import PBKDF2HMAC

from odoo.tests import new_test_user
from odoo.tests.common import freeze_time

from odoo.addons.gov_hall_base.tests.common import GovHallCase
from odoo.addons.gov_hall_base.tools.protect import granted

from ..tools import seal_bid as sealing

# Monday 2 March 2026, 10:00 in Beijing (02:00 UTC): every test runs on a frozen clock from here.
T0 = datetime(2026, 3, 2, 2, 0, 0)
USCCS = ["91361100MA35F2K80B", "91361121MA38A7Q103", "91361102MA39B3T60G", "91361100MA37C9R40R"]


SIGNING_KEYS = {}  # bidder id -> its signing key file (the private part stays with the "bidder": here)


def signing_key(bidder):
    """The signing key of ``bidder``, registered on its account the first time (as its portal user does
    on the sealing page)."""
    if bidder.id not in SIGNING_KEYS or bidder.signing_public_key != SIGNING_KEYS[bidder.id]["public_spki"]:
        key = sealing.new_signing_key()
        with granted("gov.trading.bidder"):
            bidder.sudo().write({"signing_public_key": key["public_spki"],
                                 "signing_key_sha256": sealing.key_fingerprint(key["public_spki"])})
        SIGNING_KEYS[bidder.id] = key
    return SIGNING_KEYS[bidder.id]


def seal_file(registration, price, duration=180, files=None, user=None, signer=None):
    """What the sealing page, the offline tool and the sealing command do: a ticket from the server, then
    a sealed and signed file (gov-sealed-bid/1). Returns (file bytes, key code, sealed dict)."""
    user = user or registration.bidder_id.user_ids[:1]
    ticket = registration.env["gov.trading.bid"].with_user(user)._issue_ticket(registration)
    sealed, key = sealing.seal(ticket, signing_key(signer or registration.bidder_id), price, duration,
                               files if files is not None else [("投标函.pdf", b"%PDF", "application/pdf")])
    return json.dumps(sealed).encode(), sealing.key_to_code(key), sealed


def seal(passphrase, payload, iterations=100_000):
    """What the browser did before the random keys (legacy pbkdf2-v1 bids): PBKDF2-SHA256 then
    AES-256-GCM, no additional data."""
    salt, iv = os.urandom(16), os.urandom(12)
    key = PBKDF2HMAC(algorithm=hashes.SHA256(), length=32, salt=salt, iterations=iterations).derive(
        passphrase.encode())
    ciphertext = AESGCM(key).encrypt(iv, json.dumps(payload).encode(), None)
    return ciphertext, base64.b64encode(salt).decode(), base64.b64encode(iv).decode(), \
        base64.b64encode(key).decode()


class TradingCase(GovHallCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True, mail_notrack=True,
                                       mail_create_nolog=True))
        cls.trading.write({"company_ids": [(4, cls.center.id)], "company_id": cls.center.id})
        cls.trading2, _ = cls._user("t_trading2", "gov_hall_base.group_gov_trading_staff")
        cls.tenderer = cls.env["res.partner"].create({"name": "上饶市城市建设投资开发集团有限公司",
                                                      "is_company": True})
        cls.qual = cls.env["gov.trading.qualification.type"].create({"name": "市政公用工程施工总承包二级"})
        cls.bidders = cls.env["gov.trading.bidder"]
        cls.bidder_users = []
        names = ["上饶市信达建设工程有限公司", "江西赣东路桥建设集团有限公司", "上饶市广信建筑工程有限公司",
                 "上饶市恒通办公设备有限公司"]
        for i, (name, code) in enumerate(zip(names, USCCS)):
            user = new_test_user(cls.env, login=f"t_bidder{i}", groups="gov_hall_base.group_gov_portal_bidder",
                                 name=name)
            partner = cls.env["res.partner"].create({"name": name, "is_company": True, "gov_id_type": "uscc",
                                                     "gov_id_number": code})
            with granted("gov.trading.bidder", "gov.trading.certificate"):  # reviewed accounts, set up
                bidder = cls.env["gov.trading.bidder"].create({
                    "partner_id": partner.id, "user_ids": [(6, 0, user.ids)], "state": "approved",
                    "certificate_ids": [(0, 0, {"type_id": cls.qual.id, "number": f"D2360{i}", "state": "valid",
                                                "date_expiry": "2030-12-31"})],
                })
            cls.bidders |= bidder
            cls.bidder_users.append(user)

    @classmethod
    def _user(cls, login, groups, company=None):
        company = company or cls.center
        user = new_test_user(cls.env, login=login, groups=groups, company_id=company.id,
                             company_ids=[(6, 0, company.ids)], name=login)
        return user, None

    @classmethod
    def make_project(cls, kind="construction", method="open", estimate=12_800_000, deposit=250_000,
                     sale_days=7, deadline_days=25, category=None, criteria=True, **lot_vals):
        project = cls.env["gov.trading.project"].create({
            "name": "上饶市某道路改造工程施工招标", "kind": kind, "method": method, "company_id": cls.center.id,
            "tenderer_id": cls.tenderer.id, "estimate_amount": estimate, "user_id": cls.trading.id,
            "procurement_category": category or ("goods" if kind == "procurement" else False),
            "qualification_type_ids": [(6, 0, cls.qual.ids)] if kind == "construction" else [],
        })
        vals = {
            "project_id": project.id, "name": "一标段", "estimate_amount": estimate, "deposit_amount": deposit,
            "date_sale_start": T0, "date_sale_end": T0 + timedelta(days=sale_days),
            "date_bid_deadline": T0 + timedelta(days=deadline_days),
        }
        if criteria:
            vals["criterion_ids"] = [(0, 0, {"name": "投标报价", "kind": "price", "weight": 60}),
                                     (0, 0, {"name": "施工组织设计", "kind": "technical", "weight": 30}),
                                     (0, 0, {"name": "企业信誉", "kind": "commercial", "weight": 10})]
        vals.update(lot_vals)
        lot = cls.env["gov.trading.lot"].create(vals)
        return project, lot

    @classmethod
    def publish(cls, lot):
        with freeze_time(T0):
            action = lot.action_create_tender_announcement()
            announcement = cls.env["gov.trading.announcement"].browse(action["res_id"])
            announcement.action_publish()
        return announcement

    @classmethod
    def portal(cls, model, bidder):
        """``model`` as the portal routes use it for ``bidder``: its portal user, under sudo()."""
        return cls.env[model].with_user(bidder.user_ids[:1]).sudo()

    @classmethod
    def register(cls, lot, bidders=None, when=None):
        regs = cls.env["gov.trading.registration"]
        with freeze_time(when or T0 + timedelta(hours=1)):
            for bidder in (bidders or cls.bidders[:3]):
                regs |= cls.portal(regs._name, bidder).create({"bidder_id": bidder.id, "lot_id": lot.id})
        return regs

    @classmethod
    def raise_question(cls, vals):
        """The bidder of ``vals`` raises a question, objection, challenge or complaint on the portal."""
        bidder = cls.env["gov.trading.bidder"].browse(vals["bidder_id"])
        return cls.portal("gov.trading.question", bidder).create(vals).with_env(cls.env)

    @classmethod
    def declare_deposit(cls, vals):
        bidder = cls.env["gov.trading.registration"].browse(vals["registration_id"]).bidder_id
        return cls.portal("gov.trading.deposit", bidder).create(vals).with_env(cls.env)

    @classmethod
    def seal_bid(cls, registration, price, when=None, duration=180):
        """The bidder seals and signs a bid (random key) and uploads it; returns (bid, opening key code)."""
        user = registration.bidder_id.user_ids[:1]
        with freeze_time(when or T0 + timedelta(days=2)):
            data, code, _sealed = seal_file(registration, price, duration, user=user)
            bid = cls.env["gov.trading.bid"].with_user(user)._seal_file(registration, data)
        return bid.with_env(cls.env), code

    @classmethod
    def seal_legacy_bid(cls, registration, price, passphrase="正确的口令-2026", when=None, duration=180):
        """A bid sealed before the random keys (pbkdf2-v1); returns (bid, base64 raw key)."""
        ciphertext, salt, iv, key = seal(passphrase, {"price": price, "duration_days": duration,
                                                      "files": [{"name": "投标函.pdf", "size": 3}]})
        with freeze_time(when or T0 + timedelta(days=2)):
            bid = cls.env["gov.trading.bid"].with_user(registration.bidder_id.user_ids[:1])._seal(
                registration, ciphertext, None, salt, iv, 100_000)
        return bid.with_env(cls.env), key

    @classmethod
    def decrypt(cls, bid, key):
        """The bidder decrypts its own bid at the opening."""
        return bid.with_user(bid.bidder_id.user_ids[:1])._decrypt(key).with_env(cls.env)

    @classmethod
    def open_lot(cls, lot, minutes_after=1):
        with freeze_time(lot.date_bid_deadline + timedelta(minutes=minutes_after)):
            lot.action_open()
