import { registry } from "@web/core/registry";

const LOT = "旅游公路一标段";
const FRAME = "iframe.o_gov_seal_frame:iframe";

function openSealFrame(linkSelector) {
    const frame = document.createElement("iframe");
    frame.className = "o_gov_seal_frame";
    frame.style.width = "100%";
    frame.style.height = "1200px";
    frame.src = document.querySelector(linkSelector).href;
    document.body.appendChild(frame);
}

function setValue(selector, value) {
    const input = document.querySelector("iframe.o_gov_seal_frame").contentDocument.querySelector(selector);
    input.value = value;
    input.dispatchEvent(new Event("input", { bubbles: true }));
}

registry.category("web_tour.tours").add("gov_trading_account", {
    url: "/my/trading",
    steps: () => [
        { trigger: ".o_gov_account_form input[name=name]", run: "edit 上饶市旅游公路建设有限公司" },
        { trigger: ".o_gov_account_form input[name=uscc]", run: "edit 91361100MA35X7Y80A" },
        { trigger: ".o_gov_account_form input[name=legal_representative]", run: "edit 张三" },
        { trigger: ".o_gov_account_form button[type=submit]", run: "click", expectUnloadPage: true },
        { trigger: ".o_gov_message" },
        { trigger: ".o_gov_certificate_form input[name=number]", run: "edit D236099999" },
        {
            trigger: ".o_gov_certificate_form input[name=date_expiry]",
            run() {
                document.querySelector(".o_gov_certificate_form input[name=date_expiry]").value = "2030-12-31";
            },
        },
        { trigger: ".o_gov_certificate_form button[type=submit]", run: "click", expectUnloadPage: true },
        { trigger: ".o_gov_message" },
        { trigger: ".o_gov_bidder_state" },
    ],
});

registry.category("web_tour.tours").add("gov_trading_bid", {
    url: "/my/trading",
    steps: () => [
        { trigger: `button.o_gov_register[data-lot="${LOT}"]`, run: "click", expectUnloadPage: true },
        { trigger: ".o_gov_trading_registration" },
        {
            // the browser downloads the document with the bidder's session (logged on the server)
            trigger: "a.o_gov_document",
            async run() {
                const link = document.querySelector("a.o_gov_document");
                const response = await fetch(link.href, { credentials: "same-origin" });
                if (response.ok && (await response.blob()).size > 0) {
                    link.classList.add("o_gov_downloaded");
                }
            },
        },
        { trigger: "a.o_gov_downloaded" },
        { trigger: "input[name=bank_reference]", run: "edit ICBC-20260303-0001" },
        { trigger: ".o_gov_deposit_submit", run: "click", expectUnloadPage: true },
        { trigger: ".o_gov_deposit:contains(ICBC-20260303-0001)" },
        // the sealing page runs alone (its own page, one pinned script); the tour reaches it in a frame
        {
            trigger: "a.o_gov_seal_link",
            run() {
                openSealFrame("a.o_gov_seal_link");
            },
        },
        { trigger: `${FRAME} .o_gov_keygen`, run: "click" },
        { trigger: `${FRAME} .o_gov_signing_registered`, timeout: 30000 },
        { trigger: `${FRAME} .o_gov_seal_form input[name=price]`, run: "edit 11800000" },
        { trigger: `${FRAME} .o_gov_seal_form input[name=duration_days]`, run: "edit 180" },
        { trigger: `${FRAME} .o_gov_seal_form input[name=keep_key]`, run: "click" },
        { trigger: `${FRAME} .o_gov_seal_submit`, run: "click" },
        { trigger: `${FRAME} .o_gov_bid_receipt:contains(TB)`, timeout: 30000 },
        { trigger: `${FRAME} .o_gov_receipt_download:not(.d-none)` },
        // the bidder replaces its bid: a new ticket, a new key, the same signing key
        { trigger: `${FRAME} .o_gov_seal_form input[name=price]`, run: "edit 11750000" },
        { trigger: `${FRAME} .o_gov_seal_form input[name=duration_days]`, run: "edit 170" },
        { trigger: `${FRAME} .o_gov_seal_submit`, run: "click" },
        { trigger: `${FRAME} .o_gov_bid_receipt:contains(TB)`, timeout: 30000 },
        {
            trigger: `${FRAME} .o_gov_key_code`,
            run() {
                const frame = document.querySelector("iframe.o_gov_seal_frame").contentDocument;
                // the test reads the opening key code from the browser's console to open the bid later
                console.log(`GOV_KEY_CODE ${frame.querySelector(".o_gov_key_code").textContent}`);
                window.location.reload();
            },
            expectUnloadPage: true,
        },
        { trigger: ".o_gov_bids .o_gov_bid_state_replaced" },
        { trigger: ".o_gov_bids .o_gov_bid_state_submitted" },
        { trigger: ".o_gov_bids .o_gov_receipt_link" },
    ],
});

registry.category("web_tour.tours").add("gov_trading_decrypt", {
    steps: () => [
        {
            trigger: "a.o_gov_decrypt_link",
            run() {
                openSealFrame("a.o_gov_decrypt_link");
            },
        },
        {
            // a mistyped key code is caught by its check character, in the browser, before anything is sent
            trigger: `${FRAME} .o_gov_decrypt_form input[name=key_code]`,
            run() {
                const code = new URL(window.location.href).searchParams.get("code");
                const chars = code.split("");
                chars[6] = chars[6] === "A" ? "B" : "A";
                setValue(".o_gov_decrypt_form input[name=key_code]", chars.join(""));
            },
        },
        { trigger: `${FRAME} .o_gov_decrypt_submit`, run: "click" },
        { trigger: `${FRAME} .o_gov_decrypt_form .o_gov_bid_status.alert-danger` },
        {
            trigger: `${FRAME} .o_gov_decrypt_form input[name=key_code]`,
            run() {
                setValue(".o_gov_decrypt_form input[name=key_code]",
                    new URL(window.location.href).searchParams.get("code"));
            },
        },
        { trigger: `${FRAME} .o_gov_decrypt_submit`, run: "click" },
        { trigger: `${FRAME} .o_gov_bid_decrypted`, timeout: 30000 },
    ],
});

registry.category("web_tour.tours").add("gov_trading_other_bidder", {
    url: "/my/trading",
    steps: () => [
        { trigger: ".o_gov_trading_portal" },
        { trigger: ".o_gov_trading_portal:not(:has(.o_gov_registrations))" },
        { trigger: `.o_gov_open_lots td:contains(${LOT})` },
    ],
});

registry.category("web_tour.tours").add("gov_trading_backend", {
    steps: () => [
        { trigger: `.o_list_view .o_data_row:contains(${LOT}) td[name=name]`, run: "click" },
        { trigger: ".o_form_view .o_field_widget[name=date_bid_deadline]" },
        { trigger: ".o_form_view .o_field_widget[name=criterion_ids] .o_data_row" },
        { trigger: ".o_form_view button[name=action_open]" },
    ],
});

registry.category("web_tour.tours").add("gov_trading_backend_stats", {
    steps: () => [{ trigger: ".o_pivot_view .o_pivot" }],
});

registry.category("web_tour.tours").add("gov_trading_backend_log", {
    steps: () => [
        { trigger: ".o_list_view .o_data_row" },
        { trigger: "button[name=action_verify_chain]", run: "click" },
        { trigger: ".o_notification.border-success, .o_notification:has(.text-success), .o_notification" },
    ],
});
