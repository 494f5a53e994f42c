import { Interaction } from "@web/public/interaction";
import { registry } from "@web/core/registry";

/** The opening hall before the opening: the time left, then the session opens by itself. */
export class GovOpeningCountdown extends Interaction {
    static selector = ".o_gov_countdown[data-target]";

    start() {
        this.target = Date.parse(this.el.dataset.target);
        this.tick();
        this.timer = setInterval(() => this.tick(), 1000);
        this.registerCleanup(() => clearInterval(this.timer));
    }

    tick() {
        if (!this.target) {
            return;
        }
        const left = Math.max(0, Math.round((this.target - Date.now()) / 1000));
        const days = Math.floor(left / 86400);
        const pad = (n) => String(n).padStart(2, "0");
        const hms = `${pad(Math.floor((left % 86400) / 3600))}:${pad(Math.floor((left % 3600) / 60))}:${pad(left % 60)}`;
        this.el.textContent = days ? `${days} ${hms}` : hms;
        this.el.dataset.secondsLeft = String(left);
        if (left === 0) {
            clearInterval(this.timer);
            window.location.reload();
        }
    }
}

/** The complaint form: the window list shows the windows of the chosen hall only. */
export class GovComplaintWindows extends Interaction {
    static selector = "form[action='/complaint/submit']";
    dynamicContent = {
        "select[name=company_id]": { "t-on-change": this.filter },
    };

    start() {
        this.filter();
    }

    filter() {
        const company = this.el.querySelector("select[name=company_id]")?.value;
        const select = this.el.querySelector("select[name=window_id]");
        if (!select) {
            return;
        }
        for (const option of select.querySelectorAll("option.o_gov_window_option")) {
            const visible = !company || option.dataset.companyId === company;
            option.hidden = !visible;
            option.disabled = !visible;
            if (!visible && option.selected) {
                select.value = "";
            }
        }
    }
}

registry
    .category("public.interactions")
    .add("gov_hall_dashboard.opening_countdown", GovOpeningCountdown)
    .add("gov_hall_dashboard.complaint_windows", GovComplaintWindows);
