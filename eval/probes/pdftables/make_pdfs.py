#!/usr/bin/env python3
"""Write the five invented table-heavy PDFs of the 'pdftables' probe set.

Every organisation, person, place and number in these documents is invented.

    pip install fpdf2          # not a project dependency
    python make_pdfs.py        # writes ./corpus/*.pdf next to this script

Each document is mostly tables (fpdf2 ``table()`` with a bold heading row),
with some prose around them, a running header and a "Page N of M" footer.
The row data lives in module-level lists so that the question set can be
checked against exactly what was typeset.
"""

from __future__ import annotations

import logging
import pathlib
from datetime import UTC, datetime

from fpdf import FPDF, XPos, YPos
from fpdf.fonts import FontFace

logging.getLogger("fontTools").setLevel(logging.ERROR)  # quiet font-header warnings

HERE = pathlib.Path(__file__).resolve().parent
OUT = HERE / "corpus"
FONT_DIR = pathlib.Path("/usr/share/fonts/truetype")
FIXED_DATE = datetime(2025, 5, 12, 9, 0, tzinfo=UTC)
DASH = "\u2013"  # en dash, used for "not served" / "not applicable" cells


def T(s: str) -> str:
    """Collapse the whitespace of a triple-quoted source string."""
    return " ".join(s.split())


