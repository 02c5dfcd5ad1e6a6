#!/usr/bin/env python3
"""Write questions.jsonl for the 'pdftables2' probe set.

Row quotes are built from the same row lists that make_pdfs.py typesets (cells in
order, joined by single spaces), so they are exactly the text of the table row as a
reader reads it, cell by cell. Run check_questions.py afterwards.
"""

from __future__ import annotations

import json
import pathlib
import sys

sys.dont_write_bytecode = True

HERE = pathlib.Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import make_pdfs as M  # noqa: E402

QUESTIONS: list[dict] = []


def row(rows, key):
    hits = [r for r in rows if r[0] == key]
    assert len(hits) == 1, key
    return " ".join(c for c in hits[0] if c)


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


# ---------------------------------------------------------------- parts catalogue
P = "parts-catalogue.pdf"
PR = M.PARTS_ROWS
ans(
    "t2-parts-fkm-seal-price",
    "How much does the silicon carbide shaft seal with FKM elastomers cost?",
    ["EUR 96.40"],
    [["96.40", "EUR 96.40", "96.4"]],
    P,
    row(PR, "OV-1011"),
    "number",
)
ans(
    "t2-parts-bronze-128-lead-time",
    "How long is the wait for the 128 mm bronze impeller?",
    ["14 days"],
    [["14 days", "14 working days", "fourteen"]],
    P,
    row(PR, "OV-1003"),
    "number",
)
ans(
    "t2-parts-terminal-lid-price",
    "What do you charge for the grey terminal box lid that replaces the old two screw lids?",
    ["EUR 23.75"],
    [["23.75", "EUR 23.75"]],
    P,
    row(PR, "OV-1040"),
    "number",
)
ans(
    "t2-parts-cm3-lead-time",
    "How many working days before a CM-3 control module is dispatched?",
    ["21 days"],
    [["21", "twenty-one", "twenty one"]],
    P,
    row(PR, "OV-1050"),
    "number",
)
ans(
    "t2-parts-bearing-kit-corvan40-code",
    "Which part number do I order for the bearing kit of a Corvan 40?",
    ["OV-1061"],
    [["OV-1061", "OV1061", "OV 1061"]],
    P,
    row(PR, "OV-1061"),
    "name",
)
ans(
    "t2-parts-pressure-gauge-fits",
    "Which pumps will the 0 to 6 bar pressure gauge fit?",
    ["Corvan 50, Corvan 65"],
    [["Corvan 50", "50"], ["Corvan 65", "65"]],
    P,
    row(PR, "OV-1085"),
    "name",
)
ans(
    "t2-parts-antivibration-feet-price",
    "What is the price of the rubber anti vibration feet?",
    ["EUR 29.90"],
    [["29.90", "EUR 29.90", "29.9"]],
    P,
    row(PR, "OV-1090"),
    "number",
)
ans(
    "t2-parts-service-kit-price",
    "How much is the kit for the annual inspection?",
    ["EUR 109.50"],
    [["109.50", "EUR 109.50", "109.5"]],
    P,
    row(PR, "OV-1099"),
    "number",
)
ans(
    "t2-parts-restocking-charge",
    "If I send back an unused part, how much is kept back from my refund?",
    ["15 percent"],
    [["15 percent", "15%", "15 per cent", "fifteen percent"]],
    P,
    "A restocking charge of 15 percent of the price is deducted from the refund.",
    "number",
)
no("t2-parts-cm3-weight", "How much does the CM-3 control module weigh?", "number")
no("t2-parts-corvan80-impeller", "What is the price of the impeller for the Corvan 80?", "number")
no("t2-parts-sp23-seal-price", "What did the OV-1010 shaft seal cost in the previous catalogue, SP-23?", "number")

