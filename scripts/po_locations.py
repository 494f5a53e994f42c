"""Add the missing record locations to our addons' zh_CN.po and .pot files.

Odoo imports a model term (a field label, a selection, a view text) only for the records the .po lists
next to its msgid. When a new model or view reuses words already translated for another record, the .po
has the msgid but not the new location, and the new record reads in English. Run in an Odoo shell on a
database with every addon installed (``odoo_cmd shell -d DB < scripts/po_locations.py``): for each
untranslated record term of our addons whose msgid the .po already translates, the location is added
before the msgid; terms the .po does not know at all are listed (they need a translation).
"""
import os
import re

from odoo.modules.module import get_module_path
from odoo.tools.translate import TranslationModuleReader

GOV_ADDONS = ["gov_hall_base", "gov_hall_intake", "gov_public_resource_trading", "gov_complaints",
              "gov_staff_assessment"]
ENGLISH_WORD = re.compile(r"[a-z]{3,}")


def po_quote(text):
    return text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\t", "\\t")


def msgid_block_re(msgid):
    # the msgid as Odoo writes it: one line, or "" followed by wrapped lines
    return msgid


for module in GOV_ADDONS:
    missing = {}
    for _mod, ttype, name, res_id, src, value, _comments in TranslationModuleReader(
            env.cr, modules=[module], lang="zh_CN"):  # noqa: F821 (the shell's env)
        if ttype == "code" or not src or value or not ENGLISH_WORD.search(src) or "gov_hall_test_" in res_id:
            continue
        missing.setdefault(src, set()).add(f"{ttype}:{name}:{res_id}")
    if not missing:
        continue
    path = os.path.join(get_module_path(module), "i18n")
    for fname in ("zh_CN.po", f"{module}.pot"):
        file = os.path.join(path, fname)
        text = open(file, encoding="utf-8").read()
        blocks = text.split("\n\n")
        index = {}
        for i, block in enumerate(blocks):
            head = block.partition("\nmsgstr ")[0]
            if "msgid " not in head:
                continue
            msgid = "".join(re.findall(r'"((?:[^"\\]|\\.)*)"', head.split("msgid ", 1)[1]))
            index[msgid] = i
        unknown = []
        for src, locations in missing.items():
            i = index.get(po_quote(src))
            if i is None:
                unknown.append(src)
                continue
            block = blocks[i]
            new = [f"#: {loc}" for loc in sorted(locations) if f"#: {loc}\n" not in block + "\n"]
            if new:
                pos = block.index("msgid ")
                blocks[i] = block[:pos] + "\n".join(new) + "\n" + block[pos:]
        open(file, "w", encoding="utf-8").write("\n\n".join(blocks))
        if fname == "zh_CN.po":
            print(module, "locations added for", len(missing) - len(unknown), "terms; unknown:", unknown[:20])
