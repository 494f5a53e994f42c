/**
 * Sealed bids on the bidder portal (电子招标投标办法 第26-31条).
 *
 * The bid (price, duration and files) is packed as JSON and encrypted in this browser with AES-256-GCM;
 * the key is derived from the bidder's bid passphrase with PBKDF2-SHA256. Only the ciphertext, its
 * SHA-256, the salt and the IV are sent. At the opening the bidder enters the passphrase again: the
 * ciphertext is fetched back, decrypted here (which checks the passphrase), and the raw key is sent so
 * that the server can decrypt and verify the very same sealed bytes.
 */
import { _t } from "@web/core/l10n/translation";

const ITERATIONS = 250000;
const enc = new TextEncoder();

function b64(bytes) {
    let s = "";
    const chunk = 0x8000;
    for (let i = 0; i < bytes.length; i += chunk) {
        s += String.fromCharCode.apply(null, bytes.subarray(i, i + chunk));
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

async function sha256Hex(buffer) {
    const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", buffer));
    return Array.from(digest, (b) => b.toString(16).padStart(2, "0")).join("");
}

async function deriveKey(passphrase, salt, iterations) {
    const material = await crypto.subtle.importKey("raw", enc.encode(passphrase), "PBKDF2", false, ["deriveKey"]);
    return crypto.subtle.deriveKey(
        { name: "PBKDF2", salt, iterations, hash: "SHA-256" },
        material,
        { name: "AES-GCM", length: 256 },
        true,
        ["encrypt", "decrypt"]
    );
}

function readFile(file) {
    return new Promise((resolve, reject) => {
        const reader = new FileReader();
        reader.onload = () => resolve(reader.result.split(",", 2)[1] || "");
        reader.onerror = () => reject(reader.error);
        reader.readAsDataURL(file);
    });
}

function status(form, text, kind) {
    const el = form.querySelector(".o_gov_bid_status");
    if (el) {
        el.className = `col-12 o_gov_bid_status alert alert-${kind || "info"}`;
        el.textContent = text;
    }
}

export async function sealBid(form) {
    const data = new FormData(form);
    const pass = data.get("passphrase") || "";
    if (pass.length < 8) {
        throw new Error(_t("The bid passphrase needs at least 8 characters."));
    }
    if (pass !== data.get("passphrase2")) {
        throw new Error(_t("The two passphrases differ."));
    }
    const files = [];
    for (const file of form.querySelector("input[name=files]")?.files || []) {
        files.push({ name: file.name, type: file.type, size: file.size, data: await readFile(file) });
    }
    const payload = enc.encode(JSON.stringify({
        price: parseFloat(data.get("price")),
        duration_days: parseInt(data.get("duration_days") || "0", 10),
        files,
        sealed_at: new Date().toISOString(),
    }));
    const salt = crypto.getRandomValues(new Uint8Array(16));
    const iv = crypto.getRandomValues(new Uint8Array(12));
    const key = await deriveKey(pass, salt, ITERATIONS);
    const ciphertext = new Uint8Array(await crypto.subtle.encrypt({ name: "AES-GCM", iv }, key, payload));
    const digest = await sha256Hex(ciphertext);
    const body = new FormData();
    body.append("csrf_token", form.dataset.csrf);
    body.append("ciphertext", new Blob([ciphertext], { type: "application/octet-stream" }), "bid.sealed");
    body.append("sha256", digest);
    body.append("salt", b64(salt));
    body.append("iv", b64(iv));
    body.append("iterations", String(ITERATIONS));
    const response = await fetch(form.dataset.uploadUrl, { method: "POST", body, credentials: "same-origin" });
    const result = await response.json();
    if (!response.ok || result.error) {
        throw new Error(result.error || `HTTP ${response.status}`);
    }
    if (result.sha256 !== digest) {
        throw new Error(_t("The receipt does not match the bid sent: submit it again."));
    }
    return result;
}

export async function decryptBid(form) {
    const pass = new FormData(form).get("passphrase") || "";
    const response = await fetch(form.dataset.ciphertextUrl, { credentials: "same-origin" });
    if (!response.ok) {
        throw new Error(`HTTP ${response.status}`);
    }
    const ciphertext = new Uint8Array(await response.arrayBuffer());
    const key = await deriveKey(pass, unb64(form.dataset.salt), parseInt(form.dataset.iterations, 10));
    let plain;
    try {
        plain = await crypto.subtle.decrypt({ name: "AES-GCM", iv: unb64(form.dataset.iv) }, key, ciphertext);
    } catch {
        throw new Error(_t("Wrong passphrase: this key does not open your bid."));
    }
    const content = JSON.parse(new TextDecoder().decode(plain));
    const raw = new Uint8Array(await crypto.subtle.exportKey("raw", key));
    const body = new FormData();
    body.append("csrf_token", form.dataset.csrf);
    body.append("key", b64(raw));
    const res = await fetch(form.dataset.decryptUrl, { method: "POST", body, credentials: "same-origin" });
    const result = await res.json();
    if (!res.ok || result.error) {
        throw new Error(result.error || `HTTP ${res.status}`);
    }
    return { content, result };
}

document.addEventListener(
    "submit",
    async (ev) => {
        const form = ev.target;
        if (!(form instanceof HTMLFormElement)) {
            return;
        }
        const sealing = form.classList.contains("o_gov_sealed_bid");
        const decrypting = form.classList.contains("o_gov_decrypt_bid");
        if (!sealing && !decrypting) {
            return;
        }
        ev.preventDefault();
        ev.stopPropagation();
        const button = form.querySelector("button[type=submit]");
        button.disabled = true;
        try {
            if (sealing) {
                status(form, _t("Encrypting…"), "info");
                const r = await sealBid(form);
                status(
                    form,
                    _t("Receipt %(receipt)s · SHA-256 %(sha)s · received %(time)s", {
                        receipt: r.receipt,
                        sha: r.sha256,
                        time: r.received,
                    }),
                    "success"
                );
                form.querySelector(".o_gov_bid_status").classList.add("o_gov_bid_receipt");
            } else {
                status(form, _t("Decrypting…"), "info");
                const { result } = await decryptBid(form);
                status(form, _t("Decrypted. %(summary)s", { summary: result.summary || "" }), "success");
                form.querySelector(".o_gov_bid_status").classList.add("o_gov_bid_decrypted");
            }
        } catch (error) {
            status(form, error.message || String(error), "danger");
        } finally {
            button.disabled = false;
        }
    },
    true
);
