"""The access matrix of the suite (issue 10): what each role may do on each model of our five addons.

``MATRIX`` is the specification, written here by hand and never read back from ``ir.model.access``: one row
per model, one 4-character code per role (``r``ead, ``w``rite, ``c``reate, ``u``nlink, ``-`` for refused),
checked with ``Model.with_user(user).has_access(operation)``. A model of our addons without its row fails
the test: a new model does not ship without deciding who may touch it.

``SCOPED`` adds the record rules: for the models whose data belongs to a center (multi-company), a
department, a bidder or an applicant, an "own" and an "other" record of that scope, checked with
``record.with_user(user).has_access(operation)``. "Own" is always the record of the users' center (and of the
department of the reviewer and the chief, 人社局); "other" is the record of the other center, of the other
department (市场监管局), of another bidder or of another applicant.

When a row fails, the message shows the row as the database has it, ready to paste once the change is
intended.
"""
from datetime import timedelta

from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged
from odoo.tests.common import freeze_time

from odoo.addons.gov_hall_base.models.res_partner import mask_identity, mask_phone
from odoo.addons.gov_hall_base.tools.protect import granted
from odoo.addons.gov_hall_intake.tests.common import GovIntakeCase
from odoo.addons.gov_public_resource_trading.tests.common import T0, TradingCase

OUR_MODULES = ("gov_hall_base", "gov_hall_intake", "gov_public_resource_trading", "gov_complaints",
               "gov_staff_assessment", "gov_hall_dashboard")
ROLES = ("admin", "leader", "clerk", "reviewer", "chief", "supervisor", "assessor", "trading", "expert", "bidder",
         "applicant", "public", "tenderer", "tsupervisor")
OPERATIONS = (("r", "read"), ("w", "write"), ("c", "create"), ("u", "unlink"))

