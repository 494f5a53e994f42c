{
    "name": "Government Service Hall: Staff and Window Assessment",
    "summary": "Inspections, scoring schemes, monthly and yearly assessment of windows and staff",
    "version": "19.0.1.1.0",
    "category": "Services/Government Service Hall",
    "license": "AGPL-3",
    "author": "Gov Hall Suite",
    "website": "https://example.org/gov-hall-suite",
    "depends": ["gov_hall_base", "gov_hall_intake", "gov_complaints", "website", "report_xlsx"],
    "data": [
        "security/security.xml",
        "security/ir.model.access.csv",
        "data/assessment_data.xml",
        "report/assessment_reports.xml",
        "views/scheme_views.xml",
        "views/event_views.xml",
        "views/inspection_views.xml",
        "views/activity_views.xml",
        "views/month_views.xml",
        "views/year_views.xml",
        "views/inherited_views.xml",
        "views/website_templates.xml",
        "views/menus.xml",
    ],
    "demo": [
        "demo/assessment_demo.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "gov_staff_assessment/static/tests/tours/*.js",
        ],
    },
    "installable": True,
}
