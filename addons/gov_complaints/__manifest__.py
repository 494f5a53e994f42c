{
    "name": "Government Service Hall: Efficiency Complaints",
    "summary": "Complaints from every channel, the three handling paths and supervision letters",
    "version": "19.0.1.0.0",
    "category": "Services/Government Service Hall",
    "license": "AGPL-3",
    "author": "Gov Hall Suite",
    "website": "https://example.org/gov-hall-suite",
    "depends": ["gov_hall_base", "gov_hall_intake"],
    "data": [
        "views/menus.xml",
    ],
    "installable": True,
}