class Doc(FPDF):
    """A4 document with a running header, a "Page N of M" footer and helpers."""

    def __init__(
        self,
        *,
        family,
        size,
        lh,
        header_left,
        header_right="",
        ttf=None,
        title="",
        author="",
        margins=(18, 24, 18),
        bottom=20,
    ):
        super().__init__(format="A4", unit="mm")
        if ttf:
            for style, fname in ttf.items():
                self.add_font(family, style, str(FONT_DIR / fname))
        else:
            self.core_fonts_encoding = "windows-1252"
        self.family = family
        self.size = size
        self.lh = lh
        self.header_left = header_left
        self.header_right = header_right
        self.set_margins(*margins)
        self.set_auto_page_break(True, margin=bottom)
        self.set_title(title)
        self.set_author(author)
        self.set_creator("make_pdfs.py (fpdf2)")
        self.set_creation_date(FIXED_DATE)

    def header(self):
        self.set_font(self.family, "", 8.5)
        self.set_text_color(90, 90, 90)
        w = self.w - self.l_margin - self.r_margin
        self.set_xy(self.l_margin, 10)
        self.cell(w, 5, self.header_left, align="L")
        if self.header_right:
            self.set_xy(self.l_margin, 10)
            self.cell(w, 5, self.header_right, align="R")
        self.set_draw_color(150, 150, 150)
        self.set_line_width(0.2)
        self.line(self.l_margin, 16, self.w - self.r_margin, 16)
        self.set_text_color(0, 0, 0)
        self.set_draw_color(0, 0, 0)
        self.set_y(self.t_margin)

    def footer(self):
        self.set_font(self.family, "", 8.5)
        self.set_text_color(90, 90, 90)
        self.set_xy(self.l_margin, self.h - 12)
        self.cell(self.w - self.l_margin - self.r_margin, 5, f"Page {self.page_no()} of {{nb}}", align="C")
        self.set_text_color(0, 0, 0)

    # helpers ---------------------------------------------------------------
    def title_block(self, lines):
        for text, style, size, after in lines:
            self.set_font(self.family, style, size)
            self.multi_cell(0, size * 0.48, text, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
            self.ln(after)

    def heading(self, text, size=None):
        size = size or self.size + 2.5
        if self.get_y() + 30 > self.page_break_trigger:
            self.add_page()
        if self.get_y() > self.t_margin + 1:
            self.ln(3)
        self.set_font(self.family, "B", size)
        self.multi_cell(0, size * 0.5, text, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.ln(2)

    def para(self, text, *, after=2.6, style="", size=None):
        self.set_font(self.family, style, size or self.size)
        self.multi_cell(0, self.lh, text, align="J", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.ln(after)

    def grid(
        self,
        heading,
        rows,
        widths,
        aligns,
        *,
        size=None,
        fill=(225, 232, 240),
        borders="SINGLE_TOP_LINE",
        zebra=None,
        keep_together=False,
    ):
        self.set_font(self.family, "", size or self.size - 1)
        if keep_together:
            need = (len(rows) + 1) * (self.lh + 2.2) + 4
            if self.get_y() + need > self.page_break_trigger:
                self.add_page()
        kwargs = dict(
            col_widths=widths,
            width=sum(widths),
            align="LEFT",
            text_align=aligns,
            line_height=self.lh,
            borders_layout=borders,
            headings_style=FontFace(emphasis="BOLD", fill_color=fill),
            padding=(1.1, 1.6),
        )
        if zebra:
            kwargs["cell_fill_color"] = zebra
            kwargs["cell_fill_mode"] = "ROWS"
        with self.table(**kwargs) as table:
            r = table.row()
            for cell in heading:
                r.cell(cell)
            for row in rows:
                r = table.row()
                for cell in row:
                    r.cell(cell)
        self.ln(3)


# ===========================================================================
# 1. Hardware wholesaler's price list
# ===========================================================================
PRICE_HEAD = ["Item code", "Description", "Pack size", "Unit price (\u20ac)", "Stock"]
PRICE_ROWS = [
    ["HB-075", "Brass butt hinge 75 mm", "Pair", "4.85", "1,200"],
    ["HB-100", "Brass butt hinge 100 mm", "Pair", "6.40", "860"],
    ["HS-075", "Steel butt hinge 75 mm", "Pair", "2.95", "2,450"],
    ["TB-150", "Tower bolt 150 mm, black", "Each", "4.10", "365"],
    ["TB-200", "Tower bolt 200 mm, black", "Each", "4.95", "210"],
    ["CH-300", "Cabin hook 300 mm, galvanised", "Each", "3.75", "420"],
    ["GL-110", "Gate thumb latch, black", "Each", "8.45", "180"],
    ["PD-40", "Padlock 40 mm, laminated steel", "Each", "11.80", "150"],
    ["PD-50", "Padlock 50 mm, laminated steel", "Each", "14.90", "95"],
    ["DH-128", "Cabinet handle 128 mm, brushed nickel", "Each", "3.20", "740"],
    ["DH-160", "Cabinet handle 160 mm, brushed nickel", "Each", "3.65", "515"],
    ["SB-100", "Shelf bracket 100 mm, white", "Pair", "1.95", "1,020"],
    ["SB-150", "Shelf bracket 150 mm, white", "Pair", "2.45", ""],
    ["SC-4030", "Wood screw 4.0 x 30 mm, zinc", "Box of 200", "5.60", "3,100"],
    ["SC-4040", "Wood screw 4.0 x 40 mm, zinc", "Box of 200", "6.15", "2,740"],
    ["SC-5060", "Wood screw 5.0 x 60 mm, zinc", "Box of 100", "7.30", "1,580"],
    ["NL-065", "Round wire nail 65 mm", "1 kg tub", "3.90", "940"],
    ["NL-040", "Panel pin 40 mm", "500 g tub", "4.25", "610"],
    ["WP-08", "Nylon wall plug 8 mm", "Bag of 100", "2.10", "5,200"],
    ["WP-10", "Nylon wall plug 10 mm", "Bag of 100", "2.60", ""],
    ["AP-120", "Sanding sheet P120", "Pack of 25", "9.90", "300"],
    ["MT-5", "Measuring tape 5 m", "Each", "7.25", "240"],
    ["SL-600", "Spirit level 600 mm", "Each", "18.50", "60"],
    ["SX-310", "Silicone sealant, clear, 310 ml", "Cartridge", "5.40", "880"],
    ["SW-310", "Silicone sealant, white, 310 ml", "Cartridge", "5.40", "1,150"],
]
DELIVERY_HEAD = ["Zone", "Area", "Orders under \u20ac250", "Orders \u20ac250 and over", "Delivered"]
DELIVERY_ROWS = [
    ["A", "Carrowby town centre and Eastdock", "12.00", "Free", "Next working day"],
    ["B", "Carrowby suburbs within the ring road", "18.50", "Free", "Next working day"],
    ["C", "Lennick, Harlow Moss and Stainby", "26.00", "9.50", "2 working days"],
    ["D", "Rural postcodes of the Fell district", "39.00", "19.50", "3 working days"],
]


def price_list(path):
    d = Doc(
        family="Helvetica",
        size=10,
        lh=5.0,
        header_left="Tallis & Brook Hardware Supplies Ltd \u2014 Trade Price List",
        header_right="Spring 2025",
        title="Trade Price List, Spring 2025",
        author="Tallis & Brook Hardware Supplies Ltd",
    )
    d.add_page()
    d.title_block(
        [
            ("Trade Price List", "B", 22, 2),
            ("Tallis & Brook Hardware Supplies Ltd", "", 13, 1),
            ("Unit 4, Wharfside Trading Estate, Carrowby \u2022 Valid from 3 March 2025", "", 9.5, 5),
        ]
    )
    d.para(
        T("""This list replaces the Autumn 2024 list and applies to all trade account
    orders placed on or after 3 March 2025. Prices are per pack and exclude VAT, which is
    added at 21% on the invoice. Stock figures were taken on 28 February 2025 and change
    daily.""")
    )
    d.para(
        T("""A blank stock figure means the item is being re-counted after the move to
    our new warehouse; please ring the trade counter for availability before ordering.""")
    )
    d.heading("Ironmongery and fixings")
    d.grid(
        PRICE_HEAD,
        PRICE_ROWS,
        widths=(22, 72, 28, 28, 24),
        aligns=("LEFT", "LEFT", "LEFT", "RIGHT", "RIGHT"),
        size=9.5,
        zebra=(245, 245, 245),
    )
    d.para(
        T("""Trade accounts spending more than \u20ac1,000 in a calendar month receive a
    rebate of 4% on that month's goods, credited to the following month's statement.""")
    )
    d.heading("Delivery charges")
    d.para(
        T("""Orders placed by 14:00 are picked the same day. Delivery charges are per
    drop and depend on the zone of the delivery address and on the value of the order
    before VAT.""")
    )
    d.grid(
        DELIVERY_HEAD,
        DELIVERY_ROWS,
        widths=(14, 66, 30, 36, 28),
        aligns=("CENTER", "LEFT", "RIGHT", "RIGHT", "LEFT"),
        size=9.5,
        keep_together=True,
    )
    d.para(
        T("""Collection from the trade counter at Wharfside is free. The trade counter is
    open from 07:00 to 16:30 on weekdays and from 08:00 to 12:00 on Saturdays.""")
    )
    d.para(
        T("""Goods may be returned unused in their original packaging within 30 days of
    delivery; a restocking charge of 10% applies to returns of special-order items.""")
    )
    d.output(str(path))


# ===========================================================================
# 2. Regional bus timetable
# ===========================================================================
OUT_HEAD = ["Stop", "47", "47", "47X", "47", "47"]
OUT_ROWS = [
    ["Harrowgate Bus Station", "07:15", "08:05", "09:10", "12:30", "16:45"],
    ["Harrowgate Hospital", "07:21", "08:12", "09:16", "12:36", "16:52"],
    ["Millbrook Green", "07:29", "08:21", DASH, "12:44", "17:01"],
    ["Millbrook Church", "07:32", "08:24", DASH, "12:47", "17:04"],
    ["Pellin Cross", "07:42", "08:36", "09:31", "12:58", "17:16"],
    ["Fendle Bridge", "07:50", "08:44", "09:39", "13:06", "17:25"],
    ["Ostby Market Place", "08:01", "08:56", "09:50", "13:17", "17:37"],
    ["Ostby College", "08:06", DASH, "09:55", "13:22", "17:42"],
]
BACK_HEAD = ["Stop", "47", "47X", "47", "47", "47"]
BACK_ROWS = [
    ["Ostby College", "07:05", "10:20", DASH, "15:40", "17:55"],
    ["Ostby Market Place", "07:11", "10:26", "13:35", "15:46", "18:01"],
    ["Fendle Bridge", "07:22", "10:36", "13:46", "15:57", "18:12"],
    ["Pellin Cross", "07:31", "10:44", "13:55", "16:06", "18:21"],
    ["Millbrook Church", "07:41", DASH, "14:05", "16:16", "18:31"],
    ["Millbrook Green", "07:44", DASH, "14:08", "16:19", "18:34"],
    ["Harrowgate Hospital", "07:53", "11:01", "14:17", "16:28", "18:43"],
    ["Harrowgate Bus Station", "08:00", "11:07", "14:24", "16:35", "18:50"],
]
FARE_HEAD = ["Ticket", "Adult", "Child (5\u201315)", "Student"]
FARE_ROWS = [
    ["Single, within Harrowgate", "\u00a31.90", "\u00a31.00", "\u00a31.50"],
    ["Single, any distance", "\u00a33.40", "\u00a31.70", "\u00a32.70"],
    ["Return, any distance", "\u00a35.90", "\u00a32.90", "\u00a34.70"],
    ["Day Rider (all Vellmoor routes)", "\u00a37.20", "\u00a33.60", "\u00a35.80"],
    ["Weekly Rider (all Vellmoor routes)", "\u00a326.00", "\u00a313.00", "\u00a320.00"],
]


def timetable(path):
    d = Doc(
        family="DejaVu",
        size=9.5,
        lh=4.9,
        ttf={"": "dejavu/DejaVuSans.ttf", "B": "dejavu/DejaVuSans-Bold.ttf", "I": "dejavu/DejaVuSans-Oblique.ttf"},
        header_left="Vellmoor Valley Buses \u2014 Route 47",
        header_right="Monday to Friday",
        title="Route 47 timetable",
        author="Vellmoor Valley Buses",
    )
    d.add_page()
    d.title_block(
        [
            ("Route 47", "B", 22, 2),
            ("Harrowgate \u2013 Millbrook \u2013 Pellin Cross \u2013 Ostby", "", 13, 1),
            ("Monday to Friday timetable, valid from 7 April 2025", "", 9.5, 5),
        ]
    )
    d.para(
        T("""Route 47 links Harrowgate with Ostby through the Millbrook villages and Pellin
    Cross. Times shown are departure times from each stop. A dash means that the journey
    does not call at that stop.""")
    )
    d.para(
        T("""Journeys marked 47X run on schooldays only and run non-stop between Harrowgate
    Hospital and Pellin Cross, so they do not call at Millbrook Green or Millbrook Church.""")
    )
    d.heading("Harrowgate to Ostby")
    d.grid(
        OUT_HEAD,
        OUT_ROWS,
        widths=(56, 22, 22, 22, 22, 22),
        aligns=("LEFT",) + ("CENTER",) * 5,
        size=9.5,
        zebra=(244, 246, 250),
    )
    d.para(
        T("""The 08:05 from Harrowgate Bus Station terminates at Ostby Market Place.
    Passengers for Ostby College should use the 07:15 or the schooldays 47X.""")
    )
    d.add_page()
    d.heading("Ostby to Harrowgate")
    d.grid(
        BACK_HEAD,
        BACK_ROWS,
        widths=(56, 22, 22, 22, 22, 22),
        aligns=("LEFT",) + ("CENTER",) * 5,
        size=9.5,
        zebra=(244, 246, 250),
    )
    d.para(
        T("""The 13:35 from Ostby Market Place starts there and does not serve Ostby
    College. The last journey of the day, the 17:55 from Ostby College, waits up to five
    minutes for late-running college classes during term time.""")
    )
    d.heading("Fares")
    d.para(
        T("""Fares apply from 7 April 2025. Children under five travel free with a
    fare-paying adult, and a valid student card must be shown for student fares.""")
    )
    d.grid(
        FARE_HEAD,
        FARE_ROWS,
        widths=(72, 28, 30, 28),
        aligns=("LEFT", "RIGHT", "RIGHT", "RIGHT"),
        size=9.5,
        keep_together=True,
    )
    d.para(
        T("""Day Rider and Weekly Rider tickets are valid on every Vellmoor Valley Buses
    route and can be bought on the bus or in the Vellmoor app. Saturday and Sunday
    services on route 47 are shown in a separate leaflet.""")
    )
    d.para(
        T("""All buses on route 47 are low-floor and have space for one wheelchair and
    one pushchair. Lost property is kept at the Harrowgate Bus Station enquiry office
    for 28 days.""")
    )
    d.output(str(path))


# ===========================================================================
# 3. Hospital department staff directory
# ===========================================================================
STAFF_HEAD = ["Name", "Role", "Extension", "Room", "Pager"]
STAFF_ROWS = [
    ["Dr Amira Balogun", "Consultant Respiratory Physician", "4412", "R2.14", "311"],
    ["Dr Tomas Brennick", "Consultant Respiratory Physician", "4415", "R2.16", "314"],
    ["Dr Lucy Carvell", "Specialty Registrar", "4431", "R2.30", "362"],
    ["Mr Daniel Cope", "Respiratory Physiologist", "4470", "R1.05", ""],
    ["Ms Priya Dattani", "Clinical Nurse Specialist, Asthma", "4458", "R1.12", "377"],
    ["Mr Tobias Enright", "Ward Clerk, Ward 7", "4506", "W7.03", ""],
    ["Dr Ewan Faulds", "Consultant, Sleep Medicine", "4418", "R2.18", "318"],
    ["Ms Grace Fennimore", "Ward Manager, Ward 7", "4501", "W7.01", "402"],
    ["Mr Isaac Garrow", "Physiotherapist", "4477", "R1.20", ""],
    ["Dr Nadia Hollis", "Specialty Registrar", "4433", "R2.30", "365"],
    ["Dr Nadine Hollis", "Foundation Doctor", "4436", "R2.32", "391"],
    ["Ms Joanne Ilsley", "Department Secretary", "4400", "R2.01", ""],
    ["Dr Kwame Jessop", "Consultant, Interstitial Lung Disease", "4420", "R2.20", "320"],
    ["Mrs Rosa Kettering", "Lung Function Laboratory Lead", "4472", "R1.07", ""],
    ["Dr Martin Lowry", "Clinical Fellow", "4438", "R2.34", "384"],
    ["Ms Sinead Maddox", "Clinical Nurse Specialist, COPD", "4459", "R1.14", "378"],
    ["Mr Oliver Nash", "Respiratory Physiologist", "4471", "R1.05", ""],
    ["Ms Maria Orley", "Sleep Physiologist", "4474", "R1.09", ""],
    ["Dr Owen Price", "Specialty Registrar", "4434", "R2.30", "366"],
    ["Dr Owen Pryce", "Consultant Respiratory Physician", "4423", "R2.22", "323"],
    ["Ms Harriet Quayle", "Medical Secretary", "4402", "R2.03", ""],
    ["Dr Yusuf Rahmani", "Consultant, Lung Cancer", "4425", "R2.24", "325"],
    ["Ms Beth Sallow", "Lung Cancer Nurse Specialist", "4460", "R1.16", "379"],
    ["Mr Callum Stroud", "Healthcare Assistant, Ward 7", "4505", "W7.02", ""],
    ["Dr Ingrid Thale", "Consultant, Cystic Fibrosis", "4427", "R2.26", "327"],
    ["Ms Keeley Umber", "Oxygen Service Coordinator", "4464", "R1.18", "381"],
    ["Dr Felix Varney", "Specialty Registrar", "4435", "R2.30", "367"],
    ["Ms Wendy Whitlow", "Deputy Ward Manager, Ward 7", "4502", "W7.01", "403"],
    ["Mr Adam Yardley", "Pharmacist, Respiratory", "4480", "R1.22", "388"],
    ["Dr Zofia Zelenka", "Clinical Fellow", "4439", "R2.34", "385"],
]
USEFUL_HEAD = ["Service", "Extension", "Hours"]
USEFUL_ROWS = [
    ["Ward 7 nurses' station", "4500", "24 hours"],
    ["Lung function test bookings", "4490", "Mon\u2013Fri 08:30\u201316:30"],
    ["Sleep clinic enquiries", "4492", "Mon\u2013Fri 09:00\u201316:00"],
    ["Home oxygen service", "4494", "Mon\u2013Fri 08:00\u201318:00"],
    ["Respiratory outpatient reception", "4496", "Mon\u2013Fri 08:00\u201317:00"],
]


def staff_directory(path):
    d = Doc(
        family="LiberationSans",
        size=10,
        lh=5.0,
        ttf={
            "": "liberation/LiberationSans-Regular.ttf",
            "B": "liberation/LiberationSans-Bold.ttf",
            "I": "liberation/LiberationSans-Italic.ttf",
        },
        header_left="Corrbridge Royal Infirmary \u2014 Department of Respiratory Medicine",
        header_right="Staff directory, May 2025",
        title="Department of Respiratory Medicine: staff directory",
        author="Corrbridge Royal Infirmary",
    )
    d.add_page()
    d.title_block(
        [
            ("Staff Directory", "B", 22, 2),
            ("Department of Respiratory Medicine", "", 13, 1),
            ("Corrbridge Royal Infirmary, Level 2, East Wing \u2022 Issued 6 May 2025", "", 9.5, 5),
        ]
    )
    d.para(
        T("""This directory lists the consultants, doctors, nurses, physiologists and
    administrative staff of the Department of Respiratory Medicine. Internal extensions can
    be dialled from any hospital telephone; from outside, call the switchboard on
    01632 960 400 and ask for the extension.""")
    )
    d.para(
        T("""Rooms beginning R1 are on the first floor of the East Wing, rooms beginning R2
    are on the second floor, and rooms beginning W7 are on Ward 7. Staff without a pager
    number can be reached through the Ward 7 nurses' station or by extension.""")
    )
    d.heading("Staff")
    d.grid(
        STAFF_HEAD,
        STAFF_ROWS,
        widths=(44, 66, 22, 20, 18),
        aligns=("LEFT", "LEFT", "CENTER", "CENTER", "CENTER"),
        size=9.5,
        zebra=(244, 247, 244),
        fill=(215, 230, 215),
    )
    d.heading("Useful numbers")
    d.grid(
        USEFUL_HEAD,
        USEFUL_ROWS,
        widths=(70, 24, 56),
        aligns=("LEFT", "CENTER", "LEFT"),
        size=9.5,
        fill=(215, 230, 215),
        keep_together=True,
    )
    d.para(
        T("""Out of hours, the on-call respiratory registrar is reached by asking the
    switchboard to bleep the respiratory registrar on call. Please report changes to this
    directory to the department secretary, who reissues it on the first Monday of each
    month.""")
    )
    d.output(str(path))


# ===========================================================================
# 4. Electric outboard motor spec sheet
# ===========================================================================
SPEC_HEAD = ["", "Tern 3", "Tern 6", "Tern 10"]
SPEC_ROWS = [
    ["Power", "3 kW", "6 kW", "10 kW"],
    ["Comparable petrol outboard", "6 hp", "9.9 hp", "20 hp"],
    ["Weight, motor only", "12.0 kg", "17.5 kg", "26.0 kg"],
    ["Weight, with battery", "18.5 kg", "30.5 kg", "57.0 kg"],
    ["Shaft length", "Short (381 mm)", "Short or long", "Long (508 mm)"],
    ["Battery", "1.0 kWh integrated", "2.0 kWh removable", "5.3 kWh removable"],
    ["Range at half throttle", "19 km", "24 km", "31 km"],
    ["Range at full throttle", "6 km", "8 km", "11 km"],
    ["Charging time (0\u2013100%)", "4.5 h", "6 h", "8.5 h"],
    ["Steering", "Tiller", "Tiller", "Tiller or remote"],
    ["Recommended boat length", "up to 4.5 m", "up to 6 m", "up to 8 m"],
    ["Price", "\u20ac1,890", "\u20ac2,950", "\u20ac5,400"],
]
ACC_HEAD = ["Part no.", "Accessory", "Fits", "Price"]
ACC_ROWS = [
    ["TA-210", "Spare battery 2.0 kWh", "Tern 6", "\u20ac980"],
    ["TA-530", "Spare battery 5.3 kWh", "Tern 10", "\u20ac2,150"],
    ["TA-050", "Fast charger 500 W", "Tern 6, Tern 10", "\u20ac340"],
    ["TA-020", "Travel charger 200 W", "All models", "\u20ac165"],
    ["TA-700", "Remote throttle kit", "Tern 10", "\u20ac420"],
    ["TA-015", "Long shaft extension 127 mm", "Tern 6", "\u20ac145"],
    ["TA-090", "Weedless propeller", "All models", "\u20ac89"],
    ["TA-095", "High-thrust propeller", "Tern 6, Tern 10", "\u20ac119"],
]


def spec_sheet(path):
    d = Doc(
        family="Lato",
        size=10,
        lh=5.1,
        ttf={"": "lato/Lato-Regular.ttf", "B": "lato/Lato-Bold.ttf", "I": "lato/Lato-Italic.ttf"},
        header_left="Aldervane Marine \u2014 Tern electric outboards",
        header_right="Specification sheet TS-25",
        title="Tern electric outboards: specification sheet",
        author="Aldervane Marine",
    )
    d.add_page()
    d.title_block(
        [
            ("Tern Electric Outboards", "B", 22, 2),
            ("Specification sheet TS-25 \u2022 Model year 2025", "", 13, 1),
            ("Aldervane Marine, Quay Road, Skellhaven", "", 9.5, 5),
        ]
    )
    d.para(
        T("""The Tern range is our family of quiet, direct-drive electric outboards for
    tenders, dinghies and small day boats. All three models share the same tiller head,
    folding mount and tilt mechanism, and differ in power, battery and shaft length.""")
    )
    d.heading("Models compared")
    d.grid(
        SPEC_HEAD,
        SPEC_ROWS,
        widths=(58, 38, 38, 38),
        aligns=("LEFT", "CENTER", "CENTER", "CENTER"),
        size=9.5,
        zebra=(243, 246, 250),
        fill=(205, 222, 240),
        borders="HORIZONTAL_LINES",
    )
    d.para(
        T("""The Tern 6 is available with either a short shaft of 381 mm or a long shaft of
    508 mm; please state the shaft length when ordering.""")
    )
    d.para(
        T("""Ranges were measured on flat water with a 4.2 m aluminium dinghy carrying two
    adults, and will be lower against a current or a head wind. Prices include VAT and
    delivery within the mainland.""")
    )
    d.add_page()
    d.heading("Accessories")
    d.grid(
        ACC_HEAD,
        ACC_ROWS,
        widths=(24, 64, 44, 28),
        aligns=("LEFT", "LEFT", "LEFT", "RIGHT"),
        size=9.5,
        fill=(205, 222, 240),
        keep_together=True,
    )
    d.heading("Warranty and service")
    d.para(
        T("""Every Tern motor carries a three-year warranty on the motor and a two-year
    warranty on the battery, provided the motor is registered within 30 days of purchase.""")
    )
    d.para(
        T("""We recommend a service every 200 running hours or every two years, whichever
    comes first; services are carried out by Aldervane Marine at Skellhaven or by one of
    our appointed dealers.""")
    )
    d.output(str(path))


# ===========================================================================
# 5. School sports-day results
# ===========================================================================
EVENT_HEAD = ["Event", "Winner", "House", "Result", "Record?"]
EVENT_ROWS = [
    ["Year 7 girls 100 m", "Maisie Threlfall", "Rowan", "14.21 s", ""],
    ["Year 7 boys 100 m", "Jonah Pettifer", "Alder", "13.87 s", "Yes"],
    ["Year 8 girls 200 m", "Tilly Okonjo", "Willow", "29.40 s", ""],
    ["Year 8 boys 200 m", "Reuben Castellan", "Hawthorn", "27.95 s", ""],
    ["Year 9 girls 800 m", "Esme Rathbone", "Alder", "2:41.6", "Yes"],
    ["Year 9 boys 800 m", "Kieran Lusk", "Rowan", "2:29.3", ""],
    ["Year 7 girls long jump", "Ffion Mayhew", "Hawthorn", "3.98 m", ""],
    ["Year 7 boys long jump", "Sami Duret", "Willow", "4.22 m", ""],
    ["Year 8 girls high jump", "Ella Brindley", "Rowan", "1.38 m", "Yes"],
    ["Year 8 boys high jump", "Ellis Brindley", "Alder", "1.41 m", ""],
    ["Year 9 girls shot put", "Hannah Corrie", "Willow", "8.74 m", ""],
    ["Year 9 boys shot put", "Theo Marchetti", "Hawthorn", "10.02 m", ""],
    ["Year 10 girls javelin", "Lola Ashdown", "Alder", "21.36 m", ""],
    ["Year 10 boys javelin", "Marcus Feeney", "Willow", "33.80 m", "Yes"],
    ["Year 10 girls 1500 m", "Nia Pendry", "Hawthorn", "5:48.2", ""],
    ["Year 10 boys 1500 m", "Arlo Whitcombe", "Rowan", "", ""],
    ["Relay 4 x 100 m, Years 7\u20138", "Alder team", "Alder", "58.9 s", ""],
    ["Relay 4 x 100 m, Years 9\u201310", "Willow team", "Willow", "53.4 s", "Yes"],
]
HOUSE_HEAD = ["House", "Event wins", "Points", "Position"]
HOUSE_ROWS = [
    ["Alder", "5", "412", "1st"],
    ["Willow", "5", "398", "2nd"],
    ["Rowan", "4", "371", "3rd"],
    ["Hawthorn", "4", "355", "4th"],
]
CHAMP_HEAD = ["Year group", "Girls' champion", "Points", "Boys' champion", "Points"]
CHAMP_ROWS = [
    ["Year 7", "Ffion Mayhew", "26", "Jonah Pettifer", "28"],
    ["Year 8", "Ella Brindley", "30", "Reuben Castellan", "24"],
    ["Year 9", "Esme Rathbone", "29", "Theo Marchetti", "25"],
    ["Year 10", "Nia Pendry", "23", "Marcus Feeney", "27"],
]


def results(path):
    d = Doc(
        family="Times",
        size=11,
        lh=5.2,
        header_left="Larchfield Community School \u2014 Sports Day 2025",
        header_right="Results",
        title="Sports Day 2025: results",
        author="Larchfield Community School PE Department",
    )
    d.add_page()
    d.title_block(
        [
            ("Sports Day 2025: Results", "B", 22, 2),
            ("Larchfield Community School, PE Department", "", 13, 1),
            ("Held on Thursday 26 June 2025 at the Brennan Field", "", 10, 5),
        ]
    )
    d.para(
        T("""Sports Day 2025 was held on Thursday 26 June 2025 at the Brennan Field, in dry
    weather with a light westerly breeze. Over 640 students from Years 7 to 10 took part in
    eighteen finals, and five school records were broken during the afternoon.""")
    )
    d.para(
        T("""The table below gives the winner of each final. A "Yes" in the last column
    marks a new school record.""")
    )
    d.heading("Winners of the finals")
    d.grid(
        EVENT_HEAD,
        EVENT_ROWS,
        widths=(56, 42, 26, 24, 22),
        aligns=("LEFT", "LEFT", "LEFT", "RIGHT", "CENTER"),
        size=10.5,
        zebra=(246, 246, 240),
        fill=(230, 225, 205),
    )
    d.para(
        T("""The electronic timing failed during the Year 10 boys' 1500 m, so no time is
    given; the winning position stands and the PE department will publish a hand time once
    the video has been checked.""")
    )
    d.add_page()
    d.heading("House points")
    d.para(
        T("""House points were awarded as 10 for a win, 8 for second place, 6 for third
    and 4 for fourth, with 2 points for every student who completed an event.""")
    )
    d.grid(
        HOUSE_HEAD,
        HOUSE_ROWS,
        widths=(40, 30, 30, 30),
        aligns=("LEFT", "CENTER", "CENTER", "CENTER"),
        size=10.5,
        fill=(230, 225, 205),
        keep_together=True,
    )
    d.para(
        T("""Alder House therefore wins the Merriman Cup for the second year running. The
    cup was presented by the chair of governors, Mrs Audrey Kinsella, at the end of the
    afternoon.""")
    )
    d.heading("Year group champions")
    d.para(
        T("""Year group champions are the students with the most individual points
    across all events in their year group.""")
    )
    d.grid(
        CHAMP_HEAD,
        CHAMP_ROWS,
        widths=(28, 44, 18, 44, 18),
        aligns=("LEFT", "LEFT", "CENTER", "LEFT", "CENTER"),
        size=10.5,
        fill=(230, 225, 205),
        keep_together=True,
    )
    d.para(
        T("""Thank you to the Year 11 helpers, the parents who ran the refreshment tent and
    the groundstaff who marked out the track. Photographs will be on the school website
    from 4 July 2025.""")
    )
    d.output(str(path))


DOCUMENTS = {
    "price-list.pdf": price_list,
    "timetable.pdf": timetable,
    "staff-directory.pdf": staff_directory,
    "spec-sheet.pdf": spec_sheet,
    "results.pdf": results,
}


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    for name, build in DOCUMENTS.items():
        build(OUT / name)
        print("wrote", OUT / name)


if __name__ == "__main__":
    main()