# ---------------------------------------------------------------- planning list
L = "planning-applications.pdf"
LR = M.PLAN_ROWS
DR = M.PLAN_DEC_ROWS
ans(
    "t2-plan-granary-reference",
    "What is the reference of the application for new sash windows at the Old Granary?",
    ["25/0314/LBC"],
    [["25/0314/LBC", "25/0314"]],
    L,
    row(LR, "25/0314/LBC"),
    "name",
)
ans(
    "t2-plan-tanners-way-decision-date",
    "By when is the council meant to decide on the 24 homes north of Tanners Way?",
    ["13 June 2025"],
    [["13 June 2025", "13 June", "13/06/2025"]],
    L,
    row(LR, "25/0315/FUL"),
    "date",
)
ans(
    "t2-plan-oak-tree-decision-date",
    "When is a decision due on cutting back the protected oak at The Paddocks?",
    ["8 May 2025"],
    [["8 May 2025", "8 May", "08/05/2025"]],
    L,
    row(LR, "25/0320/TPO"),
    "date",
)
ans(
    "t2-plan-bus-depot-ward",
    "Which ward is the former bus depot on Quarry Road in?",
    ["Brackenholt Central"],
    [["Brackenholt Central"]],
    L,
    row(LR, "25/0323/FUL"),
    "place",
)
ans(
    "t2-plan-bus-depot-apartments",
    "How many flats for older people are planned at the old bus depot?",
    ["36"],
    [["36", "thirty-six", "thirty six"]],
    L,
    row(LR, "25/0323/FUL"),
    "number",
)
ans(
    "t2-plan-village-hall-decision-date",
    "When should the village hall kitchen extension in Upper Stenwick be decided?",
    ["9 May 2025"],
    [["9 May 2025", "9 May", "09/05/2025"]],
    L,
    row(LR, "25/0325/FUL"),
    "date",
)
ans(
    "t2-plan-quarry-reference",
    "What reference number does the Whitlow Quarry Saturday hours application have?",
    ["25/0327/FUL"],
    [["25/0327/FUL", "25/0327"]],
    L,
    row(LR, "25/0327/FUL"),
    "name",
)
ans(
    "t2-plan-kiln-lane-decision-date",
    "By what date should the council decide on the new house next to 17 Kiln Lane?",
    ["15 May 2025"],
    [["15 May 2025", "15 May", "15/05/2025"]],
    L,
    row(LR, "25/0330/FUL"),
    "date",
)
ans(
    "t2-plan-mallory-dormer-cladding",
    "What must the rear dormer at 12 Mallory Lane be clad in?",
    ["dark grey slate"],
    [["dark grey slate", "grey slate", "slate"]],
    L,
    row(DR, "25/0117/HOU"),
    "description",
)
ans(
    "t2-plan-comments-deadline",
    "What is the last day for sending the council comments on these applications?",
    ["4 April 2025"],
    [["4 April 2025", "4 April", "04/04/2025"]],
    L,
    "Comments on any application on this list must reach the council by 4 April 2025.",
    "date",
)
no("t2-plan-solar-applicant", "Who applied for the solar panels at Rowan Cottage?", "name")
no("t2-plan-0317-decision-date", "When is the decision due on application 25/0317/HOU?", "date")

