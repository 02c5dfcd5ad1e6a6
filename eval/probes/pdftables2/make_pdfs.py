#!/usr/bin/env python3
"""Write the five invented PDFs of the 'pdftables2' probe set (tables with wrapped cells).

Every organisation, person, place, product and number in these documents is invented.

    pip install fpdf2==2.8.9   # not a project dependency
    python make_pdfs.py        # writes ./corpus/*.pdf next to this script

Each document has ordinary paragraphs and one or two fpdf2 ``table()`` tables whose
long cells (descriptions, proposals, notes, module titles, remedies) wrap onto two or
three lines. Some tables run across a page break (with or without the heading row
repeated on the next page); every table is followed by a note or paragraph.
Core font Helvetica only (windows-1252), so the text is plain ASCII.
Output is deterministic (fixed creation date, title, author, creator).
"""

from __future__ import annotations

import pathlib
from datetime import UTC, datetime

from fpdf import FPDF, XPos, YPos
from fpdf.enums import TableHeadingsDisplay
from fpdf.fonts import FontFace

HERE = pathlib.Path(__file__).resolve().parent
OUT = HERE / "corpus"
FIXED_DATE = datetime(2025, 3, 17, 8, 30, tzinfo=UTC)


class Doc(FPDF):
    def __init__(self, *, header_left, header_right, title, author, size=9.5, lh=4.6):
        super().__init__(format="A4", unit="mm")
        self.core_fonts_encoding = "windows-1252"
        self.header_left = header_left
        self.header_right = header_right
        self.size = size
        self.lh = lh
        self.set_margins(15, 22, 15)
        self.set_auto_page_break(True, margin=18)
        self.set_title(title)
        self.set_author(author)
        self.set_subject(title)
        self.set_creator("make_pdfs.py (fpdf2)")
        self.set_producer("fpdf2")
        self.set_creation_date(FIXED_DATE)
        self.add_page()

    def header(self):
        self.set_font("Helvetica", "", 8)
        self.set_text_color(100, 100, 100)
        w = self.w - self.l_margin - self.r_margin
        self.set_xy(self.l_margin, 9)
        self.cell(w, 5, self.header_left, align="L")
        self.set_xy(self.l_margin, 9)
        self.cell(w, 5, self.header_right, align="R")
        self.set_draw_color(160, 160, 160)
        self.line(self.l_margin, 15, self.w - self.r_margin, 15)
        self.set_text_color(0, 0, 0)
        self.set_draw_color(0, 0, 0)
        self.set_y(self.t_margin)

    def footer(self):
        self.set_font("Helvetica", "", 8)
        self.set_text_color(100, 100, 100)
        self.set_xy(self.l_margin, self.h - 11)
        self.cell(self.w - self.l_margin - self.r_margin, 5, f"Page {self.page_no()} of {{nb}}", align="C")
        self.set_text_color(0, 0, 0)

    def title_block(self, title, subtitle):
        self.set_font("Helvetica", "B", 15)
        self.multi_cell(0, 7, title, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.set_font("Helvetica", "", 10.5)
        self.multi_cell(0, 5.5, subtitle, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.ln(4)

    def heading(self, text):
        if self.get_y() + 25 > self.page_break_trigger:
            self.add_page()
        self.ln(2)
        self.set_font("Helvetica", "B", 11.5)
        self.multi_cell(0, 6, text, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.ln(1.5)

    def para(self, text, *, style="", after=2.5):
        self.set_font("Helvetica", style, self.size)
        self.multi_cell(0, self.lh, text, align="J", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.ln(after)

    def grid(self, rows, widths, aligns, *, repeat=True, size=None):
        """rows[0] is the heading row. widths in mm."""
        self.set_font("Helvetica", "", size or self.size - 1)
        with self.table(
            col_widths=widths,
            width=sum(widths),
            align="LEFT",
            text_align=aligns,
            line_height=4.3,
            padding=1.2,
            v_align="TOP",
            first_row_as_headings=True,
            headings_style=FontFace(emphasis="BOLD", fill_color=(222, 228, 236)),
            repeat_headings=(TableHeadingsDisplay.ON_TOP_OF_EVERY_PAGE if repeat else TableHeadingsDisplay.NONE),
            borders_layout="ALL",
        ) as table:
            for row in rows:
                r = table.row()
                for cell in row:
                    r.cell(cell)
        self.ln(3)


# ---------------------------------------------------------------------------
# 1. Spare parts catalogue (table crosses a page break, heading repeated)
# ---------------------------------------------------------------------------
PARTS_HEAD = ("Part no.", "Description", "Fits", "Unit price", "Lead time")
PARTS_ROWS = [
    (
        "OV-1001",
        "Impeller, glass-filled polyamide, 112 mm diameter, five vanes, supplied with retaining nut and lock washer",
        "Corvan 40, Corvan 50",
        "EUR 38.60",
        "3 days",
    ),
    ("OV-1002", "Impeller, cast bronze, 112 mm diameter", "Corvan 40", "EUR 74.20", "10 days"),
    (
        "OV-1003",
        "Impeller, cast bronze, 128 mm diameter, seven vanes, balanced to grade G6.3, for hot water service above 90 C",
        "Corvan 65",
        "EUR 91.80",
        "14 days",
    ),
    (
        "OV-1010",
        "Mechanical shaft seal, carbon and ceramic faces, EPDM elastomers, 16 mm shaft, for water and water and glycol mixtures up to 110 C",
        "Corvan 40, Corvan 50, Corvan 65",
        "EUR 52.90",
        "3 days",
    ),
    (
        "OV-1011",
        "Mechanical shaft seal, silicon carbide faces, FKM elastomers, 16 mm shaft",
        "Corvan 65",
        "EUR 96.40",
        "14 days",
    ),
    ("OV-1020", "Pump casing O-ring, 148 x 4 mm, EPDM", "All Corvan models", "EUR 4.15", "1 day"),
    (
        "OV-1021",
        "Gasket set for flanged connections DN 40, with two gaskets, eight bolts M16 x 65, nuts and washers",
        "Corvan 40",
        "EUR 17.80",
        "3 days",
    ),
    ("OV-1022", "Gasket set for flanged connections DN 50, as OV-1021", "Corvan 50", "EUR 19.30", "3 days"),
    (
        "OV-1023",
        "Gasket set for flanged connections DN 65, with two gaskets, eight bolts M16 x 75, nuts and washers",
        "Corvan 65",
        "EUR 22.70",
        "5 days",
    ),
    ("OV-1030", "Motor run capacitor 4 uF, 450 V", "Corvan 40", "EUR 11.25", "1 day"),
    ("OV-1031", "Motor run capacitor 6 uF, 450 V", "Corvan 50, Corvan 65", "EUR 12.40", "1 day"),
    (
        "OV-1040",
        "Terminal box lid with cable gland M20 and gasket, grey; replaces the lids with the old two screw fixing on pumps built before March 2019",
        "All Corvan models",
        "EUR 23.75",
        "5 days",
    ),
    ("OV-1041", "Cable gland M20, nylon, with lock nut", "All Corvan models", "EUR 1.90", "1 day"),
    (
        "OV-1050",
        "Control module CM-3 with speed selector and status lamp, programmed at the factory; quote the serial number of the pump when ordering",
        "Corvan 50, Corvan 65",
        "EUR 148.00",
        "21 days",
    ),
    ("OV-1051", "Control module CM-2 with three fixed speeds", "Corvan 40", "EUR 119.00", "21 days"),
    (
        "OV-1060",
        "Bearing kit with two sealed ball bearings 6202, circlip and wave spring washer",
        "Corvan 50, Corvan 65",
        "EUR 27.60",
        "5 days",
    ),
    (
        "OV-1061",
        "Bearing kit with two sealed ball bearings 6201, circlip and wave spring washer",
        "Corvan 40",
        "EUR 25.10",
        "5 days",
    ),
    ("OV-1070", "Motor fan cover, pressed steel, painted grey", "Corvan 40, Corvan 50", "EUR 14.95", "3 days"),
    (
        "OV-1071",
        "Motor fan, polypropylene, 118 mm, push fit on the motor shaft behind the fan cover",
        "All Corvan models",
        "EUR 8.35",
        "3 days",
    ),
    ("OV-1080", "Bleed screw with sealing washer, brass", "All Corvan models", "EUR 3.20", "1 day"),
    ("OV-1081", "Drain plug G 1/4 with sealing washer, brass", "All Corvan models", "EUR 3.60", "1 day"),
    (
        "OV-1085",
        "Pressure gauge 0 to 6 bar, 63 mm dial, back entry G 1/4, with isolating valve and a short copper pigtail for mounting on the pump casing",
        "Corvan 50, Corvan 65",
        "EUR 34.40",
        "10 days",
    ),
    (
        "OV-1090",
        "Anti vibration mounting feet, set of four, natural rubber, with M10 studs",
        "Corvan 65",
        "EUR 29.90",
        "5 days",
    ),
    (
        "OV-1091",
        "Wall bracket for Corvan 40, galvanised steel, with fixing screws and wall plugs",
        "Corvan 40",
        "EUR 21.50",
        "3 days",
    ),
    (
        "OV-1095",
        "Insulation shell for the pump casing, expanded polypropylene, two halves with clips",
        "Corvan 40, Corvan 50",
        "EUR 31.20",
        "10 days",
    ),
    ("OV-1096", "Insulation shell for the pump casing of the Corvan 65", "Corvan 65", "EUR 36.70", "10 days"),
    (
        "OV-1099",
        "Service kit for the annual inspection: shaft seal OV-1010, casing O-ring OV-1020, bearing kit OV-1060, bleed screw and a tube of silicone grease, packed in a labelled box",
        "Corvan 50, Corvan 65",
        "EUR 109.50",
        "5 days",
    ),
]


def make_parts():
    pdf = Doc(
        header_left="Orrin & Vale Pump Systems Ltd - Spare Parts Catalogue SP-25",
        header_right="Corvan series",
        title="Spare Parts Catalogue SP-25: Corvan circulating pumps",
        author="Orrin & Vale Pump Systems Ltd",
    )
    pdf.title_block(
        "Spare Parts Catalogue SP-25", "Corvan 40, Corvan 50 and Corvan 65 circulating pumps - valid from 1 March 2025"
    )
    pdf.para(
        "This catalogue lists the spare parts that Orrin & Vale Pump Systems Ltd supplies for the "
        "Corvan series of circulating pumps. It replaces catalogue SP-23 and all earlier price "
        "lists. Part numbers did not change, but several descriptions were rewritten and the "
        "prices of the impellers and control modules have been revised."
    )
    pdf.para(
        "The lead time is the number of working days between the acceptance of an order and its "
        "dispatch from our warehouse in Harbeck. Parts with a lead time of 1 day are held in stock; "
        "parts with a lead time of 10 days or more are made or programmed to order."
    )
    pdf.heading("Parts list")
    pdf.grid([PARTS_HEAD] + PARTS_ROWS, (22, 84, 36, 20, 18), ("LEFT", "LEFT", "LEFT", "RIGHT", "LEFT"))
    pdf.para(
        "Note: all prices exclude VAT and carriage. Orders of parts worth more than EUR 250.00 "
        "are delivered carriage paid within the mainland. The service kit OV-1099 is not sold "
        "for the Corvan 40; owners of a Corvan 40 should order the seal, O-ring and bearing kit "
        "OV-1061 separately.",
        style="I",
    )
    pdf.heading("Returns")
    pdf.para(
        "Unused parts in their original packaging may be returned within 30 days of delivery. "
        "A restocking charge of 15 percent of the price is deducted from the refund. Control "
        "modules cannot be returned once they have been programmed for a pump. To arrange a "
        "return, call the parts desk on 0418 552 907 and ask for a returns number."
    )
    pdf.output(str(OUT / "parts-catalogue.pdf"))


# ---------------------------------------------------------------------------
# 2. Planning applications list (table crosses a page break, heading NOT repeated)
# ---------------------------------------------------------------------------
PLAN_HEAD = ("Reference", "Site address", "Proposal", "Ward", "Decision due")
PLAN_ROWS = [
    (
        "25/0311/FUL",
        "14 Mallory Lane, Upper Stenwick",
        "Erection of a single storey rear extension and replacement of the existing detached garage with a garden room",
        "Stenwick",
        "2 May 2025",
    ),
    (
        "25/0312/HOU",
        "Rowan Cottage, Pike Hill Road, Cresswold",
        "Installation of eight solar panels on the south facing roof slope",
        "Cresswold",
        "2 May 2025",
    ),
    (
        "25/0314/LBC",
        "The Old Granary, Mill Street, Brackenholt",
        "Listed building consent for the replacement of twelve timber sash windows on the front and side elevations with new timber sash windows of matching pattern, and repairs to the stone cills",
        "Brackenholt Central",
        "6 May 2025",
    ),
    (
        "25/0315/FUL",
        "Land north of Tanners Way, Brackenholt",
        "Construction of 24 dwellings with access from Tanners Way, public open space, a surface water attenuation pond and associated landscaping",
        "Brackenholt East",
        "13 June 2025",
    ),
    (
        "25/0316/ADV",
        "Unit 3, Greyford Retail Park, Brackenholt",
        "Display of two internally illuminated fascia signs and one free standing totem sign",
        "Brackenholt East",
        "6 May 2025",
    ),
    (
        "25/0318/HOU",
        "22 Church View, Lower Stenwick",
        "Loft conversion with a flat roofed rear dormer and two roof lights in the front roof slope",
        "Stenwick",
        "7 May 2025",
    ),
    (
        "25/0319/FUL",
        "Hollins Farm, Ferry Lane, Ashby Marsh",
        "Change of use of a redundant agricultural building to a farm shop and cafe with 18 parking spaces, new vehicular access and a package treatment plant",
        "Ashby Marsh",
        "27 May 2025",
    ),
    (
        "25/0320/TPO",
        "8 The Paddocks, Cresswold",
        "Crown reduction by 2 metres of one oak tree protected by Tree Preservation Order 14/1998",
        "Cresswold",
        "8 May 2025",
    ),
    (
        "25/0321/HOU",
        "The Laurels, 5 Station Road, Ashby Marsh",
        "Two storey side extension, a new front porch and the widening of the existing dropped kerb to create a second parking space",
        "Ashby Marsh",
        "8 May 2025",
    ),
    (
        "25/0323/FUL",
        "Former Brackenholt Bus Depot, Quarry Road",
        "Demolition of the depot buildings and erection of a three storey building of 36 apartments for older people with communal lounge, guest suite, 20 parking spaces and cycle store",
        "Brackenholt Central",
        "20 June 2025",
    ),
    (
        "25/0324/HOU",
        "41 Weaver Close, Brackenholt",
        "Replacement of the rear conservatory with a single storey extension",
        "Brackenholt Central",
        "9 May 2025",
    ),
    (
        "25/0325/FUL",
        "Stenwick Village Hall, School Lane, Upper Stenwick",
        "Single storey extension to the kitchen, installation of an air source heat pump on the north elevation and new ramped access to the main entrance",
        "Stenwick",
        "9 May 2025",
    ),
    (
        "25/0326/CLP",
        "3 Orchard Rise, Cresswold",
        "Certificate of lawfulness for a proposed outbuilding for use as a home gym",
        "Cresswold",
        "12 May 2025",
    ),
    (
        "25/0327/FUL",
        "Whitlow Quarry, Greyford Road",
        "Variation of condition 6 of permission 19/0844/FUL to extend the hours of working on Saturdays from 13:00 to 16:00 and to allow the export of stone by road on Saturday mornings",
        "Brackenholt East",
        "26 June 2025",
    ),
    (
        "25/0328/HOU",
        "Beck House, Ferry Lane, Ashby Marsh",
        "Erection of a detached double garage with a home office above",
        "Ashby Marsh",
        "12 May 2025",
    ),
    (
        "25/0330/FUL",
        "Plot 2, land adjacent to 17 Kiln Lane, Lower Stenwick",
        "Erection of one detached four bedroom dwelling with a detached single garage, the formation of a new access onto Kiln Lane and the removal of 14 metres of hedgerow",
        "Stenwick",
        "15 May 2025",
    ),
]
PLAN_DEC_HEAD = ("Reference", "Site address", "Decision", "Main conditions or reason")
PLAN_DEC_ROWS = [
    (
        "24/1187/HOU",
        "6 Linnet Walk, Brackenholt",
        "Granted",
        "Materials to match the existing house; no windows in the side wall facing 8 Linnet Walk",
    ),
    (
        "24/1192/FUL",
        "Greyford Social Club, Greyford Road",
        "Refused",
        "Loss of a community facility without evidence that it is no longer needed, contrary to policy CF2 of the Local Plan",
    ),
    (
        "25/0102/ADV",
        "Cresswold Garage, High Street, Cresswold",
        "Granted",
        "Signs to be switched off between 23:00 and 07:00",
    ),
    (
        "25/0117/HOU",
        "12 Mallory Lane, Upper Stenwick",
        "Granted",
        "Works to start within three years; the rear dormer to be clad in dark grey slate to match the roof, and the roof lights to be of conservation type fitted flush with the roof slope",
    ),
]


def make_planning():
    pdf = Doc(
        header_left="Brackenholt District Council - Planning Services",
        header_right="Weekly list 11/2025",
        title="Weekly list of planning applications received, week ending 14 March 2025",
        author="Brackenholt District Council",
    )
    pdf.title_block(
        "Weekly List of Planning Applications",
        "Applications registered in the week ending 14 March 2025 (weekly list 11/2025)",
    )
    pdf.para(
        "This list is published every Monday under the council's Statement of Community "
        "Involvement. It shows the planning applications registered in the previous week, "
        "with the ward in which each site lies and the date by which the council aims to "
        "decide the application. Plans and documents for every application can be seen on "
        "the council's planning register or at the Civic Offices, Quarry Road, Brackenholt, "
        "between 09:00 and 16:30 on weekdays."
    )
    pdf.para(
        "Application types are shown by the last part of the reference: FUL full application, "
        "HOU householder, LBC listed building consent, ADV advertisement consent, TPO works to "
        "protected trees, CLP certificate of lawfulness for a proposed use or development."
    )
    pdf.heading("Applications received")
    pdf.grid([PLAN_HEAD] + PLAN_ROWS, (24, 40, 68, 26, 22), ("LEFT", "LEFT", "LEFT", "LEFT", "LEFT"), repeat=False)
    pdf.para(
        "Comments on any application on this list must reach the council by 4 April 2025. "
        "Comments can be made on the planning register or by letter to the Head of Planning "
        "Services, Civic Offices, Quarry Road, Brackenholt. Anonymous comments are not taken "
        "into account, and all comments are published with the name of the person who made them."
    )
    pdf.heading("Decisions issued in the same week")
    pdf.grid([PLAN_DEC_HEAD] + PLAN_DEC_ROWS, (24, 46, 20, 90), ("LEFT", "LEFT", "LEFT", "LEFT"))
    pdf.para(
        "An applicant who disagrees with a refusal, or with a condition, may appeal to the "
        "Planning Appeals Office within 12 weeks of the date of the decision notice for "
        "householder applications and within 6 months for all other applications. Neighbours "
        "have no right of appeal."
    )
    pdf.output(str(OUT / "planning-applications.pdf"))


# ---------------------------------------------------------------------------
# 3. Outpatient clinic timetable (long Notes column; table crosses a page, heading repeated)
# ---------------------------------------------------------------------------
CLINIC_HEAD = ("Clinic", "Day", "Time", "Consultant", "Location", "Notes")
CLINIC_ROWS = [
    (
        "Cardiology (general)",
        "Monday",
        "09:00-12:30",
        "Dr Imogen Farrant",
        "Outpatients A, Room 4",
        "ECG is done at the clinic; please arrive 20 minutes early",
    ),
    (
        "Heart failure nurse clinic",
        "Monday",
        "13:30-16:30",
        "Sister Rhona Tilley",
        "Outpatients A, Room 6",
        "Bring all your medicines in their boxes and your record of daily weights",
    ),
    (
        "Diabetes and endocrinology",
        "Tuesday",
        "08:45-12:00",
        "Dr Samir Okonedo",
        "Outpatients B, Room 2",
        "Blood tests must be taken at least one week before the appointment at your GP surgery or at the Ashcombe phlebotomy room; do not fast unless the letter says so",
    ),
    (
        "Diabetic foot clinic",
        "Tuesday",
        "13:30-17:00",
        "Mr Callum Breward",
        "Podiatry Suite, Level 1",
        "Joint clinic with podiatry; wear loose footwear",
    ),
    (
        "Respiratory medicine",
        "Wednesday",
        "09:00-12:30",
        "Dr Helena Varga",
        "Outpatients A, Room 4",
        "Lung function tests are in the Respiratory Lab on Level 2 before you see the doctor; do not use a reliever inhaler for 6 hours before the test if you can manage without it",
    ),
    ("Sleep clinic", "Wednesday", "14:00-17:00", "Dr Helena Varga", "Outpatients A, Room 5", "New patients only"),
    (
        "Rheumatology",
        "Thursday",
        "09:00-12:30",
        "Dr Alun Peverell",
        "Outpatients B, Room 3",
        "Injection clinic in the same room from 12:30 to 13:00",
    ),
    (
        "Orthopaedics: hand and wrist",
        "Thursday",
        "13:30-17:00",
        "Miss Tamsin Oduya",
        "Fracture Clinic, Ground Floor",
        "X-ray may be needed before you are seen; allow up to three hours for the whole visit, and bring a list of any operations you have had on the hand before",
    ),
    (
        "Dermatology",
        "Friday",
        "08:30-12:00",
        "Dr Kasia Lindqvist",
        "Outpatients B, Room 5",
        "Photographs of skin lesions may be taken for your record",
    ),
    (
        "Ear, nose and throat",
        "Friday",
        "09:00-12:30",
        "Mr Declan Athey",
        "ENT Department, Level 1",
        "Hearing tests with the audiologist are booked for the same morning",
    ),
    (
        "Paediatric asthma",
        "Friday",
        "13:30-16:00",
        "Dr Nuala Brisk",
        "Children's Outpatients, Level 2",
        "Children must come with a parent or guardian; bring spacers and inhalers; a play specialist is available",
    ),
    (
        "Urology",
        "Saturday",
        "09:00-12:00",
        "Mr Oskar Penhale",
        "Day Surgery Unit, Ground Floor",
        "Saturday clinics run on the first and third Saturday of each month only; please drink a pint of water one hour before you arrive, as a bladder scan is done at every visit",
    ),
]
CLINIC_CONTACT_HEAD = ("Department", "Appointments line", "Hours")
CLINIC_CONTACT_ROWS = [
    ("Outpatients A and B", "01632 448 210", "Mon-Fri 08:00-17:00"),
    ("Fracture Clinic", "01632 448 377", "Mon-Fri 08:30-16:30"),
    ("Children's Outpatients", "01632 448 415", "Mon-Fri 08:30-16:00"),
    ("Podiatry Suite and Respiratory Lab", "01632 448 522", "Mon-Thu 09:00-16:00, Fri 09:00-13:00"),
]


def make_clinic():
    pdf = Doc(
        header_left="Ashcombe General Hospital - Outpatient Services",
        header_right="Timetable Q2 2025",
        title="Outpatient clinic timetable, April to June 2025",
        author="Ashcombe General Hospital Outpatient Services",
    )
    pdf.title_block("Outpatient Clinic Timetable", "Ashcombe General Hospital, Wellmoor Road - April to June 2025")
    pdf.para(
        "This timetable shows the regular consultant and nurse led clinics held in the "
        "outpatient areas of Ashcombe General Hospital from 1 April to 30 June 2025. Your "
        "appointment letter gives the exact time of your appointment; the times below are the "
        "hours of the whole clinic. Please read the notes for your clinic before you come."
    )
    pdf.para(
        "Outpatients A is reached from the main entrance on Wellmoor Road; Outpatients B is "
        "next to it, past the pharmacy. The Fracture Clinic and the Day Surgery Unit have their "
        "own entrance from the car park on Colley Street. The car park charges EUR 2.40 for up "
        "to two hours; blue badge holders park free."
    )
    pdf.para(
        "Patients who need an interpreter should tell the appointments team at least five "
        "working days before the appointment, so that one can be booked. Patients who cannot "
        "keep an appointment are asked to let us know, so that the slot can be offered to "
        "somebody else."
    )
    pdf.heading("Weekly clinics")
    pdf.grid([CLINIC_HEAD] + CLINIC_ROWS, (30, 18, 21, 28, 29, 54), ("LEFT",) * 6, size=8.2)
    pdf.para(
        "Clinics do not run on bank holidays (18 and 21 April, 5 and 26 May 2025). Patients "
        "booked into a clinic that falls on a bank holiday will be sent a new appointment.",
        style="I",
    )
    pdf.heading("Contacting the appointments team")
    pdf.grid([CLINIC_CONTACT_HEAD] + CLINIC_CONTACT_ROWS, (60, 40, 60), ("LEFT",) * 3)
    pdf.para(
        "Outside these hours, messages can be left on the appointments line and are answered "
        "the next working day. For urgent medical advice call the out of hours service on 111."
    )
    pdf.output(str(OUT / "clinic-timetable.pdf"))


# ---------------------------------------------------------------------------
# 4. Course handbook (long module titles and assessment descriptions)
# ---------------------------------------------------------------------------
MOD_HEAD = ("Code", "Module title", "Credits", "Semester", "Module leader", "Assessment")
MOD_ROWS = [
    (
        "HYD7001",
        "Catchment Hydrology and the Water Balance",
        "20",
        "1",
        "Dr Petra Lowndes",
        "Exam 60%, field report 40%",
    ),
    (
        "HYD7002",
        "Statistical Methods for Hydrological Extremes, Flood Frequency and Drought Analysis",
        "20",
        "1",
        "Prof. Gideon Ashdown",
        "Coursework 100% (two problem sheets and a data analysis project)",
    ),
    (
        "HYD7003",
        "Groundwater Flow and Contaminant Transport",
        "15",
        "1",
        "Dr Miriam Quayle",
        "Exam 70%, modelling exercise 30%",
    ),
    (
        "HYD7004",
        "Field Methods in Hydrometry: Gauging, Tracer Dilution and Sensor Networks for River and Groundwater Monitoring",
        "10",
        "1",
        "Mr Tobias Ellery",
        "Field notebook 50%, group presentation 50%",
    ),
    ("HYD7005", "Research Skills and Scientific Writing", "5", "1", "Dr Petra Lowndes", "Literature review 100%"),
    ("HYD7011", "Numerical Modelling of River Systems", "20", "2", "Dr Anselm Treharne", "Modelling project 100%"),
    (
        "HYD7012",
        "Water Quality, Diffuse Pollution and the Management of Nutrient Loads in Agricultural Catchments",
        "15",
        "2",
        "Dr Ifeoma Ravensworth",
        "Exam 50%, policy brief 50%",
    ),
    (
        "HYD7013",
        "Urban Drainage and Sustainable Drainage Systems",
        "15",
        "2",
        "Dr Miriam Quayle",
        "Design project 100%",
    ),
    (
        "HYD7014",
        "Remote Sensing and Geographic Information Systems for Water Resources, with an Introduction to Satellite Rainfall Products",
        "10",
        "2",
        "Dr Yusuf Calloway",
        "Two practical reports, 50% each",
    ),
    (
        "HYD7015",
        "Hydrology and Water Management in a Changing Climate",
        "10",
        "2",
        "Prof. Gideon Ashdown",
        "Essay 100%",
    ),
    (
        "HYD7090",
        "Dissertation in Applied Hydrology, including a Research Proposal, an Independent Project and an Oral Examination",
        "40",
        "3 (summer)",
        "Dr Anselm Treharne",
        "Proposal 10%, dissertation 80%, oral 10%",
    ),
]
DATES_HEAD = ("Date", "Event")
DATES_ROWS = [
    ("22 September 2025", "Induction week starts; registration and the library and computing introductions"),
    ("29 September 2025", "Teaching of semester 1 starts"),
    (
        "13 to 17 October 2025",
        "Residential field course at the Carrow Beck field station (compulsory for HYD7001 and HYD7004; transport and accommodation are paid by the School)",
    ),
    ("12 January 2026", "Semester 1 examinations start"),
    ("2 February 2026", "Teaching of semester 2 starts"),
    ("6 March 2026", "Deadline for submitting the dissertation proposal to the programme director"),
    (
        "11 September 2026",
        "Deadline for submitting the dissertation, electronic copy only, through the submission portal by 14:00",
    ),
]


def make_handbook():
    pdf = Doc(
        header_left="Fenwick Institute of Technology - School of Earth and Water",
        header_right="MSc Applied Hydrology 2025/26",
        title="MSc Applied Hydrology programme handbook 2025/26",
        author="Fenwick Institute of Technology, School of Earth and Water",
    )
    pdf.title_block(
        "MSc Applied Hydrology: Programme Handbook 2025/26", "Full-time programme, one calendar year, 180 credits"
    )
    pdf.para(
        "Welcome to the MSc in Applied Hydrology. This handbook sets out the structure of the "
        "programme, the modules you will take and the dates that matter during the year. The "
        "programme director is Prof. Gideon Ashdown (room E2.17, extension 4471), who is the "
        "first person to contact about anything that concerns the programme as a whole."
    )
    pdf.heading("1. Programme structure")
    pdf.para(
        "All modules are compulsory; there are no optional modules in 2025/26. The taught "
        "modules carry 140 credits in total and the dissertation carries 40 credits. Semester 1 "
        "runs from September to January and semester 2 from February to June; the dissertation "
        "is written over the summer."
    )
    pdf.heading("2. Modules")
    pdf.grid(
        [MOD_HEAD] + MOD_ROWS, (18, 62, 15, 18, 31, 36), ("LEFT", "LEFT", "CENTER", "CENTER", "LEFT", "LEFT"), size=8.5
    )
    pdf.para(
        "The pass mark for every module is 50%. A student who fails a module with a mark of "
        "40% or more may resit it once, in the August resit period; the mark for a resit module "
        "is capped at 50%. Marks below 40% cannot be compensated."
    )
    pdf.heading("3. Key dates")
    pdf.grid([DATES_HEAD] + DATES_ROWS, (40, 140), ("LEFT", "LEFT"))
    pdf.para(
        "Work handed in late without an approved extension loses 5 marks for each working day "
        "it is late, up to five working days; after that it receives a mark of zero. Extensions "
        "are requested from the programme administrator, Ms Delyth Orme, before the deadline."
    )
    pdf.output(str(OUT / "course-handbook.pdf"))


# ---------------------------------------------------------------------------
# 5. Product recall notice (long product names and remedies; wrapped last row)
# ---------------------------------------------------------------------------
RECALL_HEAD = ("Model", "Product", "Serial numbers affected", "Sold", "What to do")
RECALL_ROWS = [
    (
        "KT-170W",
        "Kestrel 1.7 litre cordless kettle, white gloss",
        "2403A0001 to 2403A8750",
        "May 2024 to Dec 2024",
        "Stop using it; free replacement kettle",
    ),
    (
        "KT-170B",
        "Kestrel 1.7 litre cordless kettle, black gloss",
        "2403B0001 to 2403B6200",
        "May 2024 to Dec 2024",
        "Stop using it; free replacement kettle",
    ),
    (
        "KT-150S",
        "Kestrel Compact 1.5 litre cordless kettle with brushed stainless steel body and blue water window",
        "2404S0001 to 2404S3125",
        "June 2024 to Jan 2025",
        "Stop using it; free replacement kettle, or a full refund if you prefer",
    ),
    (
        "KT-175G",
        "Kestrel Variable Temperature 1.7 litre kettle with keep warm function, graphite",
        "2405G0001 to 2405G2480",
        "July 2024 to Jan 2025",
        "Stop using it; free replacement of the power base only, sent by post with a prepaid bag for returning the old base",
    ),
    ("TS-220W", "Kestrel two slice toaster, white", "not affected", "-", "No action needed"),
    (
        "KT-170C",
        "Kestrel 1.7 litre cordless kettle, cream, sold only through Harrow & Pike department stores",
        "2403C0001 to 2403C1900",
        "Sept 2024 to Dec 2024",
        "Return it to any Harrow & Pike store for a full refund; a receipt is not needed",
    ),
    (
        "KTS-1",
        "Kestrel breakfast set: KT-170W kettle with matching TS-220W toaster, gift boxed",
        "S2404-0001 to S2404-0950",
        "Oct 2024 to Dec 2024",
        "Keep the toaster; stop using the kettle and register for a free replacement kettle, which will be sent in the same white finish",
    ),
]


def make_recall():
    pdf = Doc(
        header_left="Tovemark Appliances Ltd - Product Safety",
        header_right="Recall notice TA-R-2025-02",
        title="Product recall notice TA-R-2025-02: Kestrel kettles",
        author="Tovemark Appliances Ltd",
    )
    pdf.title_block("PRODUCT RECALL: Kestrel cordless kettles", "Recall notice TA-R-2025-02, issued 10 March 2025")
    pdf.para(
        "Tovemark Appliances Ltd is recalling certain Kestrel cordless kettles because the "
        "power base can overheat where the kettle sits on it. In rare cases the plastic of the "
        "base may melt, which could cause a fire. We have received 11 reports of bases "
        "overheating and no reports of injury."
    )
    pdf.para(
        "Only the models and serial numbers listed below are affected. The serial number is on "
        "the silver label under the power base and begins with four digits followed by a "
        "letter. If your kettle is not listed, you can carry on using it."
    )
    pdf.heading("Affected products")
    pdf.grid([RECALL_HEAD] + RECALL_ROWS, (20, 52, 36, 28, 44), ("LEFT",) * 5)
    pdf.para(
        "To register for a replacement or refund, call the Tovemark recall line on 0800 917 3320 "
        "(free, Monday to Saturday 08:00 to 20:00) or fill in the form on the Tovemark website. "
        "You will need the model and the serial number. Replacements are normally sent within "
        "14 days of registration."
    )
    pdf.heading("What we are doing")
    pdf.para(
        "The fault has been traced to a batch of thermal fuses supplied to the factory between "
        "March and July 2024. Kettles made since August 2024 use a fuse from another supplier "
        "and are not affected. We are sorry for the inconvenience this recall causes."
    )
    pdf.output(str(OUT / "recall-notice.pdf"))


def main():
    OUT.mkdir(exist_ok=True)
    make_parts()
    make_planning()
    make_clinic()
    make_handbook()
    make_recall()


if __name__ == "__main__":
    main()
