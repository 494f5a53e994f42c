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

registry.category("web_tour.tours").add("gov_hall_bidder_objection", {
    steps: () => [
        {
            content: "the objection to the documents sits at its step, none filed, open to file one",
            trigger: ".o_gov_steps_tender .o_gov_step_doc_objection.o_gov_objection_none a.o_gov_objection_file",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "the form is ready for an objection to the documents",
            trigger: ".o_gov_question_form select[name=kind]:has(option[value=doc_objection]:selected)",
        },
        {
            content: "the opening's objection is not open before the opening",
            trigger: ".o_gov_step_opening_objection.o_gov_objection_none:not(:has(a.o_gov_objection_file))",
        },
        {
            trigger: ".o_gov_question_form input[name=name]",
            run: "edit 招标文件资格条件异议",
        },
        {
            trigger: ".o_gov_question_form input[name=body]",
            run: "edit 资格条件中的业绩要求排斥潜在投标人",
        },
        {
            trigger: ".o_gov_question_form button[type=submit]",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "the confirmation, and the step says filed",
            trigger: ".o_gov_message",
        },
        {
            trigger: ".o_gov_step_doc_objection.o_gov_objection_filed",
        },
    ],
});

registry.category("web_tour.tours").add("gov_hall_listing_steps", {
    steps: () => [
        {
            content: "a listing's own steps: the application done",
            trigger: ".o_gov_steps_listing .o_gov_step_registration.o_gov_step_done",
        },
        {
            trigger: ".o_gov_steps_listing .o_gov_step_confirmation",
        },
        {
            trigger: ".o_gov_steps_listing .o_gov_step_current",
        },
        {
            content: "no tender step on a listing",
            trigger: ".o_gov_steps_listing:not(:has(.o_gov_step_bid, .o_gov_step_objection))",
        },
        {
            content: "the listing page shows the same steps",
            trigger: "a.o_gov_listing_link",
            run: "click",
            expectUnloadPage: true,
        },
        {
            trigger: ".o_gov_trading_listing .o_gov_steps_listing .o_gov_step_quote",
        },
    ],
});
