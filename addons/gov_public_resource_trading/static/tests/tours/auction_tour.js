import { registry } from "@web/core/registry";

// one bidder's screen of a live auction: it bids, sees its bid accepted and itself leading, then sees the
// push of another bidder's higher bid (made by the test from Python while this step waits): outbid
registry.category("web_tour.tours").add("gov_trading_auction_bidder", {
    steps: () => [
        { trigger: ".o_gov_auction .o_gov_auction_price:contains(8,000,000.00)" },
        { trigger: ".o_gov_auction .o_gov_auction_connection.bg-success", timeout: 20000 },
        {
            // the bus worker subscribes to the session's channel right after it connects
            trigger: ".o_gov_auction_amount",
            run: async () => await new Promise((resolve) => setTimeout(resolve, 2000)),
        },
        { trigger: ".o_gov_auction_amount", run: "edit 8100000" },
        { trigger: ".o_gov_auction_submit", run: "click" },
        { trigger: ".o_gov_auction_message.o_gov_auction_accepted" },
        { trigger: ".o_gov_auction_you_lead:not(.d-none)" },
        { trigger: ".o_gov_auction_price:contains(8,100,000.00)" },
        // the other bidder's bid arrives over the bus
        { trigger: ".o_gov_auction_message.o_gov_auction_outbid", timeout: 30000 },
        { trigger: ".o_gov_auction_price:contains(8,200,000.00)" },
        { trigger: ".o_gov_auction:not(:has(.o_gov_auction_you_lead:visible))" },
        { trigger: ".o_gov_auction_submit:not(:disabled)" },
    ],
});

// the host's screen (backend form of the session): start, pause with a reason, resume with a reason, change
// the increment, close too early (refused), close after the countdown (the test moves the server's clock)
registry.category("web_tour.tours").add("gov_trading_auction_host", {
    steps: () => [
        { trigger: ".o_form_view button[name=action_start]", run: "click" },
        { trigger: ".o_gov_auction_host[data-state=running]" },
        { trigger: ".o_gov_auction_host .o_gov_auction_host_price:contains(5,000,000.00)" },
        // the web client's bus was connected before the form opened: the live view says live at once
        { trigger: ".o_gov_auction_host .badge.text-bg-success", timeout: 20000 },
        // a pause needs its reason
        { trigger: ".o_form_view button[name=action_pause]", run: "click" },
        // (the user's language: Chinese)
        { trigger: ".modal .o_error_dialog:contains(请填写暂停或恢复的理由)" },
        { trigger: ".modal .o_error_dialog .modal-footer .btn-primary", run: "click" },
        { trigger: "body:not(:has(.modal))" },
        { trigger: ".o_form_view div[name=host_reason] input", run: "edit 网络故障，暂停竞价" },
        { trigger: ".o_form_view button[name=action_pause]", run: "click" },
        { trigger: ".o_form_view button[name=action_resume]" },
        { trigger: ".o_gov_auction_host[data-state=paused]" },
        { trigger: ".o_form_view div[name=host_reason] input", run: "edit 网络恢复，继续竞价" },
        { trigger: ".o_form_view button[name=action_resume]", run: "click" },
        { trigger: ".o_form_view button[name=action_pause]" },
        { trigger: ".o_gov_auction_host[data-state=running]" },
        // the new increment
        { trigger: ".o_form_view div[name=increment_next] input", run: "edit 100000" },
        { trigger: ".o_form_view button[name=action_change_increment]", run: "click" },
        { trigger: ".o_form_view div[name=increment]:contains(100,000.00)" },
        // too early: the countdown still runs
        { trigger: ".o_form_view button[name=action_close]", run: "click" },
        { trigger: ".modal:not(:has(.o_error_dialog)) .modal-footer .btn-primary", run: "click" },
        { trigger: ".modal .o_error_dialog:contains(倒计时至)" },
        { trigger: ".modal .o_error_dialog .modal-footer .btn-primary", run: "click" },
        { trigger: "body:not(:has(.modal))" },
        // the test's clock passes the end: the host closes
        { trigger: ".o_form_view button[name=action_close]", run: "click" },
        { trigger: ".modal:not(:has(.o_error_dialog)) .modal-footer .btn-primary", run: "click" },
        { trigger: ".o_form_view:not(:has(button[name=action_close]))" },
        { trigger: ".o_gov_auction_host[data-state=closed]" },
    ],
});
