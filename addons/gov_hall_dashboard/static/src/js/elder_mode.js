import { Interaction } from "@web/public/interaction";
import { registry } from "@web/core/registry";

const KEY = "gov_hall_elder_mode";

/**
 * The elder-friendly mode of the hall's site (适老化, GB/T 37668-2019 in spirit): larger type, higher
 * contrast, wider spacing. The visitor's choice is kept in the browser (localStorage).
 */
export class GovElderMode extends Interaction {
    static selector = ".o_gov_elder_toggle";
    dynamicContent = {
        _root: {
            "t-on-click": this.toggle,
            "t-att-aria-pressed": () => String(this.enabled),
        },
    };

    setup() {
        this.enabled = window.localStorage.getItem(KEY) === "1";
        this.apply();
    }

    apply() {
        document.documentElement.classList.toggle("o_gov_elder", this.enabled);
    }

    toggle() {
        this.enabled = !this.enabled;
        window.localStorage.setItem(KEY, this.enabled ? "1" : "0");
        this.apply();
    }
}

registry.category("public.interactions").add("gov_hall_dashboard.elder_mode", GovElderMode);
