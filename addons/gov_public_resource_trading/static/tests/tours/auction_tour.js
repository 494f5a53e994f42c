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
