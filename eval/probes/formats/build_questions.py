#!/usr/bin/env python3
"""Write questions.jsonl for the 'formats' probe set.

Row quotes are built from the same data that make_docs.py writes into the documents
(displayed cells in column order, joined by single spaces, empty cells left out; money,
percent and date cells as the spreadsheet shows them). Bullets and speaker notes are taken
from the same constants where practical. Run check_questions.py afterwards.
"""

from __future__ import annotations

import json
import pathlib
import sys

sys.dont_write_bytecode = True

HERE = pathlib.Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import make_docs as M  # noqa: E402

QUESTIONS: list[dict] = []


def row(rows, key, cells=lambda r: list(r)):
    hits = [r for r in rows if r[0] == key]
    assert len(hits) == 1, key
    return M.row_text(cells(hits[0]))


def bullet(items, start):
    hits = [t for t, _ in items if t.startswith(start)]
    assert len(hits) == 1, start
    return hits[0]


def ans(qid, question, answers, parts, source, quote, typ, paraphrased=True):
    QUESTIONS.append(
        {
            "id": qid,
            "question": question,
            "answerable": True,
            "answers": answers,
            "answer_parts": parts,
            "evidence": [{"source": source, "quote": quote}],
            "type": typ,
            "paraphrased": paraphrased,
        }
    )


def no(qid, question, typ):
    QUESTIONS.append(
        {
            "id": qid,
            "question": question,
            "answerable": False,
            "answers": [],
            "answer_parts": [],
            "evidence": [],
            "type": typ,
        }
    )


# ---------------------------------------------------------------- workbook (.xlsx)
X = M.XLSX
PR = lambda key: row(M.PRICE_ROWS, key, M.price_row_cells)  # noqa: E731
CR = lambda key: row(M.CONTACT_ROWS, key, M.contact_row_cells)  # noqa: E731
ans(
    "f-xlsx-oven-price",
    "How much is the four-tray convection oven?",
    ["€1,480.00"],
    [["1,480.00", "1480", "1,480", "1 480"]],
    X,
    PR("BH-1040"),
    "number",
)
ans(
    "f-xlsx-chopping-boards-discount",
    "What discount is there on the set of colour-coded chopping boards?",
    ["15%"],
    [["15%", "15 %", "15 percent", "15 per cent"]],
    X,
    PR("BH-1020"),
    "number",
)
ans(
    "f-xlsx-chefs-knife-delivery",
    "When are the 21 cm chef's knives next coming in?",
    ["6 May 2025"],
    [["6 May", "06/05/2025", "2025-05-06", "6/5/2025", "May 6"]],
    X,
    PR("BH-1031"),
    "date",
)
ans(
    "f-xlsx-blender-code",
    "What item code do I quote to order the blender?",
    ["BH-1050"],
    [["BH-1050", "BH1050", "BH 1050"]],
    X,
    PR("BH-1050"),
    "name",
)
ans(
    "f-xlsx-nitrile-discount",
    "Do the blue nitrile gloves come with any discount?",
    ["0%"],
    [["0%", "No", "no discount", "none"]],
    X,
    PR("BH-1071"),
    "yes_no",
)
ans(
    "f-xlsx-ovenworks-contact",
    "Who should I talk to at Ovenworks?",
    ["Gareth Pryce"],
    [["Gareth Pryce", "Pryce"]],
    X,
    CR("Ovenworks Ltd"),
    "name",
)
ans(
    "f-xlsx-moravia-phone",
    "What number do I ring to reach Moravia Blades?",
    ["+420 543 218 870"],
    [["+420 543 218 870", "420543218870", "543 218 870"]],
    X,
    CR("Moravia Blades s.r.o."),
    "number",
)
ans(
    "f-xlsx-thermotek-email",
    "What is Rosa Calleja's e-mail address?",
    ["rcalleja@thermotek.example"],
    [["rcalleja@thermotek.example"]],
    X,
    CR("Thermotek Instruments SL"),
    "name",
    False,
)
no("f-xlsx-oven-price-2023", "What did the four-tray convection oven cost in 2023?", "number")
no("f-xlsx-supplier-fax", "What is the fax number of Kessler Edelstahl?", "number")

