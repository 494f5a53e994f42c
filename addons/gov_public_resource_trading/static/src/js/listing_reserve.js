/* Sealing of a listing's reserve price in the transferor's browser (format gov-reserve/1, the same as
 * tools/reserve_seal.py): a random AES-256-GCM key, nonce and salt; the ciphertext of {"value", "salt"}
 * bound to the listing, and the commitment SHA-256(salt || value). Only the ciphertext, the nonce and the
 * commitment are sent; the key is shown once, for the transferor to keep until the close. */
(function () {
    "use strict";
    const enc = new TextEncoder();
    const hex = (buf) => Array.from(new Uint8Array(buf), (b) => b.toString(16).padStart(2, "0")).join("");
    const b64 = (buf) => btoa(String.fromCharCode(...new Uint8Array(buf)));

    async function seal(listingId, value) {
        const v = Number(value).toFixed(2);
        const key = crypto.getRandomValues(new Uint8Array(32));
        const nonce = crypto.getRandomValues(new Uint8Array(12));
        const salt = crypto.getRandomValues(new Uint8Array(16));
        const plain = enc.encode(JSON.stringify({ value: v, salt: hex(salt) }));
        const aesKey = await crypto.subtle.importKey("raw", key, "AES-GCM", false, ["encrypt"]);
        const ciphertext = await crypto.subtle.encrypt(
            { name: "AES-GCM", iv: nonce, additionalData: enc.encode("gov-reserve/1:" + listingId) }, aesKey, plain);
        const material = new Uint8Array([...salt, ...enc.encode(v)]);
        const commitment = hex(await crypto.subtle.digest("SHA-256", material));
        return { sealed: { format: "gov-reserve/1", ciphertext: b64(ciphertext), nonce: b64(nonce), commitment },
                 key: hex(key) };
    }

    document.addEventListener("DOMContentLoaded", () => {
        const form = document.querySelector(".o_gov_reserve_form");
        if (!form) {
            return;
        }
        form.addEventListener("submit", async (ev) => {
            ev.preventDefault();
            const input = form.querySelector("input[name=reserve]");
            const value = Number(input.value);
            const out = document.querySelector(".o_gov_reserve_result");
            if (!(value > 0)) {
                out.textContent = document.querySelector(".o_gov_reserve_invalid").textContent;
                return;
            }
            const { sealed, key } = await seal(form.dataset.listingId, value);
            input.value = "";  // the value never leaves the browser
            const resp = await fetch(form.action, {
                method: "POST", headers: { "Content-Type": "application/json" },
                body: JSON.stringify({ jsonrpc: "2.0", method: "call", params: { sealed } }),
            });
            const data = await resp.json();
            if (data.error || (data.result && data.result.error)) {
                out.textContent = (data.result && data.result.error) || data.error.data.message;
                return;
            }
            document.querySelector(".o_gov_reserve_key").textContent = key;
            document.querySelector(".o_gov_reserve_done").classList.remove("d-none");
            form.classList.add("d-none");
        });
    });
})();
