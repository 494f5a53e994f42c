import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("gov_complaint_web_form", {
    url: "/complaint",
    steps: () => [
        {
            content: "Type a subject",
            trigger: "input[name=title]",
            run: "edit 窗口人员态度生硬",
        },
        {
            content: "Type the facts with a script in it",
            trigger: "textarea[name=facts]",
            run: "edit <script>alert(1)</script>人社局窗口工作人员态度生硬，不解释所缺材料。",
        },
        {
            content: "Give a name but forget the phone",
            trigger: "input[name=complainant_name]",
            run: "edit 钱女士",
        },
        {
            content: "Submit",
            trigger: "form[action='/complaint/submit'] button[type=submit]",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "A clear message, and what was typed is still there",
            trigger: ".o_complaint_errors",
        },
        {
            trigger: "input[name=complainant_phone].is-invalid",
        },
        {
            trigger: "input[name=title]:value(窗口人员态度生硬)",
        },
        {
            trigger: "textarea[name=facts]:value(<script>alert(1)</script>人社局窗口工作人员态度生硬，不解释所缺材料。)",
        },
        {
            content: "Add the phone",
            trigger: "input[name=complainant_phone]",
            run: "edit 13907930003",
        },
        {
            content: "Submit again",
            trigger: "form[action='/complaint/submit'] button[type=submit]",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The complaint number and query code are shown",
            trigger: ".o_complaint_done .o_complaint_number:contains(TS)",
        },
        {
            trigger: ".o_complaint_done .o_complaint_code",
        },
    ],
});

registry.category("web_tour.tours").add("gov_complaint_backend_register", {
    url: "/odoo/action-gov_complaints.action_gov_complaint",
    steps: () => [
        {
            content: "Open the complaint received on the website",
            trigger: ".o_data_row td:contains(巡回测试投诉)",
            run: "click",
        },
        {
            content: "Register it",
            trigger: ".o_form_view button[name=action_register]",
            run: "click",
        },
        {
            content: "It is registered and its opinion deadline runs",
            trigger: ".o_form_view .o_statusbar_status button.o_arrow_button_current[data-value=registered]",
        },
    ],
});
