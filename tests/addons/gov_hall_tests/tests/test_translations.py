import os
import re

import polib

from odoo.modules.module import get_module_path
from odoo.tests import TransactionCase, tagged
from odoo.tools.translate import TranslationModuleReader

GOV_ADDONS = ["gov_hall_base", "gov_hall_intake", "gov_public_resource_trading", "gov_complaints",
              "gov_staff_assessment", "gov_hall_dashboard"]
ENGLISH_WORD = re.compile(r"[a-z]{3,}")
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|%[sd]|\{\w*\}")
CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff\u3000-\u303f\uff01-\uff5e]")
# records whose translatable fields are source strings of the UI; records of our business models (demo
# windows and departments, scoring items, qualification types) are content written in Chinese
SOURCE_MODELS = ("res.groups", "res.groups.privilege", "website.menu")
# documents published in their official Chinese wording outside a report (the body of an announcement)
DOCUMENT_TEMPLATES = {"gov_public_resource_trading.announcement_tender_body"}


@tagged("post_install", "-at_install")
class TestTranslations(TransactionCase):
    """The UI runs in Simplified Chinese: every translatable term of our addons needs a translation."""

    def _po(self, module):
        path = os.path.join(get_module_path(module), "i18n", "zh_CN.po")
        self.assertTrue(os.path.isfile(path), f"{module} has no i18n/zh_CN.po")
        return polib.pofile(path)

    def test_po_files_complete(self):
        for module in GOV_ADDONS:
            with self.subTest(module=module):
                po = self._po(module)
                missing = [e.msgid for e in po.untranslated_entries() if not e.obsolete]
                # an English term copied as its own "translation" is not translated either
                missing += [e.msgid for e in po.translated_entries()
                            if e.msgstr == e.msgid and ENGLISH_WORD.search(e.msgid)]
                self.assertFalse(missing, f"{module}: {len(missing)} untranslated terms, e.g. {missing[:5]}")
                fuzzy = [e.msgid for e in po.fuzzy_entries()]
                self.assertFalse(fuzzy, f"{module}: fuzzy translations {fuzzy[:5]}")

    def test_placeholders_kept(self):
        for module in GOV_ADDONS:
            for entry in self._po(module).translated_entries():
                with self.subTest(module=module, msgid=entry.msgid[:60]):
                    self.assertEqual(sorted(PLACEHOLDER.findall(entry.msgid)),
                                     sorted(PLACEHOLDER.findall(entry.msgstr)))

    def _report_templates(self):
        """Keys of the QWeb templates printed as official documents (the reports of our addons and what they
        call): their Chinese wording is the document's own."""
        reports = self.env["ir.actions.report"].search([("report_type", "like", "qweb")])
        todo = [r.report_name for r in reports if r.report_name.split(".")[0] in GOV_ADDONS]
        todo += DOCUMENT_TEMPLATES
        keys = set()
        while todo:
            key = todo.pop()
            if key in keys:
                continue
            keys.add(key)
            view = self.env["ir.ui.view"].search([("key", "=", key), ("type", "=", "qweb")], limit=1)
            todo += re.findall(r"""t-call=["']([\w.]+)["']""", view.arch_db or "")
        return keys

    def test_source_terms_are_english(self):
        """The msgids of our addons (code, model and field labels, selections, views, menus, actions,
        groups) are English: Chinese belongs in i18n/zh_CN.po, not in a source string."""
        documents = self._report_templates()
        for module in GOV_ADDONS:
            with self.subTest(module=module):
                found = set()
                for _mod, ttype, name, res_id, src, _value, _comments in TranslationModuleReader(
                        self.env.cr, modules=[module], lang="zh_CN"):
                    if not src or not CJK.search(src):
                        continue
                    model = name.split(",")[0]
                    if ttype != "code" and not (model.startswith("ir.") or model in SOURCE_MODELS):
                        continue
                    if model == "ir.ui.view":
                        view = self.env.ref(res_id, raise_if_not_found=False)
                        if view and view.type == "qweb" and (view.key in documents or res_id in documents):
                            continue
                    found.add(f"{name} {res_id}: {src[:80]}")
                self.assertFalse(found, f"{module}: {len(found)} source strings with Chinese, e.g. "
                                        f"{sorted(found)[:6]}")

    def test_every_term_of_the_code_is_in_the_po(self):
        """Terms extracted from the addons as they are now (code, views, data) all have a translation:
        catches strings added to the code without updating the .po file."""
        for module in GOV_ADDONS:
            with self.subTest(module=module):
                translated = {e.msgid for e in self._po(module).translated_entries()}
                reader = TranslationModuleReader(self.env.cr, modules=[module], lang="zh_CN")
                missing = sorted({row[4] for row in reader if row[4] and row[4] not in translated})
                self.assertFalse(missing, f"{module}: terms without translation: {missing[:8]}")

    def test_every_record_term_translated_in_the_database(self):
        """A term translated in the .po for one view is not translated in another view that uses the same
        words unless the .po lists that view too (model terms are imported per record): every English term
        of our views, menus, actions and fields reads in Chinese in the database."""
        for module in GOV_ADDONS:
            with self.subTest(module=module):
                missing = sorted({
                    f"{res_id}: {src[:60]}" for _mod, ttype, _name, res_id, src, value, _comments
                    in TranslationModuleReader(self.env.cr, modules=[module], lang="zh_CN")
                    if ttype != "code" and src and ENGLISH_WORD.search(src) and not value
                    and "gov_hall_test_" not in (res_id or "")  # models of the tests only
                })
                self.assertFalse(missing, f"{module}: {len(missing)} record terms read in English, e.g. "
                                          f"{missing[:6]}")
