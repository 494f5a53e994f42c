import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("gov_hall_citizen_rating", {
    steps: () => [
        {
            content: "the case page offers the rating form",
            trigger: ".o_gov_case_rating .o_gov_rating_form",
        },
        {
            content: "very satisfied",
            trigger: "label[for=gov_rate_5]",
            run: "click",
        },
        {
            trigger: "textarea[name=feedback]",
            run: "edit 窗口服务热情周到",
        },
        {
            trigger: ".o_gov_rating_submit",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "the confirmation, and the case is rated once",
            trigger: ".o_gov_message",
        },
        {
            trigger: ".o_gov_rated",
        },
    ],
});

registry.category("web_tour.tours").add("gov_hall_bidder_steps", {
    steps: () => [
        {
            content: "the confirmation of the registration",
            trigger: ".o_gov_message",
        },
        {
            content: "the bidder's step bar: registration done, one current step",
            trigger: ".o_gov_steps .o_gov_step_registration.o_gov_step_done",
        },
        {
            trigger: ".o_gov_steps .o_gov_step_current",
        },
        {
            content: "the opening hall before the opening",
            trigger: ".o_gov_opening_hall_link",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "counts down to the opening",
            trigger: ".o_gov_countdown[data-seconds-left]",
        },
    ],
});
