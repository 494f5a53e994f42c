{
    "name": "Government Service Hall: Public Resource Trading",
    "summary": "Tenders and procurement from announcement to award, with sealed bids on the portal",
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