# ---------------------------------------------------------------- presentation (.pptx)
P = M.PPTX
HL = M.PPT_HIGHLIGHTS
TR = lambda key: row(M.PPT_TABLE_ROWS, key)  # noqa: E731
ans(
    "f-pptx-q2-revenue",
    "What was Northmere's total revenue in the second quarter of 2025?",
    ["€4.82 million"],
    [["4.82 million", "4.82m", "4,820,000", "4.82"]],
    P,
    bullet(HL, "Revenue"),
    "number",
)
ans(
    "f-pptx-wholesale-revenue",
    "How much of the quarter's revenue came from wholesale customers?",
    ["€3.10 million"],
    [["3.10 million", "3.1 million", "3.10m", "3.1m", "3,100,000"]],
    P,
    bullet(HL, "Wholesale"),
    "number",
)
ans(
    "f-pptx-quayside-opening",
    "When did the Quayside Market shop open its doors?",
    ["3 May 2025"],
    [["3 May", "03/05/2025", "May 3"]],
    P,
    bullet(HL, "The new shop"),
    "date",
)
ans(
    "f-pptx-quayside-first-weeks",
    "How much did the new Quayside shop take in its first four weeks?",
    ["€41,300"],
    [["41,300", "41300", "41.3k", "41.3 thousand"]],
    P,
    "Say that the Quayside shop took €41,300 in its first four weeks, against a plan of €35,000.",
    "number",
)
ans(
    "f-pptx-flour-supplier",
    "Which miller put up the price of flour?",
    ["Hollin Mills"],
    [["Hollin Mills", "Hollin"]],
    P,
    bullet(HL, "Flour costs"),
    "name",
)
ans(
    "f-pptx-coast-growth",
    "By how much did sales in the Coast region grow from the first to the second quarter?",
    ["+11%"],
    [["11%", "11 %", "11 percent", "11 per cent"]],
    P,
    TR("Coast"),
    "number",
)
ans(
    "f-pptx-on-time-delivery",
    "What share of deliveries arrived on time?",
    ["97%"],
    [["97%", "97 %", "97 percent", "97 per cent"]],
    P,
    M.PPT_LEFT[2],
    "number",
)
ans(
    "f-pptx-old-vans",
    "What is the problem with the delivery vans?",
    ["Two delivery vans are over 10 years old"],
    [["10 years", "ten years"]],
    P,
    M.PPT_RIGHT[2],
    "description",
    False,
)
ans(
    "f-pptx-rye-trial-site",
    "Where was the rye sourdough range tried out?",
    ["the Ashby bakery"],
    [["Ashby"]],
    P,
    "The rye range was trialled at the Ashby bakery, and 1,800 loaves were sold in the trial weeks.",
    "place",
)
no("f-pptx-eastgate-closing-date", "On what date is the Eastgate shop to close?", "date")
no("f-pptx-eastgate-saving", "How much a year would closing the Eastgate shop save?", "number")
no("f-pptx-revenue-q2-2024", "What was Northmere's revenue in the second quarter of 2024?", "number")

