import os
import re

import polib

from odoo.modules.module import get_module_path
from odoo.tests import TransactionCase, tagged
from odoo.tools.translate import TranslationModuleReader

GOV_ADDONS = ["gov_hall_base", "gov_hall_intake", "gov_public_resource_trading", "gov_complaints",
              "gov_staff_assessment"]
ENGLISH_WORD = re.compile(r"[a-z]{3,}")
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|%[sd]|\{\w*\}")


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

    def test_every_term_of_the_code_is_in_the_po(self):
        """Terms extracted from the addons as they are now (code, views, data) all have a translation:
        catches strings added to the code without updating the .po file."""
        for module in GOV_ADDONS:
            with self.subTest(module=module):
                translated = {e.msgid for e in self._po(module).translated_entries()}
                reader = TranslationModuleReader(self.env.cr, modules=[module], lang="zh_CN")
                missing = sorted({row[4] for row in reader if row[4] and row[4] not in translated})
                self.assertFalse(missing, f"{module}: terms without translation: {missing[:8]}")
