"""List the entries of a .po file that have no translation (msgstr empty).

Usage: po_todo.py FILE.po [--count] [--fill-cjk]
--fill-cjk: entries whose msgid is already Chinese (demo data written in Chinese, no English words in
it) get msgstr = msgid; an English label with a Chinese gloss still needs a real translation.
"""
import re
import sys

CJK = re.compile(r"[\u4e00-\u9fff]")
ENGLISH = re.compile(r"[A-Za-z]{3,}")
path = sys.argv[1]
text = open(path, encoding="utf-8").read()
blocks = text.split("\n\n")
todo = []
changed = False
for i, block in enumerate(blocks[1:], 1):
    if not (re.search(r'^msgstr ""\s*$', block, re.M) and not re.search(r'^msgstr ""\n"', block, re.M)):
        continue
    head, _sep, _tail = block.partition("\nmsgstr ")
    msgid_lines = head.split("msgid ", 1)[1]
    msgid = "".join(re.findall(r'"(.*)"', msgid_lines))
    if "--fill-cjk" in sys.argv and CJK.search(msgid) and not ENGLISH.search(msgid):
        blocks[i] = head + "\nmsgstr " + msgid_lines.rstrip("\n")
        changed = True
        continue
    todo.append(msgid)
if changed:
    open(path, "w", encoding="utf-8").write("\n\n".join(blocks))
if "--count" in sys.argv:
    print(f"{path}: {len(todo)} untranslated")
else:
    for msgid in todo:
        print(msgid)
