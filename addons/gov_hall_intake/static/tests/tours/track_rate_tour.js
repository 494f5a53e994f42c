import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("gov_hall_intake_track_rate", {
    steps: () => [
        {
            content: "The case status is shown",
            trigger: ".o_gov_track table",
        },
        {
            content: "Choose 满意 (satisfied)",
            trigger: ".o_gov_track input[name='value'][value='4']",
            run: "click",
        },
        {
            content: "Write a comment",
            trigger: ".o_gov_track textarea[name='feedback']",
            run: "edit 窗口服务热情",
        },
        {
            content: "Submit the rating",
            trigger: ".o_gov_track button.btn-success",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The rating is recorded",
            trigger: ".o_gov_track_message",
        },
    ],
});
