import { registry } from "@web/core/registry";
import { stepUtils } from "@web_tour/tour_utils";

registry.category("web_tour.tours").add("gov_hall_intake_receive", {
    url: "/odoo",
    steps: () => [
        stepUtils.showAppsMenuItem(),
        {
            content: "Open the service hall",
            trigger: ".o_app[data-menu-xmlid='gov_hall_base.menu_gov_hall_root']",
            run: "click",
        },
        {
            content: "The case list opens",
            trigger: ".o_list_view, .o_view_nocontent",
        },
        {
            content: "Open the Cases menu",
            trigger: ".o-dropdown[data-menu-xmlid='gov_hall_intake.menu_gov_hall_intake_root']",
            run: "click",
        },
        {
            content: "Receive an application",
            trigger: ".o-dropdown-item[data-menu-xmlid='gov_hall_intake.menu_gov_hall_intake_receive']",
            run: "click",
        },
        {
            content: "Type the applicant",
            trigger: ".modal .o_field_widget[name='applicant_id'] input",
            run: "edit 周建国",
        },
        {
            content: "Pick the applicant",
            trigger: ".o-autocomplete--dropdown-item a:contains('周建国')",
            run: "click",
        },
        {
            content: "Type the item",
            trigger: ".modal .o_field_widget[name='item_id'] input",
            run: "edit RS-01",
        },
        {
            content: "Pick the item",
            trigger: ".o-autocomplete--dropdown-item a:contains('RS-01')",
            run: "click",
        },
        {
            content: "The material check lists the item's materials",
            trigger: ".modal .o_field_widget[name='line_ids'] .o_data_row:nth-child(3)",
        },
        {
            content: "Edit the ID card line",
            trigger: ".modal .o_field_widget[name='line_ids'] .o_data_row:nth-child(1) td[name='received']",
            run: "click",
        },
        {
            content: "Tick the ID card as received",
            trigger: ".modal .o_field_widget[name='line_ids'] .o_data_row:nth-child(1).o_selected_row td[name='received'] input",
            run: function () {
                if (!this.anchor.checked) {
                    this.anchor.click();
                }
            },
        },
        {
            content: "Edit the photo line",
            trigger: ".modal .o_field_widget[name='line_ids'] .o_data_row:nth-child(2) td[name='received']",
            run: "click",
        },
        {
            content: "Tick the photo as received",
            trigger: ".modal .o_field_widget[name='line_ids'] .o_data_row:nth-child(2).o_selected_row td[name='received'] input",
            run: function () {
                if (!this.anchor.checked) {
                    this.anchor.click();
                }
            },
        },
        {
            content: "Accept the application",
            trigger: ".modal footer button[name='action_accept']",
            run: "click",
        },
        {
            content: "The wizard closes once the acceptance notice is issued",
            trigger: "body:not(:has(.modal))",
        },
    ],
});
