import { _t } from "@web/core/l10n/translation";
import { registry } from "@web/core/registry";
import { useService } from "@web/core/utils/hooks";
import { standardWidgetProps } from "@web/views/widgets/standard_widget_props";

import { WORKER_STATE } from "@bus/workers/websocket_worker";
import { Component, onMounted, onWillStart, onWillUnmount, useEffect, useState } from "@odoo/owl";

/**
 * The host's live view in the form of a session: price, leading paddle and the server's countdown, pushed on
 * the session's bus channel; the form reloads on every event so the bid list and the buttons follow.
 */
export class GovAuctionHostLive extends Component {
    static template = "gov_public_resource_trading.AuctionHostLive";
    static props = { ...standardWidgetProps };

    setup() {
        this.bus = useService("bus_service");
        // the web client's bus is usually connected before this form opens: its worker's state says so
        this.busState = useState(this.bus);
        this.state = useState({ live: null, countdown: "--:--" });
        this.deadline = null;
        this.onNotification = (payload) => {
            if (payload.id === this.props.record.resId) {
                this.apply(payload);
                this.props.record.load();
            }
        };
        this.onConnect = () => {
            this.refresh();
        };
        onWillStart(async () => {
            if (!this.props.record.resId) {
                return;
            }
            this.channel = `gov_trading_auction:${this.props.record.resId}`;
            this.bus.subscribe("gov_trading_auction/state", this.onNotification);
            this.bus.addEventListener("BUS:CONNECT", this.onConnect);
            this.bus.addEventListener("BUS:RECONNECT", this.onConnect);
            this.bus.addChannel(this.channel);
            await this.refresh();
        });
        // the host's own actions reload the form: the live view follows at once, without waiting for the bus
        let first = true;
        useEffect(
            () => {
                if (first) {
                    first = false;
                } else if (this.channel) {
                    this.refresh();
                }
            },
            () => [this.props.record.data.state, this.props.record.data.increment]
        );
        onMounted(() => {
            this.timer = setInterval(() => this.tick(), 250);
        });
        onWillUnmount(() => {
            clearInterval(this.timer);
            if (this.channel) {
                this.bus.unsubscribe("gov_trading_auction/state", this.onNotification);
                this.bus.removeEventListener("BUS:CONNECT", this.onConnect);
                this.bus.removeEventListener("BUS:RECONNECT", this.onConnect);
                this.bus.deleteChannel(this.channel);
            }
        });
    }

    async refresh() {
        const response = await fetch(`/trading/auction/${this.props.record.resId}/state`, {
            method: "POST",
            headers: { "Content-Type": "application/json" },
            body: "{}",
        });
        const answer = await response.json();
        if (answer.state) {
            this.apply(answer.state);
        }
    }

    apply(live) {
        this.state.live = live;
        this.deadline = performance.now() + live.remaining * 1000;
        this.tick();
    }

    tick() {
        const live = this.state.live;
        if (!live) {
            return;
        }
        const left = live.state === "running" ? Math.max((this.deadline - performance.now()) / 1000, 0) : live.remaining;
        const seconds = Math.ceil(left);
        this.state.countdown = `${String(Math.floor(seconds / 60)).padStart(2, "0")}:${String(seconds % 60).padStart(2, "0")}`;
    }

    format(amount) {
        return (amount || 0).toLocaleString("zh-CN", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
    }

    get connected() {
        return this.busState.workerState === WORKER_STATE.CONNECTED;
    }

    get stateLabel() {
        const labels = {
            draft: _t("Draft"),
            running: _t("Running"),
            paused: _t("Paused"),
            ended: _t("Countdown over"),
            closed: _t("Closed"),
            cancel: _t("Cancelled"),
        };
        return this.state.live ? labels[this.state.live.state] || this.state.live.state : "";
    }
}

registry.category("view_widgets").add("gov_auction_host_live", { component: GovAuctionHostLive });