# fmt: off
# one code per role, in the order of ROLES:
#                                          admn lead clrk revw chif supv asss trad expt bidr appl publ tndr tsup
MATRIX = {
    "gov.assessment.accountability":      "rwcu rwcu r--- r--- r--- rwc- rwcu r--- r--- ---- ---- ---- r--- r---",
    "gov.assessment.appeal":              "rwcu rwcu r-c- r-c- r-c- r-c- rwcu r-c- r-c- ---- ---- ---- r-c- r-c-",
    "gov.assessment.commendation":        "rwcu rwcu ---- ---- ---- rwc- rwcu ---- ---- ---- ---- ---- ---- ----",
    "gov.assessment.dimension":           "rwcu rwcu ---- ---- ---- r--- rwcu ---- ---- ---- ---- ---- ---- ----",
    "gov.assessment.event":               "rwcu rwcu r--- r--- r--- r--- rwcu r--- r--- ---- ---- ---- r--- r---",
    "gov.assessment.inspection":          "rwcu rwcu ---- ---- ---- rwcu rwcu ---- ---- ---- ---- ---- ---- ----",
    "gov.assessment.inspection.line":     "rwcu rwcu r--- r--- r--- rwcu rwcu r--- r--- ---- ---- ---- r--- r---",
    "gov.assessment.inspection.plan":     "rwc- rwc- ---- ---- ---- rwc- rwc- ---- ---- ---- ---- ---- ---- ----",
    "gov.assessment.item":                "rwcu rwcu ---- ---- ---- r--- rwcu ---- ---- ---- ---- ---- ---- ----",
    "gov.assessment.item.template":       "rwcu rwcu ---- ---- ---- r--- rwcu ---- ---- ---- ---- ---- ---- ----",
    "gov.assessment.month":               "rwcu rwcu ---- ---- ---- r--- rwcu ---- ---- ---- ---- ---- ---- ----",
    "gov.assessment.month.staff":         "rw-- rw-- r--- r--- r--- r--- rw-- r--- r--- ---- ---- ---- r--- r---",
    "gov.assessment.month.window":        "rw-- rw-- ---- ---- ---- r--- rw-- ---- ---- ---- ---- ---- ---- ----",
    "gov.assessment.scheme":              "rwcu rwcu ---- ---- ---- r--- rwcu ---- ---- ---- ---- ---- ---- ----",
    "gov.assessment.score":               "r--- r--- r--- r--- r--- r--- r--- r--- r--- ---- ---- ---- r--- r---",
    "gov.assessment.training":            "rwcu rwcu ---- ---- ---- rwc- rwcu ---- ---- ---- ---- ---- ---- ----",
    "gov.assessment.training.attendance": "rwcu rwcu r--- r--- r--- rwcu rwcu r--- r--- ---- ---- ---- r--- r---",
    "gov.assessment.year":                "rwc- rwc- ---- ---- ---- r--- rwc- ---- ---- ---- ---- ---- ---- ----",
    "gov.assessment.year.appeal.wizard":  "rwc- rwc- rwc- rwc- rwc- rwc- rwc- rwc- rwc- ---- ---- ---- rwc- rwc-",
    "gov.assessment.year.department":     "rw-- rw-- r--- r--- r--- r--- rw-- r--- r--- ---- ---- ---- r--- r---",
    "gov.assessment.year.line":           "rw-- rw-- r--- r--- r--- r--- rw-- r--- r--- ---- ---- ---- r--- r---",
    "gov.complaint":                      "rwc- rwc- ---- rw-- rw-- rwc- r--- ---- ---- ---- ---- ---- ---- ----",
    "gov.complaint.action":               "rwcu rwcu ---- rw-- rw-- rwcu r--- ---- ---- ---- ---- ---- ---- ----",
    "gov.complaint.circular":             "rwcu rwcu ---- ---- ---- rwcu r--- ---- ---- ---- ---- ---- ---- ----",
    "gov.complaint.inquiry":              "rwcu rwcu ---- r--- r--- rwcu r--- ---- ---- ---- ---- ---- ---- ----",
    "gov.complaint.letter":               "rwcu rwcu ---- rw-- rw-- rwcu r--- ---- ---- ---- ---- ---- ---- ----",
    "gov.complaint.meeting":              "rwcu rwcu ---- r--- r--- rwcu ---- ---- ---- ---- ---- ---- ---- ----",
    "gov.complaint.note":                 "rwcu rwcu ---- ---- ---- rwcu ---- ---- ---- ---- ---- ---- ---- ----",
    "gov.complaint.opinion":              "rwc- rwc- ---- ---- ---- rwc- ---- ---- ---- ---- ---- ---- ---- ----",
    "gov.complaint.submission":           "r--u ---- ---- ---- ---- ---- ---- ---- ---- ---- ---- ---- ---- ----",
    "gov.hall.bundle":                    "rwcu r--- r--- r--- r--- r--- r--- r--- r--- ---- ---- ---- r--- r---",
    "gov.hall.bundle.case":               "rw-- r--- rw-- r--- r--- r--- r--- ---- ---- r--- r--- ---- ---- ----",
    "gov.hall.bundle.intake.wizard":      "rwc- ---- rwc- ---- ---- ---- ---- ---- ---- ---- ---- ---- ---- ----",
    "gov.hall.bundle.intake.wizard.line": "rwc- ---- rwc- ---- ---- ---- ---- ---- ---- ---- ---- ---- ---- ----",
    "gov.hall.bundle.line":               "rwcu r--- r--- r--- r--- r--- r--- r--- r--- ---- ---- ---- r--- r---",
    "gov.hall.calendar.day":              "rwcu r--- r--- r--- r--- r--- r--- r--- r--- ---- ---- ---- r--- r---",
    "gov.hall.calendar.index":            "r--- r--- r--- r--- r--- r--- r--- r--- r--- ---- ---- ---- r--- r---",
    "gov.hall.calendar.schedule":         "rwc- ---- ---- ---- ---- ---- ---- ---- ---- ---- ---- ---- ---- ----",
    "gov.hall.calendar.schedule.line":    "rwc- ---- ---- ---- ---- ---- ---- ---- ---- ---- ---- ---- ---- ----",
    "gov.hall.calendar.year":             "rwcu r--- r--- r--- r--- r--- r--- r--- r--- ---- ---- ---- r--- r---",
    "gov.hall.case":                      "rwc- r--- rwc- rw-- rw-- r--- r--- ---- ---- r--- r--- ---- ---- ----",
    "gov.hall.case.decide.wizard":        "rwc- ---- rwc- rwc- rwc- ---- ---- ---- ---- ---- ---- ---- ---- ----",
    "gov.hall.case.deliver.wizard":       "rwc- ---- rwc- ---- ---- ---- ---- ---- ---- ---- ---- ---- ---- ----",
    "gov.hall.case.fee":                  "rwcu r--- rwc- r--- r--- r--- r--- ---- ---- r--- r--- ---- ---- ----",
    "gov.hall.case.material":             "rwcu r--- rwcu r--- r--- r--- r--- ---- ---- ---- ---- ---- ---- ----",
    "gov.hall.case.pause":                "rwc- r--- r--- rwc- rwc- r--- r--- ---- ---- ---- ---- ---- ---- ----",
    "gov.hall.case.pause.wizard":         "rwc- ---- ---- rwc- rwc- ---- ---- ---- ---- ---- ---- ---- ---- ----",
    "gov.hall.case.rate.wizard":          "rwc- ---- rwc- ---- ---- ---- ---- ---- ---- ---- ---- ---- ---- ----",
    "gov.hall.case.report":               "r--- r--- r--- r--- r--- r--- r--- ---- ---- ---- ---- ---- ---- ----",
    "gov.hall.case.task":                 "rwc- r--- r--- rw-- rw-- r--- r--- ---- ---- ---- ---- ---- ---- ----",
    "gov.hall.catalog.import":            "rwc- ---- ---- ---- ---- ---- ---- ---- ---- ---- ---- ---- ---- ----",
    "gov.hall.commitment":                "rw-- r--- r--- r--- r--- r--- ---- ---- ---- ---- ---- ---- ---- ----",
    "gov.hall.credit.action.wizard":      "rwc- rwc- ---- rwc- rwc- rwc- ---- ---- ---- ---- ---- ---- ---- ----",
    "gov.hall.credit.record":             "rwcu rwc- r--- rwc- rwc- rwc- ---- ---- ---- ---- ---- ---- ---- ----",
    "gov.hall.evaluator.device":          "rwcu r--- ---- ---- ---- r--- ---- ---- ---- ---- ---- ---- ---- ----",
    "gov.hall.appointment":               "r--- r--- r--- ---- ---- r--- ---- ---- ---- r--- r--- ---- ---- ----",
    "gov.hall.appointment.slot":          "rwcu r--- r--- ---- ---- r--- ---- ---- ---- r--- r--- ---- ---- ----",
    "gov.hall.agent.authorization":       "rw-- r--- rw-- ---- ---- r--- ---- ---- ---- r--- r--- ---- ---- ----",
    "gov.hall.fee.import.wizard":         "rwc- ---- rwc- ---- ---- ---- ---- ---- ---- ---- ---- ---- ---- ----",
    "gov.hall.fee.notice":                "r--- r--- r--- r--- r--- r--- ---- ---- ---- r--- r--- ---- ---- ----",
    "gov.hall.fee.payment":               "r--- r--- r--- ---- ---- r--- ---- ---- ---- ---- ---- ---- ---- ----",
    "gov.hall.inquiry":                   "rwc- r--- rwc- ---- ---- r--- ---- ---- ---- ---- ---- ---- ---- ----",
    "gov.hall.intake.wizard":             "rwcu ---- rwcu ---- ---- ---- ---- ---- ---- ---- ---- ---- ---- ----",
    "gov.hall.intake.wizard.line":        "rwcu ---- rwcu ---- ---- ---- ---- ---- ---- ---- ---- ---- ---- ----",
    "gov.hall.posting":                   "rwcu r--- r--- r--- r--- r--- r--- r--- r--- ---- ---- ---- r--- r---",
    "gov.hall.posting.replacement":       "rwc- ---- ---- ---- rwc- ---- ---- ---- ---- ---- ---- ---- ---- ----",
    "gov.hall.prereview.wizard":          "rwc- ---- rwc- ---- ---- ---- ---- ---- ---- ---- ---- ---- ---- ----",
    "gov.hall.prereview.wizard.line":     "rwc- ---- rwc- ---- ---- ---- ---- ---- ---- ---- ---- ---- ---- ----",
    "gov.hall.queue.ticket":              "r--- r--- r--- ---- ---- r--- ---- ---- ---- ---- ---- ---- ---- ----",
    "gov.hall.rating.callback":           "rwc- rwc- r--- rwc- rwc- rwc- r--- ---- ---- ---- ---- ---- ---- ----",
    "gov.hall.rating.review":             "rwc- rwc- r--- rw-- rw-- rwc- r--- ---- ---- ---- ---- ---- ---- ----",
    "gov.hall.rating.review.wizard":      "rwc- rwc- ---- rwc- rwc- rwc- ---- ---- ---- ---- ---- ---- ---- ----",
    "gov.hall.refuse.wizard":             "rwc- rwc- ---- ---- ---- rwc- ---- ---- ---- ---- ---- ---- ---- ----",
    "gov.hall.remote.intake.wizard":      "rwc- ---- rwc- ---- ---- ---- ---- ---- ---- ---- ---- ---- ---- ----",
    "gov.hall.service.fee":               "rwcu r--- r--- r--- r--- r--- r--- ---- ---- ---- ---- ---- ---- ----",
    "gov.hall.service.item":              "rwcu r--- r--- r--- r--- r--- r--- ---- ---- ---- ---- ---- ---- ----",
    "gov.hall.service.material":          "rwcu r--- r--- r--- r--- r--- r--- ---- ---- ---- ---- ---- ---- ----",
    "gov.hall.statistics.wizard":         "rwc- rwc- ---- rwc- rwc- rwc- rwc- ---- ---- ---- ---- ---- ---- ----",
    "gov.hall.throttle":                  "r--u ---- ---- ---- ---- ---- ---- ---- ---- ---- ---- ---- ---- ----",
    "gov.hall.verification":              "rw-- r--- r--- rw-- rw-- r--- ---- ---- ---- ---- ---- ---- ---- ----",
    "gov.hall.window":                    "rwcu r--- r--- r--- r--- r--- r--- r--- r--- ---- ---- ---- r--- r---",
    "gov.hall.window.slot":               "rwcu r--- r--- r--- r--- r--- r--- r--- r--- ---- ---- ---- r--- r---",
    "gov.hall.zone":                      "rwcu r--- r--- r--- r--- r--- r--- r--- r--- ---- ---- ---- r--- r---",
    "gov.social.supervisor":              "rwcu rwcu ---- ---- ---- rwcu ---- ---- ---- ---- ---- ---- ---- ----",
    "gov.social.supervisor.meeting":      "rwcu rwcu ---- ---- ---- rwcu ---- ---- ---- ---- ---- ---- ---- ----",
    "gov.social.supervisor.opinion":      "rwcu rwcu ---- ---- ---- rwcu ---- ---- ---- ---- ---- ---- ---- ----",
    "gov.trading.announcement":           "rwcu r--- r--- r--- r--- r--- r--- rwcu r--- r--- r--- r--- r--- r---",
    "gov.trading.award.wizard":           "rwc- ---- ---- ---- ---- ---- ---- rwc- ---- ---- ---- ---- rwc- ----",
    "gov.trading.auction":                "rwc- ---- ---- ---- ---- ---- ---- rwc- ---- ---- ---- ---- ---- r---",
    "gov.trading.auction.bid":            "r--- ---- ---- ---- ---- ---- ---- r--- ---- ---- ---- ---- ---- r---",
    "gov.trading.bid":                    "r--- ---- ---- ---- ---- ---- ---- r--- r--- r--- ---- ---- r--- r---",
    "gov.trading.bidder":                 "rwc- ---- ---- ---- ---- ---- ---- rwc- ---- r--- ---- ---- r--- r---",
    "gov.trading.certificate":            "rwcu ---- ---- ---- ---- ---- ---- rwcu ---- r--- ---- ---- ---- ----",
    "gov.trading.clarification":          "rwcu ---- ---- ---- ---- ---- ---- rwcu ---- r--- ---- ---- ---- r---",
    "gov.trading.committee.member":       "rwc- ---- ---- ---- ---- ---- ---- rwc- r--- ---- ---- ---- ---- r---",
    "gov.trading.criterion":              "rwcu ---- ---- ---- ---- ---- ---- rwcu r--- r--- ---- ---- r--- r---",
    "gov.trading.deposit":                "rwc- ---- ---- ---- ---- ---- ---- rwc- ---- r--- ---- ---- ---- r---",
    "gov.trading.deposit.receipt.wizard": "rwc- ---- ---- ---- ---- ---- ---- rwc- ---- ---- ---- ---- ---- ----",
    "gov.trading.download":               "r--- ---- ---- ---- ---- ---- ---- r--- ---- r--- ---- ---- ---- r---",
    "gov.trading.expert":                 "rwcu ---- ---- ---- ---- ---- ---- rwcu r--- ---- ---- ---- ---- ----",
    "gov.trading.expert.draw":            "rwc- rw-- ---- ---- ---- rw-- ---- rwc- ---- ---- ---- ---- ---- r---",
    "gov.trading.expert.draw.wizard":     "rwc- rwc- ---- ---- ---- rwc- ---- rwc- ---- ---- ---- ---- ---- ----",
    "gov.trading.log":                    "r--- ---- ---- ---- ---- ---- ---- r--- ---- ---- ---- ---- ---- r---",
    "gov.trading.log.head":               "r--- ---- ---- ---- ---- ---- ---- r--- ---- ---- ---- ---- ---- r---",
    "gov.trading.listing":                "rwc- ---- ---- ---- ---- ---- ---- rwc- ---- ---- ---- ---- ---- r---",
    "gov.trading.listing.reserve.wizard": "rwc- ---- ---- ---- ---- ---- ---- rwc- ---- ---- ---- ---- ---- ----",
    "gov.trading.listing.statement.wizard": "rwc- ---- ---- ---- ---- ---- ---- rwc- ---- ---- ---- ---- ---- ----",
    "gov.trading.lot":                    "rwcu ---- ---- ---- ---- ---- ---- rwcu r--- r--- ---- ---- r--- r---",
    "gov.trading.project":                "rwcu ---- ---- ---- ---- ---- ---- rwcu r--- r--- ---- ---- r--- r---",
    "gov.trading.qualification.type":     "rwcu ---- ---- ---- ---- ---- ---- rwcu r--- r--- r--- ---- ---- ----",
    "gov.trading.quote":                  "r--- ---- ---- ---- ---- ---- ---- r--- ---- ---- ---- ---- ---- r---",
    "gov.trading.question":               "rwc- ---- ---- ---- ---- ---- ---- rwc- ---- r--- ---- ---- rw-- rw--",
    "gov.trading.recording":              "rwc- ---- ---- ---- ---- ---- ---- rwc- ---- ---- ---- ---- r--- r---",
    "gov.trading.registration":           "rwc- ---- ---- ---- ---- ---- ---- rwc- ---- r--- ---- ---- ---- r---",
    "gov.trading.score":                  "r--- ---- ---- ---- ---- ---- ---- r--- rwc- ---- ---- ---- ---- r---",
    "gov.trading.specialty":              "rwcu ---- ---- ---- ---- ---- ---- rwcu r--- ---- ---- ---- ---- r---",
    "gov.trading.suspension.wizard":      "---- ---- ---- ---- ---- ---- ---- ---- ---- ---- ---- ---- ---- rwc-",
}

