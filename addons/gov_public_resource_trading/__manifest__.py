{
    "name": "Government Service Hall: Public Resource Trading",
    "summary": "Tenders and procurement from announcement to award, with sealed bids on the portal",
    "version": "19.0.1.0.0",
    "category": "Services/Government Service Hall",
    "license": "AGPL-3",
    "author": "Gov Hall Suite",
    "website": "https://example.org/gov-hall-suite",
    "depends": ["gov_hall_base", "website", "portal", "report_xlsx"],
    "external_dependencies": {"python": ["cryptography"]},
    "data": [
        "security/ir.model.access.csv",
        "security/trading_security.xml",
        "data/trading_data.xml",
        "report/trading_reports.xml",
        "views/trading_project_views.xml",
        "views/trading_announcement_views.xml",
        "views/trading_bidder_views.xml",
        "views/trading_expert_views.xml",
        "views/website_templates.xml",
        "views/portal_templates.xml",
        "views/menus.xml",
    ],
    "demo": ["demo/trading_demo.xml"],
    "assets": {
        "web.assets_frontend": [
            "gov_public_resource_trading/static/src/js/sealed_bid.js",
        ],
        "web.assets_tests": [
            "gov_public_resource_trading/static/tests/tours/*.js",
        ],
    },
    "installable": True,
}
