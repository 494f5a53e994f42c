"""gov.hall.protected.mixin: refuse writes of protected fields outside the named actions."""
from odoo import api, models
from odoo.exceptions import UserError

from ..tools.protect import is_granted

# Context keys of the OCA tier validation that switch off its checks: a client may send them over RPC.
TIER_BYPASS_KEYS = ("skip_validation_check", "skip_check_state_condition")
# The computed outputs of gov.hall.deadline.mixin: nobody writes them, the ORM and the holiday recomputation do.
DEADLINE_OUTPUTS = ("deadline", "deadline_provisional")


class GovHallProtectedMixin(models.AbstractModel):
    _name = "gov.hall.protected.mixin"
    _description = "Fields Written Only by Named Actions"

    # Field names that only the model's named actions write (see tools/protect.py).
    _protected_fields = ()

    def _gov_protected_names(self):
        names = set(self._protected_fields)
        if isinstance(self, self.pool["gov.hall.deadline.mixin"]):
            names.update(DEADLINE_OUTPUTS)
        return names

    def _gov_unguarded(self):
        """Inside a named action of this model, or while modules load their data files (no request is
        served then): nothing is refused."""
        return is_granted(self._name) or not self.pool.ready

    def _gov_protected_hit(self, fnames):
        if self._gov_unguarded():
            return ()
        return sorted(set(fnames) & self._gov_protected_names())

    def _gov_refuse_protected(self, hit):
        labels = "、".join(self._fields[f]._description_string(self.env) for f in hit)
        raise UserError(self.env._(
            "%(fields)s of %(model)s change only through its actions (the buttons of the form), which check "
            "who you are and the record's state.",
            fields=labels, model=self._description))

    def _gov_clean_env(self):
        """Drop client-sent keys that would switch off checks of the platform (OCA tier validation) or
        give protected fields a default, unless a named action is running."""
        if self._gov_unguarded():
            return self
        ctx = self.env.context
        protected = self._gov_protected_names()
        bad = [k for k in ctx if k in TIER_BYPASS_KEYS or (k.startswith("default_") and k[8:] in protected)]
        if not bad:
            return self
        return self.with_context({k: v for k, v in ctx.items() if k not in bad})

    def _gov_check_protected_create(self, vals_list):
        """The rule on create: outside a grant, a protected field may be given its plain default (a form sends
        it), nothing else. A model that fills protected fields itself in ``create`` (a number from a sequence...)
        calls this on what the caller sent, before filling them, then creates inside ``granted(self)``. Inside
        the grant the mixin's ``create`` no longer drops the client's ``default_<field>`` keys: such a model
        works on ``self._gov_clean_env()`` from the start."""
        self = self._gov_clean_env()
        for vals in vals_list:
            hit = self._gov_protected_hit(vals)
            if hit:
                defaults = self.default_get(list(hit))
                hit = [f for f in hit if vals[f] != defaults.get(f, False) and (vals[f] or defaults.get(f))]
                if hit:
                    self._gov_refuse_protected(hit)

    @api.model_create_multi
    def create(self, vals_list):
        self = self._gov_clean_env()
        self._gov_check_protected_create(vals_list)
        return super().create(vals_list)

    def write(self, vals):
        self = self._gov_clean_env()
        hit = self._gov_protected_hit(vals)
        if hit:
            self._gov_refuse_protected(hit)
        return super().write(vals)
