{
    "name": "Government Service Hall: Website, Workbench and Dashboards",
    "summary": "The hall's own public website (政务服务网站), a workbench per role and spreadsheet dashboards "
    "(electronic supervision, intake, trading, complaints, assessment)",
    "version": "19.0.1.0.0",
    "category": "Services/Government Service Hall",
    "license": "AGPL-3",
    "author": "Gov Hall Suite",
    "website": "https://example.org/gov-hall-suite",
    "depends": [
        "gov_hall_base",
        "gov_hall_intake",
        "gov_public_resource_trading",
        "gov_complaints",
        "gov_staff_assessment",
        "website",
        "spreadsheet_dashboard",
    ],
    "data": [
        "data/dashboards.xml",
        "data/workbench_actions.xml",
        "views/search_views.xml",
        "views/res_groups_views.xml",
        "views/polish_views.xml",
        "views/intake_wizard_views.xml",
        "views/website_layout.xml",
        "views/website_home.xml",
        "views/website_errors.xml",
        "views/portal_journeys.xml",
        "data/website_data.xml",
    ],
    "demo": ["demo/gov_hall_dashboard_demo.xml"],
    "assets": {
        "web.assets_frontend": [
            "gov_hall_dashboard/static/src/scss/hall_website.scss",
            "gov_hall_dashboard/static/src/js/elder_mode.js",
            "gov_hall_dashboard/static/src/js/journeys.js",
        ],
        # the dashboards on a phone: figures one under the other, nothing scrolling sideways
        "spreadsheet.o_spreadsheet": ["gov_hall_dashboard/static/src/dashboard/*.js"],
        "web.assets_tests": ["gov_hall_dashboard/static/tests/tours/*.js"],
    },
    "installable": True,
}
