#!/usr/bin/env python3
"""Build static/tools/bid_sealing_tool.html, the offline sealing tool, from the portal's sealing script.

The tool is one HTML file with no external resource: the stylesheet and static/src/js/sealed_bid.js are
inlined byte for byte, so that the portal's sealing page and the offline tool run the same code (a test
checks it). After a change of the script, run ``python3 tools/build_sealing_tool.py`` and publish the new
SHA-256 it prints in the README ("Bid sealing tool")."""
import hashlib
import pathlib

ROOT = pathlib.Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "static/src/js/sealed_bid.js"
STYLE = ROOT / "static/src/css/sealed_bid.css"
OUT = ROOT / "static/tools/bid_sealing_tool.html"

PAGE = """<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:; connect-src 'none'; form-action 'none'">
<title>投标文件加密工具 · Offline Bid Sealing Tool</title>
<style>
%(style)s</style>
</head>
<body class="o_gov_seal_page" data-mode="offline">
<div class="d-none">
<span class="o_gov_msg" data-msg="working">处理中… Working…</span>
<span class="o_gov_msg" data-msg="signing_loaded">签名密钥已载入，指纹 Signing key loaded, fingerprint</span>
<span class="o_gov_msg" data-msg="signing_other">此签名密钥不是账户登记的密钥。This is not the registered signing key.</span>
<span class="o_gov_msg" data-msg="signing_saved">签名密钥已生成：请保存签名密钥文件，并在门户登记下方公钥。Signing key made: save the key file and register the public key below on the portal.</span>
<span class="o_gov_msg" data-msg="signing_missing">请先载入签名密钥文件。Load your signing key file first.</span>
<span class="o_gov_msg" data-msg="signing_ready">签名密钥已载入。Signing key loaded.</span>
<span class="o_gov_msg" data-msg="sealed_offline">已加密并签名：请保存投标文件和密钥文件，然后在门户上传投标文件。Sealed and signed: save both files, then upload the sealed bid on the portal.</span>
<span class="o_gov_msg" data-msg="file_missing">请先选择文件。Choose the file first.</span>
</div>
<main class="o_gov_seal_main">
<h1>投标文件加密工具（离线）<br><small>Offline Bid Sealing Tool</small></h1>
<p class="o_gov_muted">本文件离线运行，不连接网络。使用前请核对本文件的 SHA-256 与交易平台网站及说明文件公布的值一致。
This file runs offline and connects to nothing: check its SHA-256 against the value published on the platform's site first.</p>
<section class="o_gov_section o_gov_signing_section">
<h2>1. 签名密钥 Signing Key</h2>
<p><button type="button" class="o_gov_keygen">生成新签名密钥 Generate a Signing Key</button>
<a class="o_gov_signing_download d-none">保存签名密钥文件 Save the Signing Key File</a></p>
<p>公钥（在门户登记）Public key to register on the portal:</p>
<p><textarea class="o_gov_public_key" rows="3" readonly></textarea></p>
<p><label>或载入签名密钥文件 Or load your signing key file: <input type="file" class="o_gov_signing_file" accept=".json"></label></p>
<p class="o_gov_signing_state"></p>
<div class="o_gov_bid_status"></div>
</section>
<form class="o_gov_section o_gov_seal_form">
<h2>2. 加密并签名 Seal and Sign</h2>
<div class="o_gov_warning"><strong>请妥善保管开标密钥。Keep your opening key.</strong>
投标文件以随机密钥加密，密钥显示为开标密钥并可保存为密钥文件。任何人（包括交易平台）没有密钥都无法解密。密钥丢失无法找回：投标将被视为撤销，投标保证金可能不予退还（《招标投标法实施条例》第三十五条）。
The bid is encrypted with a random key. A lost key cannot be recovered: the bid is then revoked and the deposit may be kept.</div>
<p><label>加密凭据（门户下载的 ticket 文件）Sealing ticket file: <input type="file" name="ticket_file" accept=".json"></label></p>
<p><label>或粘贴凭据内容 Or paste it: <textarea name="ticket_text" rows="3"></textarea></label></p>
<p><label>签名密钥文件内容（可选，未载入时）Signing key file content, if not loaded: <textarea name="signing_text" rows="2"></textarea></label></p>
<p><label>投标报价（元）Bid price (yuan) <input name="price" type="text" inputmode="decimal" required></label></p>
<p><label>工期（日历天）Duration (days) <input name="duration_days" type="number" min="0"></label></p>
<p><label>投标文件 Bid files <input name="files" type="file" multiple></label></p>
<p><label><input type="checkbox" name="keep_key" required> 我将保管开标密钥和密钥文件直至开标。I keep the key until the opening.</label></p>
<p><button type="submit" class="o_gov_seal_submit">加密并签名 Seal and Sign</button></p>
<div class="o_gov_key_box d-none">
<p>开标密钥 Opening key code: <code class="o_gov_key_code"></code></p>
<p><a class="o_gov_key_download d-none">保存密钥文件 Save the Key File</a>
<a class="o_gov_sealed_download d-none">保存加密投标文件 Save the Sealed Bid</a></p>
</div>
<p><textarea class="o_gov_sealed_output" rows="3" readonly></textarea></p>
<div class="o_gov_bid_status"></div>
</form>
</main>
<script>
%(script)s</script>
</body>
</html>
"""


def build():
    script = SCRIPT.read_text(encoding="utf-8")
    if "</script" in script.lower():
        raise SystemExit("the script must not contain a closing script tag")
    html = PAGE % {"style": STYLE.read_text(encoding="utf-8"), "script": script}
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(html, encoding="utf-8")
    return hashlib.sha256(html.encode("utf-8")).hexdigest()


if __name__ == "__main__":
    print(f"{OUT.name} SHA-256 {build()}")  # noqa: T201
