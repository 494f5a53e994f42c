import re

import polib

from odoo.tests import TransactionCase, tagged
from odoo.tools import file_open
from odoo.tools.translate import TranslationModuleReader

CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff\u3000-\u303f\uff01-\uff5e]")
ENGLISH_WORD = re.compile(r"[a-z]{3,}")


@tagged("post_install", "-at_install")
class TestDashboardTranslations(TransactionCase):
    """The rules of the suite's translation test, for this addon: English sources, every term translated in
    i18n/zh_CN.po and read in Chinese in the database."""

    def _po(self):
        return polib.pofile(file_open("gov_hall_dashboard/i18n/zh_CN.po").name)

    def _terms(self):
        return list(TranslationModuleReader(self.env.cr, modules=["gov_hall_dashboard"], lang="zh_CN"))

    def test_po_complete_and_sources_english(self):
        po = self._po()
        self.assertFalse([e.msgid for e in po.untranslated_entries()])
        self.assertFalse([e.msgid for e in po.fuzzy_entries()])
        translated = {e.msgid for e in po.translated_entries()}
        terms = self._terms()
        self.assertFalse(sorted({t[4] for t in terms if t[4] and t[4] not in translated})[:8])
        self.assertFalse(sorted({t[4] for t in terms if t[4] and CJK.search(t[4])})[:8])

    def test_record_terms_read_in_chinese(self):
        missing = sorted({f"{res_id}: {src[:60]}" for _m, ttype, _n, res_id, src, value, _c in self._terms()
                          if ttype != "code" and src and ENGLISH_WORD.search(src) and not value})
        self.assertFalse(missing[:6])