# ---------------------------------------------------------------- clinic timetable
C = "clinic-timetable.pdf"
CR = M.CLINIC_ROWS
ans(
    "t2-clinic-diabetes-consultant",
    "Which doctor runs the diabetes and endocrinology clinic?",
    ["Dr Samir Okonedo"],
    [["Okonedo"]],
    C,
    row(CR, "Diabetes and endocrinology"),
    "name",
)
ans(
    "t2-clinic-foot-location",
    "Where do I go for the diabetic foot clinic?",
    ["Podiatry Suite, Level 1"],
    [["Podiatry Suite"], ["Level 1", "first floor"]],
    C,
    row(CR, "Diabetic foot clinic"),
    "place",
)
ans(
    "t2-clinic-inhaler-hours",
    "For how long before my lung function test should I avoid my reliever inhaler?",
    ["6 hours"],
    [["6 hours", "six hours"]],
    C,
    row(CR, "Respiratory medicine"),
    "number",
)
ans(
    "t2-clinic-sleep-hours",
    "What are the hours of the sleep clinic?",
    ["14:00-17:00"],
    [["14:00", "2 pm", "2:00", "2pm"], ["17:00", "5 pm", "5:00", "5pm"]],
    C,
    row(CR, "Sleep clinic"),
    "date",
)
ans(
    "t2-clinic-hand-wrist-consultant",
    "Who is the consultant at the hand and wrist clinic?",
    ["Miss Tamsin Oduya"],
    [["Oduya"]],
    C,
    row(CR, "Orthopaedics: hand and wrist"),
    "name",
)
ans(
    "t2-clinic-dermatology-room",
    "Which room is dermatology in?",
    ["Outpatients B, Room 5"],
    [["Outpatients B"], ["Room 5"]],
    C,
    row(CR, "Dermatology"),
    "place",
)
ans(
    "t2-clinic-urology-saturdays",
    "Which Saturdays is the urology clinic held on?",
    ["first and third Saturday of each month"],
    [["first"], ["third"]],
    C,
    row(CR, "Urology"),
    "description",
)
ans(
    "t2-clinic-fracture-phone",
    "What number do I call about a Fracture Clinic appointment?",
    ["01632 448 377"],
    [["01632 448 377", "01632448377"]],
    C,
    "Fracture Clinic 01632 448 377 Mon-Fri 08:30-16:30",
    "number",
)
ans(
    "t2-clinic-parking-charge",
    "How much does it cost to park at the hospital for up to two hours?",
    ["EUR 2.40"],
    [["2.40", "EUR 2.40", "2.4"]],
    C,
    "The car park charges EUR 2.40 for up to two hours; blue badge holders park free.",
    "number",
    False,
)
no("t2-clinic-neurology-consultant", "Who runs the neurology clinic on Monday afternoons?", "name")
no("t2-clinic-fracture-email", "What is the e-mail address of the Fracture Clinic appointments team?", "name")
no("t2-clinic-july-cardiology", "Who will run the cardiology clinic from July 2025?", "name")

# ---------------------------------------------------------------- course handbook
H = "course-handbook.pdf"
HR = M.MOD_ROWS
KR = M.DATES_ROWS
ans(
    "t2-hb-extremes-leader",
    "Who leads the module on statistics of floods and droughts?",
    ["Prof. Gideon Ashdown"],
    [["Ashdown"]],
    H,
    row(HR, "HYD7002"),
    "name",
)
ans(
    "t2-hb-groundwater-assessment",
    "How is the groundwater flow module assessed?",
    ["Exam 70%, modelling exercise 30%"],
    [["70%", "70 %", "70 per cent"], ["30%", "30 %", "30 per cent"]],
    H,
    row(HR, "HYD7003"),
    "description",
)
ans(
    "t2-hb-hydrometry-credits",
    "How many credits is the field methods in hydrometry module worth?",
    ["10"],
    [["10", "ten"]],
    H,
    row(HR, "HYD7004"),
    "number",
)
ans(
    "t2-hb-water-quality-leader",
    "Who is in charge of the module on water quality and diffuse pollution?",
    ["Dr Ifeoma Ravensworth"],
    [["Ravensworth"]],
    H,
    row(HR, "HYD7012"),
    "name",
)
ans(
    "t2-hb-remote-sensing-code",
    "What is the code of the remote sensing and GIS module?",
    ["HYD7014"],
    [["HYD7014", "HYD 7014"]],
    H,
    row(HR, "HYD7014"),
    "name",
)
ans(
    "t2-hb-dissertation-oral-weight",
    "What share of the dissertation module mark comes from the oral?",
    ["10%"],
    [["10%", "10 %", "10 per cent", "ten per cent"]],
    H,
    row(HR, "HYD7090"),
    "number",
)
ans(
    "t2-hb-field-course-dates",
    "When is the residential field course at Carrow Beck?",
    ["13 to 17 October 2025"],
    [["13"], ["17 October"]],
    H,
    row(KR, "13 to 17 October 2025"),
    "date",
)
ans(
    "t2-hb-semester2-start",
    "When does teaching start in the second semester?",
    ["2 February 2026"],
    [["2 February 2026", "2 February", "2/2/2026", "02/02/2026"]],
    H,
    row(KR, "2 February 2026"),
    "date",
)
ans(
    "t2-hb-late-penalty",
    "How many marks do I lose for each working day that my coursework is late?",
    ["5 marks"],
    [["5", "five"]],
    H,
    "Work handed in late without an approved extension loses 5 marks for each working day it is late, "
    "up to five working days; after that it receives a mark of zero.",
    "number",
)
no("t2-hb-coastal-module-leader", "Who leads the optional module on coastal hydrology?", "name")
no("t2-hb-2026-27-start", "When does semester 1 teaching start in 2026/27?", "date")