# (model, scope): (rights on the own record, rights on the other record), roles in the order of ROLES
SCOPED = {
    ("gov.assessment.inspection", "center"):            ("rwcu rwcu ---- ---- ---- rwcu rwcu ---- ---- ---- ---- ---- ---- ----",
                                                         "---- ---- ---- ---- ---- ---- ---- ---- ---- ---- ---- ---- ---- ----"),
    ("gov.complaint", "center"):                        ("rwc- rwc- ---- rw-- rw-- rwc- r--- ---- ---- ---- ---- ---- ---- ----",
                                                         "---- ---- ---- ---- ---- ---- ---- ---- ---- ---- ---- ---- ---- ----"),
    ("gov.complaint", "department"):                    ("rwc- rwc- ---- rw-- rw-- rwc- r--- ---- ---- ---- ---- ---- ---- ----",
                                                         "rwc- rwc- ---- ---- ---- rwc- r--- ---- ---- ---- ---- ---- ---- ----"),
    ("gov.hall.case", "applicant"):                     ("rwc- r--- rwc- rw-- rw-- r--- r--- ---- ---- ---- r--- ---- ---- ----",
                                                         "rwc- r--- rwc- rw-- rw-- r--- r--- ---- ---- ---- ---- ---- ---- ----"),
    ("gov.hall.case", "center"):                        ("rwc- r--- rwc- rw-- rw-- r--- r--- ---- ---- ---- ---- ---- ---- ----",
                                                         "---- ---- ---- ---- ---- ---- ---- ---- ---- ---- ---- ---- ---- ----"),
    ("gov.hall.case", "department"):                    ("rwc- r--- rwc- rw-- rw-- r--- r--- ---- ---- ---- ---- ---- ---- ----",
                                                         "rwc- r--- rwc- ---- ---- r--- r--- ---- ---- ---- ---- ---- ---- ----"),
    ("gov.hall.case.material", "department"):           ("rwcu r--- rwcu r--- r--- r--- r--- ---- ---- ---- ---- ---- ---- ----",
                                                         "rwcu r--- rwcu ---- ---- r--- r--- ---- ---- ---- ---- ---- ---- ----"),
    ("gov.hall.inquiry", "center"):                     ("rwc- r--- rwc- ---- ---- r--- ---- ---- ---- ---- ---- ---- ---- ----",
                                                         "---- ---- ---- ---- ---- ---- ---- ---- ---- ---- ---- ---- ---- ----"),
    ("gov.hall.posting", "center"):                     ("rwcu r--- r--- r--- r--- r--- r--- r--- r--- ---- ---- ---- r--- r---",
                                                         "---- ---- ---- ---- ---- ---- ---- ---- ---- ---- ---- ---- ---- ----"),
    ("gov.hall.posting.replacement", "department"):     ("rwc- ---- ---- ---- rwc- ---- ---- ---- ---- ---- ---- ---- ---- ----",
                                                         "rwc- ---- ---- ---- ---- ---- ---- ---- ---- ---- ---- ---- ---- ----"),
    ("gov.hall.service.item", "center"):                ("rwcu r--- r--- r--- r--- r--- r--- ---- ---- ---- ---- ---- ---- ----",
                                                         "---- ---- ---- ---- ---- ---- ---- ---- ---- ---- ---- ---- ---- ----"),
    ("gov.hall.window", "center"):                      ("rwcu r--- r--- r--- r--- r--- r--- r--- r--- ---- ---- ---- r--- r---",
                                                         "---- ---- ---- ---- ---- ---- ---- ---- ---- ---- ---- ---- ---- ----"),
    ("gov.hall.zone", "center"):                        ("rwcu r--- r--- r--- r--- r--- r--- r--- r--- ---- ---- ---- r--- r---",
                                                         "---- ---- ---- ---- ---- ---- ---- ---- ---- ---- ---- ---- ---- ----"),
    ("gov.trading.bid", "bidder"):                      ("r--- ---- ---- ---- ---- ---- ---- r--- ---- r--- ---- ---- ---- r---",
                                                         "r--- ---- ---- ---- ---- ---- ---- r--- ---- ---- ---- ---- ---- r---"),
    ("gov.trading.bidder", "bidder"):                   ("rwc- ---- ---- ---- ---- ---- ---- rwc- ---- r--- ---- ---- ---- r---",
                                                         "rwc- ---- ---- ---- ---- ---- ---- rwc- ---- ---- ---- ---- ---- r---"),
    ("gov.trading.certificate", "bidder"):              ("rwcu ---- ---- ---- ---- ---- ---- rwcu ---- r--- ---- ---- ---- ----",
                                                         "rwcu ---- ---- ---- ---- ---- ---- rwcu ---- ---- ---- ---- ---- ----"),
    ("gov.trading.deposit", "bidder"):                  ("---- ---- ---- ---- ---- ---- ---- ---- ---- r--- ---- ---- ---- r---",
                                                         "---- ---- ---- ---- ---- ---- ---- ---- ---- ---- ---- ---- ---- r---"),
    ("gov.trading.project", "center"):                  ("rwcu ---- ---- ---- ---- ---- ---- rwcu r--- ---- ---- ---- r--- r---",
                                                         "---- ---- ---- ---- ---- ---- ---- ---- ---- ---- ---- ---- ---- ----"),
    ("gov.trading.question", "bidder"):                 ("rwc- ---- ---- ---- ---- ---- ---- rwc- ---- r--- ---- ---- ---- r---",
                                                         "rwc- ---- ---- ---- ---- ---- ---- rwc- ---- ---- ---- ---- ---- r---"),
    ("gov.trading.registration", "bidder"):             ("rwc- ---- ---- ---- ---- ---- ---- rwc- ---- r--- ---- ---- ---- r---",
                                                         "rwc- ---- ---- ---- ---- ---- ---- rwc- ---- ---- ---- ---- ---- r---"),
}
# fmt: on


