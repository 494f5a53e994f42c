import { _t } from "@web/core/l10n/translation";
import { registry } from "@web/core/registry";
import { Interaction } from "@web/public/interaction";

/**
 * The bidder's screen of a live auction. The server is the only clock and the only judge: the screen shows
 * the state the server pushes on the session's bus channel (every bid, pause, increment change, close) and
 * fetches the whole state again whenever the bus (re)connects, so a network drop never leaves it behind.
 * Bids go to the server, which answers this bidder only (accepted, or the reason of the refusal).
 */
export class GovTradingAuctionScreen extends Interaction {
    static selector = ".o_gov_auction";
    dynamicContent = {
        ".o_gov_auction_submit": { "t-on-click": this.locked(this.onBid, true) },
    };

    setup() {
        this.auctionId = parseInt(this.el.dataset.auctionId);
        this.paddle = this.el.dataset.paddle;
        this.channel = this.el.dataset.channel;
        this.busType = this.el.dataset.busType;
        this.state = null;
        this.deadline = null; // performance.now() at which the countdown ends, from the server's remaining time
        this.wasLeader = false;
    }

    async willStart() {
        const bus = this.services.bus_service;
        this.onNotification = (payload) => {
            if (payload.id === this.auctionId) {
                this.apply(payload);
            }
        };
        bus.subscribe(this.busType, this.onNotification);
        const refresh = () => this.setConnection(true) || this.refresh();
        bus.addEventListener("BUS:CONNECT", refresh);
        bus.addEventListener("BUS:RECONNECT", refresh);
        const lost = () => this.setConnection(false);
        bus.addEventListener("BUS:DISCONNECT", lost);
        bus.addEventListener("BUS:RECONNECTING", lost);
        this.registerCleanup(() => {
            bus.unsubscribe(this.busType, this.onNotification);
            bus.removeEventListener("BUS:CONNECT", refresh);
            bus.removeEventListener("BUS:RECONNECT", refresh);
            bus.removeEventListener("BUS:DISCONNECT", lost);
            bus.removeEventListener("BUS:RECONNECTING", lost);
        });
        bus.addChannel(this.channel);
        await this.refresh();
    }

    start() {
        const timer = setInterval(() => this.tick(), 250);
        // the state again every 30 seconds: the clock stays the server's even without any event
        const heartbeat = setInterval(() => this.refresh(), 30000);
        this.registerCleanup(() => {
            clearInterval(timer);
            clearInterval(heartbeat);
        });
    }

    async post(path, body) {
        const response = await fetch(`/trading/auction/${this.auctionId}/${path}`, {
            method: "POST",
            headers: { "Content-Type": "application/json" },
            body: JSON.stringify(body || {}),
            credentials: "same-origin",
        });
        return response.json();
    }

    async refresh() {
        try {
            const answer = await this.waitFor(this.post("state"));
            if (answer.state) {
                this.apply(answer.state);
            }
        } catch {
            this.setConnection(false);
        }
    }

    setConnection(connected) {
        const badge = this.el.querySelector(".o_gov_auction_connection");
        if (badge) {
            badge.textContent = connected ? _t("live") : _t("reconnecting");
            badge.classList.toggle("bg-success", connected);
            badge.classList.toggle("bg-secondary", !connected);
        }
    }

    format(amount) {
        return (amount || 0).toLocaleString("zh-CN", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
    }

    apply(state) {
        if (this.state && state.sequence < this.state.sequence && state.event !== "state") {
            return; // an older push arriving late
        }
        const previous = this.state;
        this.state = state;
        this.deadline = performance.now() + state.remaining * 1000;
        const el = this.el;
        el.querySelector(".o_gov_auction_price").textContent = this.format(state.current_price);
        el.querySelector(".o_gov_auction_leader").textContent = state.leader_paddle || "-";
        el.querySelector(".o_gov_auction_increment").textContent = this.format(state.increment);
        const labels = {
            draft: _t("Draft"),
            running: _t("Running"),
            paused: _t("Paused"),
            ended: _t("Countdown over"),
            closed: _t("Closed"),
            cancel: _t("Cancelled"),
        };
        el.querySelector(".o_gov_auction_state").textContent = labels[state.state] || state.state;
        const leads = Boolean(this.paddle) && state.leader_paddle === this.paddle;
        el.querySelector(".o_gov_auction_you_lead").classList.toggle("d-none", !leads);
        const amount = el.querySelector(".o_gov_auction_amount");
        if (amount && (!previous || previous.next_price !== state.next_price || document.activeElement !== amount)) {
            amount.value = state.next_price.toFixed(2);
            amount.step = state.increment;
        }
        const button = el.querySelector(".o_gov_auction_submit");
        if (button) {
            button.disabled = state.state !== "running" || leads;
        }
        if (this.wasLeader && !leads && state.leader_paddle) {
            this.message(
                "warning",
                _t("Outbid: paddle %(paddle)s bid %(amount)s.", {
                    paddle: state.leader_paddle,
                    amount: this.format(state.current_price),
                }),
                "o_gov_auction_outbid"
            );
        }
        this.wasLeader = leads;
        const result = el.querySelector(".o_gov_auction_result");
        if (state.state === "closed") {
            result.classList.remove("d-none");
            result.textContent =
                state.result === "deal"
                    ? _t("Closed: paddle %(paddle)s wins at %(amount)s.", {
                          paddle: state.winner_paddle,
                          amount: this.format(state.final_price),
                      })
                    : state.result === "no_deal"
                      ? _t("Closed: no deal.")
                      : _t("Closed: the listing decides the result.");
        }
        const tbody = el.querySelector(".o_gov_auction_bids");
        tbody.replaceChildren(
            ...state.bids.map((bid) => {
                const tr = document.createElement("tr");
                for (const [value, cls] of [
                    [bid.sequence, ""],
                    [bid.paddle, bid.paddle === this.paddle ? "fw-bold" : ""],
                    [this.format(bid.amount), "text-end"],
                ]) {
                    const td = document.createElement("td");
                    td.textContent = value;
                    if (cls) {
                        td.className = cls;
                    }
                    tr.appendChild(td);
                }
                return tr;
            })
        );
        this.tick();
    }

    tick() {
        const el = this.el.querySelector(".o_gov_auction_countdown");
        if (!this.state || !el) {
            return;
        }
        let left = this.state.remaining;
        if (this.state.state === "running") {
            left = Math.max((this.deadline - performance.now()) / 1000, 0);
        }
        const seconds = Math.ceil(left);
        const mm = String(Math.floor(seconds / 60)).padStart(2, "0");
        const ss = String(seconds % 60).padStart(2, "0");
        el.textContent = `${mm}:${ss}`;
        el.classList.toggle("text-danger", this.state.state === "running" && seconds <= 30);
    }

    message(kind, text, extraClass) {
        const box = this.el.querySelector(".o_gov_auction_message");
        if (!box) {
            return;
        }
        box.className = `alert mt-2 o_gov_auction_message alert-${kind} ${extraClass || ""}`;
        box.textContent = text;
    }

    async onBid() {
        const input = this.el.querySelector(".o_gov_auction_amount");
        const amount = parseFloat(input.value);
        const answer = await this.waitFor(this.post("bid", { amount }));
        if (answer.state) {
            this.apply(answer.state);
        }
        if (answer.ok) {
            this.wasLeader = true;
            this.message("success", answer.message, "o_gov_auction_accepted");
        } else {
            this.message("danger", answer.message || _t("The bid could not be sent."), "o_gov_auction_refused");
        }
    }
}

registry.category("public.interactions").add("gov_public_resource_trading.auction_screen", GovTradingAuctionScreen);
