import { registry } from "@web/core/registry";

// A staff member opens their scored events and appeals one, with a reason.
registry.category("web_tour.tours").add("gov_assessment_appeal_tour", {
    url: "/odoo/action-gov_staff_assessment.action_my_event",
    steps: () => [
        {
            content: "Appeal the first event",
            trigger: ".o_list_view .o_data_row:first button[name='action_appeal']",
            run: "click",
        },
        {
            content: "Give the reason",
            trigger: ".modal div[name='reason'] textarea",
            run: "edit 当时正在为群众引导填表,并非离岗",
        },
        {
            content: "Submit the appeal",
            trigger: ".modal .o_form_button_save",
            run: "click",
        },
        {
            content: "The event is under appeal",
            trigger: ".o_list_view .o_data_row .o_field_badge .text-bg-warning, .o_list_view .o_data_row .badge.text-bg-warning",
        },
    ],
});

// A supervisor records a finding on the phone-sized form of an inspection round.
registry.category("web_tour.tours").add("gov_assessment_inspection_tour", {
    url: "/odoo/action-gov_staff_assessment.action_inspection",
    steps: () => [
        {
            content: "Open the planned round",
            trigger: ".o_list_view .o_data_row:first td.o_data_cell",
            run: "click",
        },
        {
            content: "Inspect on the phone-sized form",
            trigger: ".o_form_view button[name='action_open_mobile']",
            run: "click",
        },
        {
            content: "Open the first check",
            trigger: ".o_kanban_view .o_kanban_record:first",
            run: "click",
        },
        {
            content: "Badge not worn",
            trigger: ".o_form_view div[name='badge'] input",
            run: "click",
        },
        {
            content: "Note",
            trigger: ".o_form_view div[name='note'] input",
            run: "edit 未佩戴工作牌",
        },
        {
            content: "Save and go to the next check",
            trigger: ".o_form_view button[name='action_save_next']",
            run: "click",
        },
        {
            content: "The next check is open, clean",
            trigger: ".o_form_view div[name='badge'] input:checked",
        },
    ],
});
