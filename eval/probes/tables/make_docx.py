"""Rebuild the two .docx documents of the tables probe: .venv/bin/python make_docx.py"""

from pathlib import Path

import docx

OUT = Path(__file__).parent / "corpus"


def table(document, rows):
    t = document.add_table(rows=len(rows), cols=len(rows[0]))
    t.style = "Table Grid"
    for i, row in enumerate(rows):
        for j, cell in enumerate(row):
            t.cell(i, j).text = cell
            if i == 0:
                for run in t.cell(i, j).paragraphs[0].runs:
                    run.bold = True
    return t


def budget():
    d = docx.Document()
    d.add_heading("Marrowby Borough Council: budget 2025 by department", level=1)
    d.add_paragraph(
        "The council approved the 2025 budget on 12 December 2024 by 23 votes to 8. Social care "
        "receives the largest increase because the number of residents over 80 has grown by a fifth "
        "since 2020. Figures are in euros and exclude capital projects, which are set out in a "
        "separate capital programme."
    )
    table(
        d,
        [
            ["Department", "Head of department", "Budget 2025 (EUR)", "Staff (FTE)", "Change vs 2024"],
            ["Social care", "Dr. Imogen Tallis", "14,800,000", "212", "+9.5%"],
            ["Education and schools", "Rhodri Penfold", "9,350,000", "140", "+2.1%"],
            ["Roads and transport", "Khadija Orme", "6,120,000", "88", "-4.0%"],
            ["Waste collection", "Stellan Brook", "4,480,000", "104", "+1.2%"],
            ["Housing", "Rhona Ashdown", "3,900,000", "51", "+6.8%"],
            ["Finance and IT", "Corinne Abelard", "2,870,000", "46", "+0.8%"],
            ["Parks and recreation", "Ewan Calder-Moss", "2,150,000", "37", "-1.5%"],
            ["Corporate services", "Hugo Stannard", "1,910,000", "33", "-0.6%"],
            ["Libraries and culture", "Nkechi Farrow", "1,640,000", "29", "-3.2%"],
            ["Planning", "Rhodri Vasquez", "1,380,000", "24", "0.0%"],
            ["Total", "", "48,600,000", "764", "+3.4%"],
        ],
    )
    d.add_paragraph(
        "The council leader, Councillor Maud Ellingham, said the cuts to roads and libraries would be "
        "reviewed in the mid-year update in July 2025."
    )
    d.save(OUT / "marrowby_budget_2025.docx")


def programme():
    d = docx.Document()
    d.add_heading("Kestle Data Summit 2025: Day 1 programme", level=1)
    d.add_paragraph(
        "Thursday 16 October 2025, Harbourside Hall, Port Ardry. The summit is organised by the "
        "Kestle Data Guild; a one-day ticket costs 180 euros. Registration opens at 08:00 in the "
        "foyer; bring the QR code from your confirmation e-mail. The opening keynote is livestreamed, "
        "and the Day 2 programme is published separately."
    )
    table(
        d,
        [
            ["Time", "Session", "Speaker", "Room"],
            ["08:00", "Registration and coffee", "", "Foyer"],
            ["09:00", "Opening keynote: Data you can trust", "Marta Ilves", "Main Hall"],
            ["09:45", "Vector search in practice", "Oskar Duvenage", "Room Tern"],
            ["09:45", "Cleaning messy spreadsheets", "Marta Sorensby", "Room Heron"],
            ["10:30", "Coffee break", "", "Foyer"],
            ["11:00", "Privacy by design for analytics teams", "Leonie Achterberg", "Room Tern"],
            ["11:00", "Forecasting with small data", "Rashid Ekwueme", "Room Heron"],
            ["11:45", "Panel: Open data in local government", "Moderated by Jin-ho Caddell", "Main Hall"],
            ["12:30", "Lunch", "", "Atrium"],
            ["13:30", "Streaming pipelines without tears", "Felix Arrowsmith", "Room Tern"],
            ["13:30", "Building a data catalogue people use", "Priyanka Holm", "Room Heron"],
            ["14:15", "Lightning talks", "Various speakers", "Main Hall"],
            ["15:00", "Evaluating question-answering systems", "Dagny Stroud", "Room Tern"],
            ["15:45", "Closing remarks", "Ines Marchetti", "Main Hall"],
        ],
    )
    d.save(OUT / "kestle_summit_day1.docx")


if __name__ == "__main__":
    budget()
    programme()