# ---------------------------------------------------------------- e-mail, plain text + HTML + attachment
R = M.ROTA
rota_body = M.ROTA_PARAS[1]
ans(
    "f-rota-sender",
    "Who sent the e-mail about the café rota change?",
    ["Marta Kowalczyk"],
    [["Kowalczyk"]],
    R,
    M.ROTA_FROM,  # the sender's name and address, however the headers are laid out
    "name",
    False,
)
# Added in session 40, after the e-mail header lines were first read (not by the set's author):
# when a message was sent, and to whom, are asked of mail as often as who sent it.
ans(
    "f-rota-sent-date",
    "When was the café rota e-mail sent?",
    ["7 May 2025"],
    [["7 May", "May 7", "07/05/2025", "2025-05-07"]],
    R,
    "7 May 2025",
    "date",
    False,
)
ans(
    "f-rota-recipient",
    "Who received the e-mail about the café rota change?",
    ["Café team"],
    [["Café team", "cafe-team"]],
    R,
    M.ROTA_TO,
    "name",
    True,
)
ans(
    "f-rota-opening-time",
    "What time does the café open while the dining room floor is being resealed?",
    ["08:30"],
    [["08:30", "8:30", "8.30", "half past eight"]],
    R,
    "The café will open at 08:30 instead of 07:30 from Monday 12 May to Friday 16 May.",
    "date",
)
ans(
    "f-rota-saturday-cover",
    "Who is covering the Saturday afternoon shift that week?",
    ["Sam Adeyemi"],
    [["Adeyemi"]],
    R,
    "Joanne Pirie will run the early shift on Tuesday and Thursday, and Sam Adeyemi will cover the "
    "Saturday afternoon shift.",
    "name",
    False,
)
ans(
    "f-rota-salad-bar",
    "From when can staff use the salad bar again?",
    ["Monday 19 May"],
    [["19 May", "19/05", "May 19"]],
    R,
    "Hot food will be served from the terrace kitchen that week, and the salad bar is closed until Monday 19 May.",
    "date",
)
ans(
    "f-rota-attachment",
    "What is the file name of the rota sent with the message?",
    ["cafe-rota-week-20.csv"],
    [["cafe-rota-week-20.csv", "cafe-rota-week-20"]],
    R,
    "The updated rota is attached as cafe-rota-week-20.csv; please check your shifts and tell me about "
    "any problems by Friday 9 May.",
    "name",
)
no("f-rota-sunday-cover", "Who covers the Sunday shift in the week of 12 May?", "name")
assert all(s in rota_body for s in ("08:30", "Sam Adeyemi", "Monday 19 May"))

# ---------------------------------------------------------------- e-mail, HTML only
Q = M.QUOTE
QR = lambda key: row(M.QUOTE_ROWS, key)  # noqa: E731
ans(
    "f-quote-napkin-price",
    "How much does it cost to hire one napkin?",
    ["€0.32"],
    [["0.32", "32 cents", "32c"]],
    Q,
    QR("Napkin, white, 50 x 50 cm"),
    "number",
)
ans(
    "f-quote-aprons-weekly",
    "What would the charcoal aprons come to each week?",
    ["€23.75"],
    [["23.75"]],
    Q,
    QR("Bistro apron, charcoal"),
    "number",
)
ans("f-quote-sender", "Who sent quotation Q-2291?", ["Declan Furlong"], [["Furlong"]], Q, M.QUOTE_FROM, "name", False)
ans(
    "f-quote-recipient",
    "Who was the linen quotation addressed to?",
    ["Inés Calderón"],
    [["Calderón", "Calderon"]],
    Q,
    M.QUOTE_TO,
    "name",
    True,
)
no("f-quote-copied", "Who was copied in on the quotation for Café Marisol?", "name")
ans(
    "f-quote-valid-until",
    "How long do the quoted prices hold?",
    ["30 June 2025"],
    [["30 June", "30/06/2025", "June 30"]],
    Q,
    "All prices exclude VAT and are valid until 30 June 2025.",
    "date",
)
ans(
    "f-quote-delivery-days",
    "Which days of the week does Pellworth deliver?",
    ["Tuesdays and Fridays"],
    [["Tuesday"], ["Friday"]],
    Q,
    M.QUOTE_P2,
    "date",
)
ans(
    "f-quote-sent-date",
    "On what date did Pellworth send the linen quotation?",
    ["19 May 2025"],
    [["19 May", "19/05/2025", "May 19"]],
    Q,
    "19 May 2025",  # the date, however the headers are laid out
    "date",
)
no("f-quote-chef-jackets", "What does Pellworth charge per week for chef's jackets?", "number")

