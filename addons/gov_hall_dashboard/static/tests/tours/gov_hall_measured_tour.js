import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("gov_hall_measured_cells", {
    steps: () => [
        {
            content: "a month without ratings: its satisfaction reads a dash, not 0.00",
            trigger: ".o_list_view .o_data_row td[name=satisfaction] .o_gov_unmeasured:contains(—)",
        },
        {
            content: "a month rated and found unsatisfying still reads 0.00",
            trigger: ".o_list_view .o_data_row td[name=satisfaction]:not(:has(.o_gov_unmeasured)):contains(0.00)",
        },
    ],
});
