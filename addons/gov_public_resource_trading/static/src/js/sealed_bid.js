/*
 * Sealed and signed bids (电子招标投标办法 第26-31条): the portal's bare sealing page and the offline sealing
 * tool run this same file (the tool inlines it byte for byte). No framework, no import, no network access
 * except the portal's own routes in portal mode.
 *
 * Format gov-sealed-bid/1 (also made by tools/seal_bid.py and read by models/gov_trading_bid.py):
 * - bid key: 32 random bytes (crypto.getRandomValues), shown as the opening key code (开标密钥): base32 of
 *   the key, one Luhn mod 32 check character, groups of 4;
 * - AES-256-GCM, 12-byte IV, additional data "lot|registration|nonce" (the server's sealing nonce);
 * - the bidder signs the ASCII SHA-256 hex of the ciphertext with its ECDSA P-256 key (raw r||s, base64).
 */
(function () {
    "use strict";

    const FORMAT = "gov-sealed-bid/1";
    const KEY_FORMAT = "random-v2";
    const ALGS = { cipher: "AES-256-GCM", sig: "ECDSA-P256-SHA256", hash: "SHA-256" };
    const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    const LOOKALIKES = { 0: "O", 1: "I", 8: "B" };
    const enc = new TextEncoder();
    const ECDSA = { name: "ECDSA", namedCurve: "P-256" };

    // -- encodings -------------------------------------------------------------------------------------
    function b64(bytes) {
        let s = "";
        for (let i = 0; i < bytes.length; i += 0x8000) {
            s += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000));
        }
        return btoa(s);
    }

    function unb64(text) {
        const bin = atob(text);
        const out = new Uint8Array(bin.length);
        for (let i = 0; i < bin.length; i++) {
            out[i] = bin.charCodeAt(i);
        }
        return out;
    }

    function hex(bytes) {
        return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
    }

    async function sha256Hex(bytes) {
        return hex(new Uint8Array(await crypto.subtle.digest("SHA-256", bytes)));
    }

    function b32encode(bytes) {
        let bits = 0;
        let value = 0;
        let out = "";
        for (const byte of bytes) {
            value = ((value << 8) | byte) & 0xffff;
            bits += 8;
            while (bits >= 5) {
                out += ALPHABET[(value >>> (bits - 5)) & 31];
                bits -= 5;
            }
        }
        if (bits > 0) {
            out += ALPHABET[(value << (5 - bits)) & 31];
        }
        return out;
    }

    function b32decode(text) {
        let bits = 0;
        let value = 0;
        const out = [];
        for (const char of text) {
            value = ((value << 5) | ALPHABET.indexOf(char)) & 0xffff;
            bits += 5;
            if (bits >= 8) {
                out.push((value >>> (bits - 8)) & 255);
                bits -= 8;
            }
        }
        return new Uint8Array(out);
    }

    // -- the opening key code --------------------------------------------------------------------------
    function checkChar(body) {
        let factor = 2;
        let total = 0;
        for (let i = body.length - 1; i >= 0; i--) {
            const addend = factor * ALPHABET.indexOf(body[i]);
            factor = 3 - factor;
            total += Math.floor(addend / 32) + (addend % 32);
        }
        return ALPHABET[(32 - (total % 32)) % 32];
    }

    function keyToCode(key) {
        const body = b32encode(key);
        const code = body + checkChar(body);
        return code.match(/.{1,4}/g).join("-");
    }

    class KeyCodeError extends Error {}

    function codeToKey(code) {
        const text = Array.from(String(code || "").toUpperCase())
            .filter((c) => !" -\t\r\n".includes(c))
            .map((c) => LOOKALIKES[c] || c)
            .join("");
        if (text.length !== 53 || [...text].some((c) => !ALPHABET.includes(c))) {
            throw new KeyCodeError("length");
        }
        if (checkChar(text.slice(0, 52)) !== text[52]) {
            throw new KeyCodeError("check");
        }
        return b32decode(text.slice(0, 52)).slice(0, 32);
    }

    function parseKey(text) {
        const value = String(text || "").trim();
        if (value.startsWith("{")) {
            return unb64(JSON.parse(value).key);
        }
        return codeToKey(value);
    }

    function additionalData(lot, registration, nonce) {
        return enc.encode(`${lot}|${parseInt(registration, 10)}|${nonce}`);
    }

    // -- signing key -----------------------------------------------------------------------------------
    async function generateSigningKey() {
        const pair = await crypto.subtle.generateKey(ECDSA, true, ["sign", "verify"]);
        const pkcs8 = new Uint8Array(await crypto.subtle.exportKey("pkcs8", pair.privateKey));
        const spki = new Uint8Array(await crypto.subtle.exportKey("spki", pair.publicKey));
        return { format: "gov-signing-key/1", alg: ALGS.sig, private_pkcs8: b64(pkcs8), public_spki: b64(spki) };
    }

    async function importSigningKey(keyFile) {
        const data = typeof keyFile === "string" ? JSON.parse(keyFile) : keyFile;
        const key = await crypto.subtle.importKey("pkcs8", unb64(data.private_pkcs8), ECDSA, false, ["sign"]);
        return { key, publicSpki: data.public_spki, fingerprint: await sha256Hex(unb64(data.public_spki)) };
    }

    // -- sealing and opening ---------------------------------------------------------------------------
    function priceValue(text) {
        const number = Number(text);
        return String(text).trim() !== "" && Number.isFinite(number) ? number : String(text);
    }

    async function seal(ticket, signing, price, durationDays, files) {
        const key = crypto.getRandomValues(new Uint8Array(32));
        const iv = crypto.getRandomValues(new Uint8Array(12));
        const payload = enc.encode(
            JSON.stringify({ price, duration_days: parseInt(durationDays || "0", 10) || 0, files })
        );
        const aesKey = await crypto.subtle.importKey("raw", key, "AES-GCM", false, ["encrypt"]);
        const aad = additionalData(ticket.lot, ticket.registration, ticket.nonce);
        const ciphertext = new Uint8Array(
            await crypto.subtle.encrypt({ name: "AES-GCM", iv, additionalData: aad }, aesKey, payload)
        );
        const digest = await sha256Hex(ciphertext);
        const signature = new Uint8Array(
            await crypto.subtle.sign({ name: "ECDSA", hash: "SHA-256" }, signing.key, enc.encode(digest))
        );
        const sealed = {
            format: FORMAT,
            key_format: KEY_FORMAT,
            cipher: ALGS.cipher,
            sig: ALGS.sig,
            hash: ALGS.hash,
            lot: ticket.lot,
            registration: parseInt(ticket.registration, 10),
            nonce: ticket.nonce,
            iv: b64(iv),
            ciphertext: b64(ciphertext),
            sha256: digest,
            signature: b64(signature),
            public_key_sha256: signing.fingerprint,
        };
        const keyFile = {
            format: "gov-bid-key/1",
            cipher: ALGS.cipher,
            key: b64(key),
            code: keyToCode(key),
            lot: ticket.lot,
            registration: sealed.registration,
        };
        return { sealed, key, keyFile };
    }

    async function openCiphertext(ciphertext, iv, aad, key) {
        const aesKey = await crypto.subtle.importKey("raw", key, "AES-GCM", false, ["decrypt"]);
        const params = aad ? { name: "AES-GCM", iv, additionalData: aad } : { name: "AES-GCM", iv };
        return JSON.parse(new TextDecoder().decode(await crypto.subtle.decrypt(params, aesKey, ciphertext)));
    }

    async function legacyKey(passphrase, salt, iterations) {
        const material = await crypto.subtle.importKey("raw", enc.encode(passphrase), "PBKDF2", false, [
            "deriveBits",
        ]);
        const bits = await crypto.subtle.deriveBits(
            { name: "PBKDF2", salt, iterations, hash: "SHA-256" },
            material,
            256
        );
        return new Uint8Array(bits);
    }

    function readFile(file, asText) {
        return new Promise((resolve, reject) => {
            const reader = new FileReader();
            reader.onload = () => resolve(asText ? reader.result : reader.result.split(",", 2)[1] || "");
            reader.onerror = () => reject(reader.error);
            if (asText) {
                reader.readAsText(file);
            } else {
                reader.readAsDataURL(file);
            }
        });
    }

    // -- page ------------------------------------------------------------------------------------------
    const body = document.body;
    const page = body ? body.dataset : {};
    const state = { signing: null };

    function msg(name) {
        const el = document.querySelector(`.o_gov_msg[data-msg="${name}"]`);
        return el ? el.textContent.trim() : name;
    }

    function status(scope, text, kind, extraClass) {
        const el = scope.querySelector(".o_gov_bid_status");
        if (el) {
            el.className = `o_gov_bid_status alert alert-${kind || "info"} ${extraClass || ""}`;
            el.textContent = text;
        }
    }

    function offerDownload(link, name, text) {
        if (!link) {
            return;
        }
        link.href = URL.createObjectURL(new Blob([text], { type: "application/json" }));
        link.download = name;
        link.classList.remove("d-none");
    }

    function csrfBody() {
        const form = new FormData();
        form.append("csrf_token", page.csrf || "");
        return form;
    }

    async function post(url, form) {
        const response = await fetch(url, { method: "POST", body: form, credentials: "same-origin" });
        let result = {};
        try {
            result = await response.json();
        } catch {
            result = { error: `HTTP ${response.status}` };
        }
        if (!response.ok || result.error) {
            const error = new Error(result.error || result.message || `HTTP ${response.status}`);
            error.result = result;
            throw error;
        }
        return result;
    }

    async function textOf(input) {
        const file = input && input.files && input.files[0];
        return file ? readFile(file, true) : "";
    }

    async function loadSigning(text) {
        state.signing = await importSigningKey(text);
        const info = document.querySelector(".o_gov_signing_state");
        if (info) {
            info.textContent = `${msg("signing_loaded")} ${state.signing.fingerprint}`;
            info.classList.add("o_gov_signing_ready");
        }
        if (page.registeredKey && page.registeredKey !== state.signing.fingerprint) {
            throw new Error(msg("signing_other"));
        }
    }

    async function onKeygen(button) {
        const scope = button.closest(".o_gov_section");
        const keyFile = await generateSigningKey();
        if (page.mode === "portal") {
            const form = csrfBody();
            form.append("public_key", keyFile.public_spki);
            const result = await post(page.keyUrl, form);
            page.registeredKey = result.fingerprint;
        }
        offerDownload(scope.querySelector(".o_gov_signing_download"), "signing-key.json", JSON.stringify(keyFile));
        const pub = scope.querySelector(".o_gov_public_key");
        if (pub) {
            pub.value = keyFile.public_spki;
        }
        await loadSigning(keyFile);
        status(scope, msg("signing_saved"), "success", "o_gov_signing_registered");
    }

    async function files(form) {
        const out = [];
        for (const file of form.querySelector("input[name=files]")?.files || []) {
            out.push({ name: file.name, type: file.type, size: file.size, data: await readFile(file) });
        }
        return out;
    }

    async function onSeal(form) {
        if (!state.signing) {
            const text = (await textOf(form.querySelector("input[name=signing_file]"))) ||
                (form.querySelector("textarea[name=signing_text]")?.value || "").trim();
            if (!text) {
                throw new Error(msg("signing_missing"));
            }
            await loadSigning(text);
        }
        let ticket;
        if (page.mode === "portal") {
            const response = await fetch(page.ticketUrl, { credentials: "same-origin" });
            ticket = await response.json();
            if (!response.ok || ticket.error) {
                throw new Error(ticket.error || `HTTP ${response.status}`);
            }
        } else {
            const text = (await textOf(form.querySelector("input[name=ticket_file]"))) ||
                form.querySelector("textarea[name=ticket_text]").value;
            ticket = JSON.parse(text);
        }
        const data = new FormData(form);
        const { sealed, keyFile } = await seal(
            ticket,
            state.signing,
            priceValue(data.get("price")),
            data.get("duration_days"),
            await files(form)
        );
        const sealedText = JSON.stringify(sealed);
        const code = form.querySelector(".o_gov_key_code");
        code.textContent = keyFile.code;
        code.closest(".o_gov_key_box").classList.remove("d-none");
        offerDownload(form.querySelector(".o_gov_key_download"), `bid-key-${ticket.lot}.json`, JSON.stringify(keyFile));
        offerDownload(form.querySelector(".o_gov_sealed_download"), `bid-${ticket.lot}.sealed.json`, sealedText);
        const output = form.querySelector("textarea.o_gov_sealed_output");
        if (output) {
            output.value = sealedText;
        }
        if (page.mode !== "portal") {
            status(form, `${msg("sealed_offline")} SHA-256 ${sealed.sha256}`, "success", "o_gov_bid_sealed");
            return;
        }
        await upload(form, sealedText, sealed.sha256);
    }

    async function upload(scope, sealedText, digest) {
        const form = csrfBody();
        form.append("bid", new Blob([sealedText], { type: "application/json" }), "bid.sealed.json");
        const result = await post(page.uploadUrl, form);
        if (digest && result.sha256 !== digest) {
            throw new Error(msg("receipt_mismatch"));
        }
        offerDownload(scope.querySelector(".o_gov_receipt_download"), `receipt-${result.receipt}.json`,
            result.signed_receipt);
        status(scope, `${msg("received")} ${result.receipt} · SHA-256 ${result.sha256} · ${result.received}`,
            "success", "o_gov_bid_receipt");
    }

    async function onUpload(form) {
        const text = await textOf(form.querySelector("input[name=bid]"));
        if (!text) {
            throw new Error(msg("file_missing"));
        }
        await upload(form, text, null);
    }

    async function onDecrypt(form) {
        const data = new FormData(form);
        let key;
        if (page.keyFormat === "pbkdf2-v1") {
            key = await legacyKey(data.get("passphrase") || "", unb64(page.salt), parseInt(page.iterations, 10));
        } else {
            const fileText = await textOf(form.querySelector("input[name=key_file]"));
            try {
                key = parseKey(fileText || data.get("key_code"));
            } catch (error) {
                if (error instanceof KeyCodeError) {
                    throw new Error(msg(error.message === "check" ? "code_check" : "code_length"));
                }
                throw error;
            }
        }
        const response = await fetch(page.ciphertextUrl, { credentials: "same-origin" });
        const ciphertext = new Uint8Array(await response.arrayBuffer());
        // the server checks the stored SHA-256 first; a corrupted copy cannot open here, it is reported there
        if ((await sha256Hex(ciphertext)) === page.sha256) {
            const aad = page.keyFormat === "pbkdf2-v1" ? null :
                additionalData(page.lot, page.registration, page.nonce);
            try {
                await openCiphertext(ciphertext, unb64(page.iv), aad, key);
            } catch {
                throw new Error(msg("key_wrong"));
            }
        }
        const form2 = csrfBody();
        form2.append("key", b64(key));
        try {
            const result = await post(page.decryptUrl, form2);
            status(form, `${msg("decrypted")} ${result.summary || ""}`, "success", "o_gov_bid_decrypted");
        } catch (error) {
            if (error.result && error.result.storage_fault) {
                document.querySelector(".o_gov_recover_form")?.classList.remove("d-none");
            }
            throw error;
        }
    }

    async function onRecover(form) {
        const text = await textOf(form.querySelector("input[name=bid]"));
        if (!text) {
            throw new Error(msg("file_missing"));
        }
        const data = csrfBody();
        data.append("bid", new Blob([text], { type: "application/json" }), "bid.sealed.json");
        const result = await post(page.recoverUrl, data);
        status(form, result.message, result.recovered ? "success" : "warning",
            result.recovered ? "o_gov_bid_recovered" : "o_gov_bid_withdrawn");
    }

    async function run(scope, action) {
        const button = scope.querySelector("button[type=submit]") || scope;
        button.disabled = true;
        status(scope, msg("working"), "info");
        try {
            await action();
        } catch (error) {
            status(scope, error.message || String(error), "danger");
        } finally {
            button.disabled = false;
        }
    }

    document.addEventListener("click", (ev) => {
        const button = ev.target.closest && ev.target.closest(".o_gov_keygen");
        if (button) {
            ev.preventDefault();
            run(button.closest(".o_gov_section"), () => onKeygen(button));
        }
    });

    document.addEventListener("change", (ev) => {
        if (ev.target.matches && ev.target.matches("input.o_gov_signing_file")) {
            const scope = ev.target.closest(".o_gov_section");
            run(scope, async () => {
                await loadSigning(await textOf(ev.target));
                status(scope, msg("signing_ready"), "success");
            });
        }
    });

    document.addEventListener("submit", (ev) => {
        const form = ev.target;
        const handlers = {
            o_gov_seal_form: onSeal,
            o_gov_upload_form: onUpload,
            o_gov_decrypt_form: onDecrypt,
            o_gov_recover_form: onRecover,
        };
        const name = Object.keys(handlers).find((cls) => form.classList && form.classList.contains(cls));
        if (!name) {
            return;
        }
        ev.preventDefault();
        run(form, () => handlers[name](form));
    });

    // for tests and for the bidder's own checks in the console
    window.govSealedBid = { keyToCode, codeToKey, parseKey, seal, openCiphertext, importSigningKey,
        generateSigningKey, additionalData, sha256Hex, b64, unb64 };
})();
