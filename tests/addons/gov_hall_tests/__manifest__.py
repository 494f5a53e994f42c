{
    "name": "Government Service Hall: Suite Tests",
    "summary": "Cross-module scenarios and suite-wide checks (translations, deadlines); installed only by make test",
    "version": "19.0.1.0.0",
    "category": "Hidden/Tests",
    "license": "AGPL-3",
    "author": "Gov Hall Suite",
    "depends": [
        "gov_hall_base",
        "gov_hall_intake",
        "gov_public_resource_trading",
        "gov_complaints",
        "gov_staff_assessment",
        "gov_hall_dashboard",
    ],
    "data": ["security/ir.model.access.csv"],
    "installable": True,
}
