"""Heavy work in a background job (OCA queue_job), shown on the record that asked for it.

A model inherits ``gov.hall.job.mixin`` and its named action, after its checks (group, state), calls
``self._gov_delay("_method", description)``: the method runs later in a queue_job worker as the same user
(channel ``root.gov``), the record keeps the job in ``gov_job_id`` and shows its state, start, end and
error; when the job ends the record's chatter says so and the user gets a notification in the backend.
The delayed method is private (a leading underscore: never callable over RPC) and is a
``@protected_action()`` when it writes protected fields, like any server step; it checks the record's state
again, since the record may have changed between the request and the job.
"""
from odoo import fields, models
from odoo.exceptions import AccessError

from odoo.addons.gov_hall_base.tools.lang import center_env
from odoo.addons.gov_hall_base.tools.protect import granted, is_granted

JOB_CHANNEL = "root.gov"


class GovHallJobMixin(models.AbstractModel):
    _name = "gov.hall.job.mixin"
    _description = "Background Job on a Record"

    gov_job_id = fields.Many2one("queue.job", "Background Job", readonly=True, copy=False,
                                 index="btree_not_null")
    # shown on the form (related fields read the job as superuser: the form opens for every reader)
    gov_job_name = fields.Char(related="gov_job_id.name", string="Job")
    gov_job_state = fields.Selection(related="gov_job_id.state", string="Job Status")
    gov_job_date_done = fields.Datetime(related="gov_job_id.date_done", string="Job Done")
    gov_job_error = fields.Char(related="gov_job_id.exc_message", string="Job Error")

    def write(self, vals):
        # the job link is set by _gov_delay only: a client pointing it at another job would read that job
        if "gov_job_id" in vals and not is_granted(self._name) and not is_granted("gov.hall.job.mixin"):
            raise AccessError(self.env._("The background job of a record is set by its action only."))
        return super().write(vals)

    def _gov_delay(self, method, description, *args, priority=None):
        """Run ``self.<method>(*args)`` in a background job and link the job to each record of ``self``.

        Returns the client action that tells the user the work started (the form reloads)."""
        job = self.with_delay(description=description, channel=JOB_CHANNEL, priority=priority,
                              max_retries=3)._gov_job_run(method, description, *args)
        record = job.db_record() if job is not None else self.env["queue.job"]
        with granted("gov.hall.job.mixin"):
            self.sudo().write({"gov_job_id": record.id or False})
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "title": description,
                "message": self.env._("Started in the background: the record shows its progress and you are "
                                      "notified when it is done."),
                "type": "info",
                "sticky": False,
                "next": {"type": "ir.actions.client", "tag": "soft_reload"},
            },
        }

    def _gov_job_run(self, method, description, *args):
        """The job: the method, then a message on each record and a notification to the user."""
        result = getattr(self, method)(*args)
        for record in self.exists():
            if hasattr(record, "message_post"):
                center_env(record).message_post(
                    body=center_env(record).env._("Background job done: %(job)s", job=description))
        self.env.user._bus_send("simple_notification", {
            "title": description, "type": "success", "sticky": False,
            "message": self.env._("Done: %(records)s", records=", ".join(self.exists().mapped("display_name"))),
        })
        return result if isinstance(result, str) else self.env._("Done: %(job)s", job=description)

    def action_open_gov_job(self):
        """The job of the record (its state, times, result or error), read-only for its user."""
        self.ensure_one()
        return {"type": "ir.actions.act_window", "res_model": "queue.job", "res_id": self.gov_job_id.id,
                "views": [(False, "form")], "name": self.env._("Background Job")}