def code(record_or_model, user):
    target = record_or_model.with_user(user)
    return "".join(c if target.has_access(op) else "-" for c, op in OPERATIONS)


def row(codes):
    return " ".join(codes)


@tagged("post_install", "-at_install")
class TestAccessMatrix(GovIntakeCase, TradingCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.leader = new_test_user(cls.env, login="t_matrix_leader", name="t_matrix_leader",
                                   groups="gov_hall_base.group_gov_center_leader", company_id=cls.center.id,
                                   company_ids=[(6, 0, cls.center.ids)])
        # the tenderer's agent (named on the center's project below) and the trading supervisor
        cls.matrix_tenderer = new_test_user(cls.env, login="t_matrix_tenderer", name="t_matrix_tenderer",
                                            groups="gov_public_resource_trading.group_gov_trading_tenderer",
                                            company_id=cls.center.id, company_ids=[(6, 0, cls.center.ids)])
        cls.matrix_tsupervisor = new_test_user(cls.env, login="t_matrix_tsupervisor", name="t_matrix_tsupervisor",
                                               groups="gov_public_resource_trading.group_gov_trading_supervisor",
                                               company_id=cls.center.id, company_ids=[(6, 0, cls.center.ids)])
        cls.users = {
            "admin": cls.admin_user, "leader": cls.leader, "clerk": cls.clerk, "reviewer": cls.reviewer,
            "chief": cls.chief, "supervisor": cls.supervisor, "assessor": cls.assessor, "trading": cls.trading,
            "expert": cls.expert, "bidder": cls.bidder, "applicant": cls.applicant,
            "public": cls.env.ref("base.public_user"),
            "tenderer": cls.matrix_tenderer, "tsupervisor": cls.matrix_tsupervisor,
        }
        cls.scoped = {}  # (model, scope): (own record, other record)

        # -- center: own center / other center ------------------------------------------------------------
        zone2 = cls.env["gov.hall.zone"].create({"name": "区医保人社区", "code": "Z9", "company_id": cls.center2.id})
        emp2 = cls.env["hr.employee"].create({"name": "区窗口人员", "company_id": cls.center2.id,
                                              "department_id": cls.dept2.id})
        Posting = cls.env["gov.hall.posting"]
        posting = Posting.search([("employee_id", "=", cls.chief_emp.id)], limit=1)
        posting2 = Posting.create({"employee_id": emp2.id, "window_id": cls.window2.id,
                                   "department_id": cls.dept2.id})
        Item = cls.env["gov.hall.service.item"]
        cls.item_b = Item.create({
            "name": "个体工商户登记", "code": "SC-01", "company_id": cls.center.id, "department_id": cls.dept_b.id,
            "case_type": "promised", "legal_days": 15, "promised_days": 5, "state": "published",
            "material_ids": [(0, 0, {"name": "经营场所证明", "requirement": "required"})],
        })
        Case = cls.env["gov.hall.case"]

        def case(item, partner, window):
            return Case.create({"item_id": item.id, "applicant_id": partner.id, "window_id": window.id,
                                "company_id": item.company_id.id})

        case_a = case(cls.item, cls.citizen, cls.window_zh)         # 人社局, this center, a citizen
        case_b = case(cls.item_b, cls.citizen, cls.window_zh)       # 市场监管局, this center
        case_c = case(cls.item2, cls.citizen, cls.window_zh2)       # the other center
        case_own = case(cls.item, cls.applicant.partner_id, cls.window_zh)  # the portal applicant's own
        Inquiry = cls.env["gov.hall.inquiry"]
        inquiry = Inquiry.create({"name": "社保卡补办要带什么材料？", "company_id": cls.center.id,
                                  "user_id": cls.clerk.id, "visitor_phone": "13812345678", "outcome": "pending"})
        inquiry2 = Inquiry.create({"name": "社保卡补办要带什么材料？", "company_id": cls.center2.id,
                                   "user_id": cls.admin2.id, "outcome": "pending"})
        Complaint = cls.env["gov.complaint"]

        def complaint(company, dept, window):
            return Complaint.create({"company_id": company.id, "channel": "desk", "kind": "service",
                                     "title": "窗口人员态度生硬", "facts": "办理社保卡时窗口人员态度生硬。",
                                     "anonymous": True, "department_id": dept.id, "window_id": window.id})

        complaint_a = complaint(cls.center, cls.dept, cls.window)
        complaint_b = complaint(cls.center, cls.dept_b, cls.window_b)
        complaint_c = complaint(cls.center2, cls.dept2, cls.window2)
        Inspection = cls.env["gov.assessment.inspection"]
        inspection = Inspection.create({"company_id": cls.center.id, "date": "2026-03-05", "round_no": 1})
        inspection2 = Inspection.create({"company_id": cls.center2.id, "date": "2026-03-05", "round_no": 1})
        Project = cls.env["gov.trading.project"]
        project = Project.create({"name": "上饶市某道路改造工程施工招标", "company_id": cls.center.id,
                                  "agent_user_ids": [(6, 0, cls.matrix_tenderer.ids)],
                                  "tenderer_id": cls.tenderer.id, "estimate_amount": 12_800_000})
        project2 = Project.create({"name": "某区农村饮水安全工程施工招标", "company_id": cls.center2.id,
                                   "tenderer_id": cls.tenderer.id, "estimate_amount": 3_600_000})
        cls.scoped.update({
            ("gov.hall.zone", "center"): (cls.zone, zone2),
            ("gov.hall.window", "center"): (cls.window, cls.window2),
            ("gov.hall.posting", "center"): (posting, posting2),
            ("gov.hall.service.item", "center"): (cls.item, cls.item2),
            ("gov.hall.case", "center"): (case_a, case_c),
            ("gov.hall.inquiry", "center"): (inquiry, inquiry2),
            ("gov.complaint", "center"): (complaint_a, complaint_c),
            ("gov.assessment.inspection", "center"): (inspection, inspection2),
            ("gov.trading.project", "center"): (project, project2),
        })

        # -- department: 人社局 (the reviewer's and the chief's) / 市场监管局 -----------------------------------
        new_emp = cls.env["hr.employee"].create({"name": "接替人员", "company_id": cls.center.id,
                                                 "department_id": cls.dept.id})
        posting_b = Posting.create({"employee_id": cls.chief_b_emp.id, "window_id": cls.window_b.id,
                                    "department_id": cls.dept_b.id})
        Replacement = cls.env["gov.hall.posting.replacement"]
        replacement_a = Replacement.create({"posting_id": posting.id, "new_employee_id": new_emp.id,
                                            "reason": "岗位调整"})
        replacement_b = Replacement.create({"posting_id": posting_b.id, "new_employee_id": new_emp.id,
                                            "reason": "岗位调整"})
        cls.scoped.update({
            ("gov.hall.case", "department"): (case_a, case_b),
            ("gov.hall.case.material", "department"): (case_a.material_line_ids[:1], case_b.material_line_ids[:1]),
            ("gov.complaint", "department"): (complaint_a, complaint_b),
            ("gov.hall.posting.replacement", "department"): (replacement_a, replacement_b),
        })

        # -- applicant: the portal applicant's own case / a citizen's ----------------------------------------
        cls.scoped[("gov.hall.case", "applicant")] = (case_own, case_a)

        # -- bidder: the account of the portal bidder (t_bidder) / another bidder's ---------------------------
        own, other = cls.bidders[0], cls.bidders[1]
        with granted("gov.trading.bidder"):
            own.write({"user_ids": [(4, cls.bidder.id)]})
        _project, lot = cls.make_project()
        cls.publish(lot)
        reg_own, reg_other = cls.register(lot, own | other)
        deposits = [cls.declare_deposit({"registration_id": reg.id, "amount": 250_000,
                                         "bank_reference": f"ICBC-{i}"}) for i, reg in enumerate((reg_own, reg_other))]
        with freeze_time(T0 + timedelta(days=1)):
            questions = [cls.raise_question({"lot_id": lot.id, "bidder_id": reg.bidder_id.id, "name": "工程量清单第3项",
                                             "body": "第3项数量是否有误？"}) for reg in (reg_own, reg_other)]
        bids = [cls.seal_bid(reg, price)[0] for reg, price in ((reg_own, 12_000_000), (reg_other, 12_100_000))]
        cls.scoped.update({
            ("gov.trading.bidder", "bidder"): (own, other),
            ("gov.trading.certificate", "bidder"): (own.certificate_ids[:1], other.certificate_ids[:1]),
            ("gov.trading.registration", "bidder"): (reg_own, reg_other),
            ("gov.trading.deposit", "bidder"): tuple(deposits),
            ("gov.trading.question", "bidder"): tuple(questions),
            ("gov.trading.bid", "bidder"): tuple(bids),
        })

    # -- the table is complete ---------------------------------------------------------------------------------
    def our_models(self):
        """Every model (transient ones included) that only our addons define or extend, abstract ones aside."""
        self.env.cr.execute("""
            SELECT m.model, array_agg(DISTINCT d.module)
              FROM ir_model m
              JOIN ir_model_data d ON d.model = 'ir.model' AND d.res_id = m.id
          GROUP BY m.model
        """)
        return sorted(model for model, modules in self.env.cr.fetchall()
                      if set(modules) <= set(OUR_MODULES) and model in self.env and not self.env[model]._abstract)

    def test_every_model_has_a_row(self):
        models = self.our_models()
        self.assertGreater(len(models), 70, "the models of our addons were not found")
        missing = [m for m in models if m not in MATRIX]
        self.assertFalse(missing, "models of our addons without their row in MATRIX (decide who may touch "
                                  "them): %s\n%s" % (missing, self.actual_rows(missing)))
        stale = [m for m in MATRIX if m not in models]
        self.assertFalse(stale, f"rows of MATRIX for models that are not ours or no longer exist: {stale}")
        for model, codes in MATRIX.items():
            self.assertEqual(len(codes.split()), len(ROLES), f"{model}: one code per role of {ROLES}")
        self.assertEqual(sorted(self.scoped), sorted(SCOPED), "SCOPED and the records of the set-up differ")

    def actual_rows(self, models):
        return "\n".join(f'    "{m}": "{row(code(self.env[m], self.users[r]) for r in ROLES)}",' for m in models)

    # -- model level ---------------------------------------------------------------------------------------
    def test_model_rights_per_role(self):
        wrong = []
        for model, expected in MATRIX.items():
            if model not in self.env:
                continue
            actual = row(code(self.env[model], self.users[r]) for r in ROLES)
            if actual != " ".join(expected.split()):
                wrong.append(model)
        self.assertFalse(wrong, "model rights differ from MATRIX; as the database has them:\n"
                         + self.actual_rows(wrong))

    # -- record rules --------------------------------------------------------------------------------------
    def test_record_rights_per_scope(self):
        wrong = []
        for (model, scope), records in sorted(self.scoped.items()):
            for record in records:
                self.assertEqual(len(record), 1, f"{model} {scope}: the set-up did not make the record")
            actual = tuple(row(code(record, self.users[r]) for r in ROLES) for record in records)
            expected = tuple(" ".join(codes.split()) for codes in SCOPED.get((model, scope), ("", "")))
            if actual != expected:
                wrong.append(f'    ("{model}", "{scope}"): ("{actual[0]}",\n'
                             f'    {" " * (len(model) + len(scope) + 8)}"{actual[1]}"),')
        self.assertFalse(wrong, "record rights differ from SCOPED (own, other); as the database has them:\n"
                         + "\n".join(wrong))


@tagged("post_install", "-at_install")
class TestPersonalData(GovIntakeCase):
    """ID card numbers and phone numbers: in full for the groups that need them (clerks, complaint officers,
    trading staff, hall administrators; a portal user for their own entity), masked for everyone else."""

    CLEAR = "361102198503120029"  # GovIntakeCase.citizen
    MASKED = "3611**********0029"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.leader = new_test_user(cls.env, login="t_pd_leader", name="t_pd_leader",
                                   groups="gov_hall_base.group_gov_center_leader", company_id=cls.center.id,
                                   company_ids=[(6, 0, cls.center.ids)])
        # the center leader approves the complaint officers' work: a supervisor too
        cls.readers = (cls.clerk, cls.supervisor, cls.trading, cls.admin_user, cls.leader)
        cls.others = (cls.reviewer, cls.chief, cls.assessor, cls.expert)

    def test_masks(self):
        self.assertEqual(mask_identity(self.CLEAR), self.MASKED)
        self.assertEqual(mask_identity("91361100MA35A1B2CY"), "9136**********B2CY")
        self.assertEqual(mask_identity("E1234567"), "E******7")
        self.assertFalse(mask_identity(False))
        self.assertEqual(mask_phone("13812345678"), "138****5678")
        self.assertEqual(mask_phone("0793-8221234"), "079*****1234")
        self.assertFalse(mask_phone(""))

    def test_others_read_the_masked_twin_only(self):
        """The issue's attack: an evaluation expert reads res.partner.gov_id_number over RPC."""
        for user in self.others:
            with self.subTest(user=user.login):
                for method, args in (("read", (["gov_id_number"],)), ("export_data", (["gov_id_number"],))):
                    self.assert_call_refused(user, self.citizen, method, *args)
                with self.assertRaises(AccessError):
                    self.env["res.partner"].with_user(user).search([("gov_id_number", "=", self.CLEAR)])
                with self.assertRaises(AccessError):
                    self.env["res.partner"].with_user(user).search_read([("id", "=", self.citizen.id)],
                                                                        ["name", "gov_id_number"])
                # the field is not even described to them; its masked twin is there
                self.assertNotIn("gov_id_number", self.env["res.partner"].with_user(user).fields_get())
                values = self.rpc(user, self.citizen, "read", ["name", "gov_id_number_masked"])[0]
                self.assertEqual(values["gov_id_number_masked"], self.MASKED)
                # the same number through the case of the applicant (a related field keeps the groups)
                case = self.new_case()
                with self.assertRaises(AccessError):
                    case.with_user(user).read(["applicant_id_number"])
                self.assertNotIn(self.CLEAR, str(self.env["res.partner"].with_user(user).search_read(
                    [("id", "=", self.citizen.id)], ["name", "gov_id_type", "gov_id_number_masked", "vat"])))

    def test_readers_read_in_full(self):
        for user in self.readers:
            with self.subTest(user=user.login):
                self.assertEqual(self.citizen.with_user(user).read(["gov_id_number"])[0]["gov_id_number"],
                                 self.CLEAR)
                self.assertIn(self.citizen, self.env["res.partner"].with_user(user).search(
                    [("gov_id_number", "=", self.CLEAR)]))
        case = self.new_case()
        self.assertEqual(case.with_user(self.clerk).applicant_id_number, self.CLEAR)

    def test_portal_user_reads_own_number_only(self):
        own = self.applicant.partner_id
        self.assertEqual(own.with_user(self.applicant).read(["gov_id_number"])[0]["gov_id_number"],
                         "361102197906111034")
        with self.assertRaises(AccessError):
            self.citizen.with_user(self.applicant).read(["gov_id_number"])
        with self.assertRaises(AccessError):
            self.citizen.with_user(self.env.ref("base.public_user")).read(["gov_id_number_masked"])

    def test_case_twins(self):
        """The applicant's identity number and phone on the case: masked twins for the others, and the form
        shows each user the right one."""
        case = self.new_case()
        case.sudo().applicant_phone = "13812345678"
        for user in self.others:
            with self.subTest(user=user.login):
                with self.assertRaises(AccessError):
                    case.with_user(user).read(["applicant_phone"])
                if user == self.expert:
                    # an evaluation expert does not read cases at all
                    with self.assertRaises(AccessError):
                        case.with_user(user).read(["applicant_phone_masked"])
                    continue
                values = case.with_user(user).read(["applicant_id_number_masked", "applicant_phone_masked"])[0]
                self.assertEqual(values["applicant_id_number_masked"], self.MASKED)
                self.assertEqual(values["applicant_phone_masked"], "138****5678")
        self.assertEqual(case.with_user(self.clerk).applicant_phone, "13812345678")
        self.assertEqual(case.with_user(self.supervisor).applicant_phone, "13812345678")
        with self.assertRaises(AccessError):
            case.with_user(self.trading).read(["applicant_phone"])
        for user, shown, hidden in [
                (self.clerk, ("applicant_id_number", "applicant_phone"),
                 ("applicant_id_number_masked", "applicant_phone_masked")),
                (self.reviewer, ("applicant_id_number_masked", "applicant_phone_masked"),
                 ("applicant_id_number", "applicant_phone"))]:
            with self.subTest(user=user.login):
                arch = self.env["gov.hall.case"].with_user(user).get_views([(False, "form")])["views"]["form"]["arch"]
                if isinstance(arch, bytes):  # tier.validation serialises the arch it rewrites
                    arch = arch.decode()
                for fname in shown:
                    self.assertIn(f'name="{fname}"', arch)
                for fname in hidden:
                    self.assertNotIn(f'name="{fname}"', arch)

    def test_nobody_else_writes_a_number(self):
        for user in self.others:
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                self.rpc(user, self.citizen, "write", {"gov_id_number": "11010519491231002X"})
        self.assertEqual(self.citizen.gov_id_number, self.CLEAR)

    def test_partner_form_shows_the_right_twin(self):
        for user, shown, hidden in [(u, "gov_id_number", "gov_id_number_masked") for u in self.readers] + \
                                   [(u, "gov_id_number_masked", "gov_id_number") for u in self.others]:
            with self.subTest(user=user.login):
                arch = self.env["res.partner"].with_user(user).get_views([(False, "form")])["views"]["form"]["arch"]
                self.assertIn(f'name="{shown}"', arch)
                self.assertNotIn(f'name="{hidden}"', arch)

    def test_first_inquiry_log(self):
        """The first-inquiry log (visitor's name and phone) is kept by clerks and read by the supervisors."""
        inquiry = self.env["gov.hall.inquiry"].with_user(self.clerk).create({
            "name": "社保卡补办要带什么材料？", "visitor_name": "李女士", "visitor_phone": "13812345678",
            "answer": "居民身份证原件。"})
        self.assertEqual(inquiry.with_user(self.supervisor).visitor_phone, "13812345678")
        with self.assertRaises(AccessError):
            inquiry.with_user(self.supervisor).write({"answer": "改"})
        for user in (self.reviewer, self.chief, self.assessor, self.trading, self.expert):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                inquiry.with_user(user).read(["visitor_phone"])