# ---------------------------------------------------------------- recall notice
R = "recall-notice.pdf"
RR = M.RECALL_ROWS
ans(
    "t2-recall-black-serials",
    "Which serial numbers of the black gloss Kestrel kettle are being recalled?",
    ["2403B0001 to 2403B6200"],
    [["2403B0001"], ["2403B6200"]],
    R,
    row(RR, "KT-170B"),
    "name",
)
ans(
    "t2-recall-compact-sold",
    "When was the stainless steel Kestrel Compact kettle on sale?",
    ["June 2024 to Jan 2025"],
    [["June 2024"], ["Jan 2025", "January 2025"]],
    R,
    row(RR, "KT-150S"),
    "date",
)
ans(
    "t2-recall-variable-temp-remedy",
    "I have the variable temperature Kestrel. What part will they replace?",
    ["the power base only"],
    [["power base", "base"]],
    R,
    row(RR, "KT-175G"),
    "description",
)
ans(
    "t2-recall-toaster-action",
    "Do I need to do anything about my Kestrel two slice toaster?",
    ["No action needed"],
    [["No action", "No", "not affected"]],
    R,
    row(RR, "TS-220W"),
    "yes_no",
)
ans(
    "t2-recall-cream-model",
    "What is the model number of the cream coloured Kestrel kettle?",
    ["KT-170C"],
    [["KT-170C", "KT170C", "KT 170C"]],
    R,
    row(RR, "KT-170C"),
    "name",
)
ans(
    "t2-recall-cream-return",
    "Where can I take my cream Kestrel kettle back?",
    ["any Harrow & Pike store"],
    [["Harrow & Pike", "Harrow and Pike"]],
    R,
    row(RR, "KT-170C"),
    "place",
)
ans(
    "t2-recall-breakfast-serials",
    "What serial numbers of the breakfast set are affected?",
    ["S2404-0001 to S2404-0950"],
    [["S2404-0001"], ["S2404-0950"]],
    R,
    row(RR, "KTS-1"),
    "name",
)
ans(
    "t2-recall-breakfast-toaster",
    "What should I do with the toaster that came in the breakfast set?",
    ["Keep the toaster"],
    [["keep", "carry on", "continue"]],
    R,
    row(RR, "KTS-1"),
    "description",
)
ans(
    "t2-recall-phone",
    "What number is the recall line?",
    ["0800 917 3320"],
    [["0800 917 3320", "08009173320"]],
    R,
    "To register for a replacement or refund, call the Tovemark recall line on 0800 917 3320 "
    "(free, Monday to Saturday 08:00 to 20:00) or fill in the form on the Tovemark website.",
    "number",
    False,
)
no("t2-recall-red-serials", "Which serial numbers of the red Kestrel kettle, model KT-170R, are affected?", "name")
no("t2-recall-compact-refund-amount", "How much money is refunded for a Kestrel Compact kettle?", "number")


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
