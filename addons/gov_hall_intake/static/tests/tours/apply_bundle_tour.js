import { registry } from "@web/core/registry";

function uploadPdf(name) {
    return function () {
        const dt = new DataTransfer();
        dt.items.add(new File(["%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"], name, { type: "application/pdf" }));
        this.anchor.files = dt.files;
    };
}

function uploadRow(n) {
    const row = `table.o_gov_bundle_materials tbody tr:nth-child(${n})`;
    return [
        {
            content: `Choose the file of material ${n}`,
            trigger: `${row} form.o_gov_upload input[type='file']`,
            run: uploadPdf(`material_${n}.pdf`),
        },
        {
            content: `Upload material ${n}`,
            trigger: `${row} form.o_gov_upload button`,
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: `Material ${n} is listed`,
            trigger: `${row} td:nth-child(3) div`,
        },
    ];
}

registry.category("web_tour.tours").add("gov_hall_apply_bundle", {
    steps: () => [
        {
            content: "The online hall offers the bundle",
            trigger: "a.o_gov_apply_bundle:contains('开办餐饮店')",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The items and their steps are listed",
            trigger: "table.o_gov_bundle_items tbody tr:nth-child(3)",
        },
        {
            content: "Start the application",
            trigger: "button.o_gov_apply_bundle_create",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "One form: three materials for three items (the shared one asked once)",
            trigger: "table.o_gov_bundle_materials tbody:not(:has(tr:nth-child(4))) tr:nth-child(3)",
        },
        ...uploadRow(1),
        ...uploadRow(2),
        ...uploadRow(3),
        {
            content: "Submit the application",
            trigger: "button.o_gov_apply_bundle_submit",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "It is received",
            trigger: ".o_gov_bundle_state[data-state='received']",
        },
    ],
});

registry.category("web_tour.tours").add("gov_hall_apply_bundle_rate", {
    steps: () => [
        {
            content: "Every item is decided",
            trigger: ".o_gov_bundle_state[data-state='done']",
        },
        {
            content: "Rate the bundle once",
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
            trigger: ".o_gov_bundle_rated",
        },
    ],
});
