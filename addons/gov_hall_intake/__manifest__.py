{
    "name": "Government Service Hall: One-Window Intake",
    "summary": "Service items, cases, notices, working-day deadlines, routing, delivery, fees and ratings",
    "version": "19.0.1.0.0",
    "category": "Services/Government Service Hall",
    "license": "AGPL-3",
    "author": "Gov Hall Suite",
    "website": "https://example.org/gov-hall-suite",
    "depends": ["gov_hall_base"],
    "data": [
        "views/menus.xml",
    ],
    "installable": True,
}
