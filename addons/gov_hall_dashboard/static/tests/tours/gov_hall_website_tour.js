import { registry } from "@web/core/registry";

const MENU = ["首页", "办事指南", "在线办理", "办件查询", "交易公告", "效能投诉", "红旗窗口"];

registry.category("web_tour.tours").add("gov_hall_website_home", {
    url: "/",
    steps: () => [
        {
            content: "the home page is the hall's",
            trigger: "h1.o_gov_hero_title:contains(上饶市行政服务中心)",
        },
        ...MENU.map((name) => ({
            content: `the menu holds ${name}`,
            trigger: `header#top .navbar-nav a.nav-link:contains(${name})`,
        })),
        {
            content: "the month's red-flag windows and the latest announcements are shown",
            trigger: ".o_gov_red_flags .card-header:contains(红旗窗口)",
        },
        {
            content: "the government-site footer",
            trigger: "footer .o_gov_copyright:contains(网站标识码)",
        },
        {
            content: "switch the elder-friendly mode on",
            trigger: ".o_gov_elder_toggle",
            run: "click",
        },
        {
            content: "larger type and higher contrast",
            trigger: "html.o_gov_elder .o_gov_elder_toggle[aria-pressed=true]",
        },
        {
            content: "switch it off again",
            trigger: ".o_gov_elder_toggle",
            run: "click",
        },
        {
            trigger: "html:not(.o_gov_elder) .o_gov_elder_toggle[aria-pressed=false]",
        },
        {
            content: "search an item",
            trigger: ".o_gov_search_input",
            run: "edit 营业执照",
        },
        {
            trigger: ".o_gov_search_button",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "the service guides matching the search",
            trigger: "input[name=search]:value(营业执照)",
        },
        {
            content: "open the case lookup from the menu",
            trigger: "header#top .navbar-nav a.nav-link:contains(办件查询)",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "the case lookup form",
            trigger: "input[name=case_number]",
        },
    ],
});