# ---------------------------------------------------------------- text document (.odt)
T = M.ODT
ans(
    "f-odt-van-bays",
    "Where should contractors park their vans?",
    ["the yard behind Building B, bays 40 to 58"],
    [["Building B"], ["40 to 58", "40-58", "40–58"]],
    T,
    "Contractor vans park in the yard behind Building B, bays 40 to 58.",
    "place",
)
ans(
    "f-odt-speed-limit",
    "How fast may I drive on the depot site?",
    ["10 km/h"],
    [["10 km/h", "10km/h", "10 kph", "10 kilometres per hour"]],
    T,
    "The speed limit everywhere on site is 10 km/h, and no vehicle may reverse in the yard without a banksman.",
    "number",
)
ans(
    "f-odt-hot-work-permit",
    "Who do I get a hot work permit from?",
    ["Callum Reid"],
    [["Callum Reid", "Reid"]],
    T,
    "Hot work permits are issued by the duty manager, Callum Reid, on extension 2214.",
    "name",
)
ans(
    "f-odt-cold-store-limit",
    "How long can I stay in the cold store in one go?",
    ["45 minutes"],
    [["45 minutes", "45 min", "three quarters of an hour"]],
    T,
    row(M.ODT_PPE_ROWS, "Cold store (−25 °C)"),
    "number",
)
ans(
    "f-odt-control-room-phone",
    "What number reaches the security control room?",
    ["01632 770 499"],
    [["01632 770 499", "01632770499"]],
    T,
    "Security control room: 01632 770 499",
    "number",
)
ans(
    "f-odt-boots-standard",
    "What standard must the safety boots I bring meet?",
    ["S3"],
    [["S3"]],
    T,
    M.ODT_BRING[3],
    "description",
)
no(
    "f-odt-visitor-bays",
    "Until what time in the morning may contractors' cars use the visitor bays in front of Building A?",
    "date",
)
no("f-odt-saturday-hours", "What hours can contractors work on Saturdays from June?", "date")
no("f-odt-edition-2-speed", "What was the site speed limit in edition 2 of the contractors' handbook?", "number")

# ---------------------------------------------------------------- spreadsheet (.ods)
S = M.ODS
ER = lambda key: row(M.ODS_EVENTS, key, M.ods_events_cells)  # noqa: E731
IR = lambda key: row(M.ODS_INCOME, key, M.ods_income_cells)  # noqa: E731
ans(
    "f-ods-poetry-budget",
    "How much money is set aside for the poetry evening?",
    ["€1,250.00"],
    [["1,250", "1250"]],
    S,
    ER("Poetry evening"),
    "number",
)
ans(
    "f-ods-lantern-venue",
    "Where does the children's lantern parade take place?",
    ["Market Square"],
    [["Market Square"]],
    S,
    ER("Children's lantern parade"),
    "place",
)
ans(
    "f-ods-jazz-date",
    "On what date is the jazz event by the river?",
    ["20 Jun 2025"],
    [["20 Jun", "20/06/2025", "2025-06-20", "June 20"]],
    S,
    ER("Jazz on the river"),
    "date",
)
ans(
    "f-ods-workshop-used",
    "How much of the printmaking workshop's money has been used so far?",
    ["35%"],
    [["35%", "35 %", "35 percent", "35 per cent"]],
    S,
    ER("Printmaking workshop"),
    "number",
)
ans(
    "f-ods-arts-fund",
    "How much is Arts Fund North contributing?",
    ["€5,500.00"],
    [["5,500", "5500"]],
    S,
    IR("Arts Fund North"),
    "number",
)
ans(
    "f-ods-sponsor-status",
    "Has Pelham & Co. confirmed its sponsorship yet?",
    ["Awaiting reply"],
    [["No", "awaiting", "not yet"]],
    S,
    IR("Business sponsorship – Pelham & Co."),
    "yes_no",
)
no("f-ods-cinema-budget", "What was the budget for the outdoor cinema night?", "number")
no("f-ods-food-market", "What is the budget for the street food market?", "number")

