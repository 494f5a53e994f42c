import { registry } from "@web/core/registry";

function uploadPdf(name) {
    return function () {
        const dt = new DataTransfer();
        dt.items.add(new File(["%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"], name, { type: "application/pdf" }));
        this.anchor.files = dt.files;
    };
}

registry.category("web_tour.tours").add("gov_hall_apply_start", {
    steps: () => [
        {
            content: "The guide of an online item offers to apply online",
            trigger: "a.o_gov_apply_online",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "Start the application as oneself",
            trigger: "button.o_gov_apply_create",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "Choose the scan of the ID card",
            trigger: "table.o_gov_materials tbody tr:first-child form.o_gov_upload input[type='file']",
            run: uploadPdf("id_card.pdf"),
        },
        {
            content: "Upload it",
            trigger: "table.o_gov_materials tbody tr:first-child form.o_gov_upload button",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The upload is listed",
            trigger: ".o_gov_apply_message",
        },
        {
            content: "Submit the application",
            trigger: "button.o_gov_apply_submit",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "It is received",
            trigger: ".o_gov_apply_state[data-state='draft']",
        },
    ],
});

registry.category("web_tour.tours").add("gov_hall_prereview_backend", {
    steps: () => [
        {
            content: "Open the online application",
            trigger: ".o_list_view .o_data_row .o_data_cell",
            run: "click",
        },
        {
            content: "Pre-review it",
            trigger: ".o_form_view button[name='action_open_prereview_wizard']",
            run: "click",
        },
        {
            content: "The materials are listed",
            trigger: ".modal .o_field_widget[name='line_ids'] .o_data_row",
        },
        {
            content: "Issue the one-time notice",
            trigger: ".modal button[name='action_notice']",
            run: "click",
        },
        {
            content: "The case waits for the supplement",
            trigger: ".o_form_view:not(:has(.modal)) .o_statusbar_status button.o_arrow_button_current[data-value='supplement']",
        },
    ],
});

registry.category("web_tour.tours").add("gov_hall_apply_supplement", {
    steps: () => [
        {
            content: "The one-time notice is shown",
            trigger: ".o_gov_notice",
        },
        {
            content: "Choose the photo",
            trigger: "table.o_gov_materials form.o_gov_upload input[type='file']",
            run: uploadPdf("photo.pdf"),
        },
        {
            content: "Upload it",
            trigger: "table.o_gov_materials form.o_gov_upload button",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "Send the supplement",
            trigger: "button.o_gov_apply_supplement",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The supplement is received",
            trigger: ".o_gov_apply_message",
        },
    ],
});

registry.category("web_tour.tours").add("gov_hall_apply_track_rate", {
    steps: () => [
        {
            content: "The timeline shows the acceptance and the delivery",
            trigger: ".o_gov_timeline li:nth-child(4)",
        },
        {
            content: "Rate the service",
            trigger: ".o_gov_rate select[name='value']",
            run: "select 5",
        },
        {
            content: "Submit the rating",
            trigger: ".o_gov_rate button.o_gov_rate_submit",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The rating is recorded",
            trigger: ".o_gov_track_message",
        },
    ],
});
