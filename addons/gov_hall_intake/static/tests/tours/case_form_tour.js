import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("gov_hall_intake_case_form", {
    steps: () => [
        {
            content: "Open the case awaiting approval",
            trigger: ".o_list_view .o_data_row td[name='name']:contains('TC')",
            run: "click",
        },
        {
            content: "The form shows the tier validation buttons of the approver",
            trigger: ".o_form_view button[name='validate_tier']",
        },
        {
            content: "The proposal is shown on the decision page",
            trigger: ".o_form_view .o_notebook .nav-link:contains('Decision'), .o_form_view .o_notebook .nav-link:contains('办理决定')",
            run: "click",
        },
        {
            content: "Validate the proposal",
            trigger: ".o_form_view button[name='validate_tier']",
            run: "click",
        },
        {
            content: "The case is decided",
            trigger: ".o_form_view .o_statusbar_status button.o_arrow_button_current[data-value='decided']",
        },
    ],
});