# ---------------------------------------------------------------- presentation (.odp)
I = M.ODP  # noqa: E741
SL = {t: items for t, _, items, _, _ in M.ODP_SLIDES}
ans(
    "f-odp-pool-briefing",
    "Who gives new staff their pool safety briefing?",
    ["Hamid Osei"],
    [["Osei"]],
    I,
    SL["Your first week"][1],
    "name",
)
ans(
    "f-odp-pay-day",
    "On which day of the month are staff paid?",
    ["the 28th"],
    [["28th", "28"]],
    I,
    SL["Pay and leave"][0],
    "date",
)
ans(
    "f-odp-annual-leave",
    "How many days of holiday a year do new starters get?",
    ["25 days"],
    [["25"]],
    I,
    SL["Pay and leave"][1],
    "number",
)
ans(
    "f-odp-extra-polo",
    "What does an extra polo shirt cost?",
    ["€12.50"],
    [["12.50", "12.5"]],
    I,
    "Extra polo shirts cost €12.50 each, taken from the next payslip.",
    "number",
    False,
)
ans(
    "f-odp-payroll-extension",
    "Which extension do I ring with a question about my pay?",
    ["extension 214"],
    [["214"]],
    I,
    SL["Who to ask"][0],
    "number",
)
ans(
    "f-odp-first-aid-key",
    "Where is the key to the first-aid room kept?",
    ["in the duty office on hook 4"],
    [["duty office"]],
    I,
    "The first-aid room key hangs in the duty office on hook 4.",
    "place",
)
no("f-odp-early-shift-2026", "From 2026, what time will early shifts start?", "date")

# ---------------------------------------------------------------- book (.epub)
E = M.EPUB
CH = [p for _, paras in M.CHAPTERS for p in paras]


def para(start):
    hits = [p for p in CH if p.startswith(start)]
    assert len(hits) == 1, start
    return hits[0]


ans(
    "f-epub-first-quay-builder",
    "Who had the first stone quay built?",
    ["Josiah Penhallow"],
    [["Penhallow"]],
    E,
    para("The first stone quay"),
    "name",
)
ans(
    "f-epub-railway-arrival",
    "When did the first trains get to the harbour?",
    ["14 March 1853"],
    [["14 March 1853", "14/03/1853", "March 14, 1853"]],
    E,
    para("The Calloway and Wenmouth"),
    "date",
)
ans(
    "f-epub-breakwater-length",
    "How long was the north breakwater when it was completed?",
    ["610 metres"],
    [["610"]],
    E,
    para("Work on the north breakwater"),
    "number",
)
ans(
    "f-epub-1928-storm-losses",
    "How many vessels were lost in the harbour in the gale of January 1928?",
    ["17"],
    [["17", "seventeen"]],
    E,
    para("On the night of 9 January 1928"),
    "number",
)
ans(
    "f-epub-first-woman-harbour-master",
    "Who was Port Calloway's first female harbour master?",
    ["Agnes Trevenna"],
    [["Trevenna"]],
    E,
    para("In 1941"),
    "name",
)
ans(
    "f-epub-marina-berths",
    "How many berths did the marina have when it opened?",
    ["240"],
    [["240"]],
    E,
    para("The marina"),
    "number",
)
no("f-epub-cargo-1900", "How many tons of cargo did Port Calloway harbour handle in 1900?", "number")


def main():
    ids = [q["id"] for q in QUESTIONS]
    assert len(ids) == len(set(ids))
    with open(HERE / "questions.jsonl", "w", encoding="utf-8") as f:
        for q in QUESTIONS:
            f.write(json.dumps(q, ensure_ascii=False) + "\n")
    n = sum(q["answerable"] for q in QUESTIONS)
    print(f"{len(QUESTIONS)} questions: {n} answerable, {len(QUESTIONS) - n} unanswerable")


if __name__ == "__main__":
    main()
