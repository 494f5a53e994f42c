import { registry } from "@web/core/registry";

function checkFits() {
    const width = window.innerWidth;
    const figures = [...document.querySelectorAll(".o-figure")];
    if (figures.length < 2) {
        throw new Error("the dashboard shows its figures");
    }
    for (const figure of figures) {
        const box = figure.getBoundingClientRect();
        if (box.right > width + 1 || box.left < -1) {
            throw new Error(`a figure runs off the screen: ${box.left}-${box.right} of ${width}`);
        }
    }
    const scrollbar = document.querySelector(".o-scrollbar.horizontal");
    if (scrollbar && scrollbar.scrollWidth > scrollbar.clientWidth + 1) {
        throw new Error(`the dashboard scrolls sideways: ${scrollbar.scrollWidth} > ${scrollbar.clientWidth}`);
    }
    // one under the other: the charts take the whole width
    const charts = figures.filter((f) => !f.querySelector(".o-scorecard"));
    if (charts.some((f) => f.getBoundingClientRect().width < width * 0.8)) {
        throw new Error("a chart is not as wide as the phone");
    }
}

registry.category("web_tour.tours").add("gov_hall_dashboard_phone", {
    steps: () => [
        {
            content: "the dashboard is loaded with its charts",
            trigger: ".o_spreadsheet_dashboard_action .o-figure canvas",
        },
        {
            content: "nothing runs off the phone's screen",
            trigger: ".o_spreadsheet_dashboard_action .o-figure",
            run: checkFits,
        },
    ],
});
