{
    "name": "Government Service Hall: Staff and Window Assessment",
    "summary": "Inspections, scoring schemes, monthly and yearly assessment of windows and staff",
    "version": "19.0.1.0.0",
    "category": "Services/Government Service Hall",
    "license": "AGPL-3",
    "author": "Gov Hall Suite",
    "website": "https://example.org/gov-hall-suite",
    "depends": ["gov_hall_base", "gov_hall_intake", "gov_complaints"],
    "data": [
        "views/menus.xml",
    ],
    "installable": True,
}
