import { registry } from "@web/core/registry";

// A hall administrator enters next year's State Council holiday schedule in the form made for it.
registry.category("web_tour.tours").add("gov_hall_calendar_schedule_tour", {
    url: "/odoo/action-gov_hall_base.action_gov_hall_calendar_year",
    steps: () => [
        {
            content: "The calendar years imported from chinese-calendar are listed",
            trigger: ".o_list_renderer .o_data_row",
        },
        {
            content: "Open the Configuration menu",
            trigger: ".o_menu_sections [data-menu-xmlid='gov_hall_base.menu_gov_hall_config']",
            run: "click",
        },
        {
            content: "Enter a holiday schedule",
            trigger: ".dropdown-item[data-menu-xmlid='gov_hall_base.menu_gov_hall_calendar_schedule']",
            run: "click",
        },
        {
            content: "Year 2027",
            trigger: ".modal div[name='year'] input",
            run: "edit 2027",
        },
        {
            content: "The usual holidays are proposed: pick the first one (元旦)",
            trigger: ".modal .o_data_row:first-child td[name='date_from']",
            run: "click",
        },
        {
            content: "Days off from",
            trigger: ".modal .o_data_row:first-child td[name='date_from'] input",
            run: "edit 2027-01-01",
        },
        {
            content: "Days off to",
            trigger: ".modal .o_data_row:first-child td[name='date_to'] input",
            run: "edit 2027-01-03",
        },
        {
            content: "Publish",
            trigger: ".modal footer button[name='action_confirm']",
            run: "click",
        },
        {
            content: "The 2027 calendar is published with its three days off",
            trigger: ".o_form_view .o_field_widget[name='holiday_count']:contains('3')",
        },
    ],
});
