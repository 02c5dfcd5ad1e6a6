#!/usr/bin/env python3
"""Write the six invented office-style PDFs of the 'reports' probe set.

Every organisation, person, place and number in these documents is invented.

    pip install fpdf2          # not a project dependency
    python make_pdfs.py        # writes ./corpus/*.pdf next to this script

The prose is typeset the way office documents are: justified paragraphs,
running headers and footers, and soft hyphens (U+00AD) inside long words so
that fpdf2 hyphenates words at line ends ("mainte-" / "nance").
"""

from __future__ import annotations

import logging
import math
import pathlib
import re
from datetime import UTC, datetime

from fpdf import FPDF, XPos, YPos
from fpdf.fonts import FontFace

logging.getLogger("fontTools").setLevel(logging.ERROR)  # quiet font-header warnings

HERE = pathlib.Path(__file__).resolve().parent
OUT = HERE / "corpus"
FONT_DIR = pathlib.Path("/usr/share/fonts/truetype")
SHY = "\u00ad"

# Hyphenation points for the long words used in the prose (US-style patterns,
# at least three letters either side of a break).  shy() turns each "-" into a
# soft hyphen, so the word prints whole unless it falls at a line end.
HYPHENATION = """
abil-ity accom-mo-da-tion accord-ing accred-i-ta-tion accu-mu-la-tor acous-tic addi-
tion addi-tional advan-tage advis-ers afford-able after-noon agree-ment air-line
alco-holic allot-ment along-side alter-nate alter-na-tives ambi-ent anal-y-sis
anchor-ing appear-ance appli-cants appoint-ment appren-tices arrange-ment assess-
ment assess-ments asso-ci-ated atmos-phere atten-dance attend-ing atten-tion audi-
tor autho-rised auto-mat-i-cally avail-able aver-age aver-aged await-ing bac-te-ria
bal-ances bar-rier base-line ben-e-fit-ing bicy-cles birth-day block-age book-ing
bore-holes bor-row-ing bound-ary brack-ets break-fast bring-ing build-ing build-ings
busi-ness but-tons cab-i-net cal-cu-lated cal-i-bra-tion can-cel-la-tion can-celled
capac-ity cap-i-tal card-board care-ful car-ried car-ry-ing cat-e-gory cel-e-brated
cham-ber chap-ter charg-ing chil-dren chlo-ri-na-tion cir-cuit cir-cum-stances
clamp-ing clas-si-fied class-room clean-ing clear-ing col-league col-leagues com-
bine com-fort-able com-mands com-mis-sioned com-mit-ment com-mit-ments com-mit-tee
com-mit-ting com-mu-nity com-pact com-pany com-pa-ra-ble com-pared com-par-i-son
com-pe-tent com-plaints com-plete com-pleted com-pletely com-ple-tion com-pli-ance
com-po-nent com-press com-pressed com-pres-sion con-cen-trated con-cen-trat-ing con-
cern con-cert con-crete con-di-tion con-di-tions con-fi-dent con-firm con-firmed
con-firms con-nec-tion con-sider con-sid-er-able con-sid-er-ably con-sid-ered con-
sid-er-ing con-struc-tion con-sult con-sump-tion con-tact con-tacts con-tain con-
tain-ers con-tam-i-nated con-tent con-tin-gency con-tinue con-tin-ued con-tin-u-ous
con-tract con-trac-tor con-trac-tors con-tracts con-tri-bu-tion con-trol con-trols
cor-rected cor-rec-tion cor-rec-tive coun-cil coun-try cov-er-age cov-ered cov-er-
ing crop-ping cur-rent cur-tain cus-tomer cus-tomers dan-ger-ous decid-ing defib-
ril-la-tor del-e-gate del-e-ga-tion deliv-er-ing demand-ing demon-stra-tions depart-
ment depar-ture depend-ing detec-tion devel-op-ment dif-fer-ence dif-fer-ent dif-fi-
cul-ties diox-ide direc-tor direc-tors dis-ci-plinary dis-coloured dis-con-nected
dis-count dis-cussed dis-cus-sion dis-ease dis-eases dis-in-fec-tion dis-plays dis-
posed dis-trict doc-u-ment doc-u-men-ta-tion donat-ing dona-tions down-ward down-
wards drink-ing ear-lier east-ern eco-nom-i-cal econ-omy edi-tion effec-tively eigh-
teen ejec-tor elec-tri-cal elec-tric-ity ele-ment ele-ments embank-ment emer-gency
emis-sions employ-ees engi-neer engi-neers enter-ing enter-tain-ment envi-ron-ment
equip-ment equiv-a-lent escap-ing espe-cially esti-mate esti-mated eval-u-a-tion
every-one exam-ple exca-va-tion exca-va-tions excep-tion-ally exec-u-tive exist-ing
expen-sive expe-ri-ence expe-ri-enc-ing explo-sive exten-sion exter-nal extin-
guisher facil-ity fac-tory fail-ure fail-ures farm-ing fer-tiliser field-fares fif-
teen finan-cial financ-ing find-ings fin-ished fit-tings fol-lowed fol-low-ing foot-
bridge fork-lift fort-night foun-da-tions four-teen frag-ments func-tion fur-ther
gar-dens gaze-bos gen-er-ated gen-uinely grate-ful green-house grow-ers grow-ing
guid-ance han-dled han-dles han-dling har-vest har-vested haz-ardous haz-ards head-
room hear-ing heav-ily high-est high-way high-ways his-tory hol-i-days host-ing
house-hold house-holds how-ever hun-dred imme-di-ately impor-tant impound-ing
improve-ment impro-vised inci-dent includ-ing inde-pen-dent indi-cate indi-ca-tor
infor-ma-tion inspec-tion inspec-torate instal-la-tion instal-ments instruc-tions
instru-ment instru-ments inter-crop inter-crop-ping inter-crops inter-est inter-ests
inter-lock inter-locked inter-mit-tently inter-nal inter-na-tional inter-rup-tion
inter-rupts intro-duced intro-duces intro-duc-tion inves-ti-gated invest-ment
invest-ments involv-ing iso-la-tor jour-ney jour-neys keep-ing kilo-gram kilo-grams
kilo-me-tre kilo-me-tres king-fish-ers lab-o-ra-tory last-ing leak-age let-tings
lim-ited liq-uids load-ing lock-out lodg-ing log-gers loy-alty main-te-nance man-
age-ment man-ager man-ag-ing man-ganese man-u-fac-tur-ing mate-rial mate-ri-als max-
i-mum mead-ows mea-sured mea-sures mechan-i-cal meet-ing meet-ings mem-bers meter-
ing mile-stone mil-lime-tre mil-lime-tres mil-lion mil-lisec-onds min-eral min-utes
mis-con-duct mon-i-tor mount-ing move-ment munic-i-pal-i-ties munic-i-pal-ity nec-
es-sar-ily nec-es-sary nei-ther net-work nitro-gen nod-ules nor-mally north-ern num-
bers occu-pied offi-cer open-ing oper-at-ing oper-a-tional oper-a-tions oper-a-tor
oper-a-tors organ-is-ers organ-isms oth-er-wise out-door out-lined out-side out-
wards over-all over-heat-ing over-seen own-er-ship pad-lock par-ents park-ing par-
tic-u-lar pas-sen-ger pass-ing pat-terns pay-ment pay-roll pen-e-trate per-fect per-
for-mance per-formed per-mis-sion per-mit-ted per-sonal per-sons pin-hole plan-ning
plas-tic posi-tion pos-ses-sion pos-si-bil-ity pos-si-ble prac-ti-cal prac-tice pre-
mium pre-pared pre-par-ing pre-sented pres-sure pre-vi-ous pre-vi-ously pri-or-i-
ties pri-or-ity pri-vate pro-ce-dure pro-duce pro-duced pro-gramme prop-er-ties pro-
posed pro-tected pro-tec-tion pro-tein pro-vide pro-vided pub-lished pump-ing pur-
chase pur-chases qual-ity quar-ter ques-tions quo-rate quo-ta-tion quo-ta-tions
rain-fall rais-ing ran-domised read-ily read-ing read-ings real-is-tic rea-son-able
rec-om-mend rec-om-men-da-tions rec-om-mended rec-on-cile rec-on-ciled recov-ered
recov-ery recruit-ment recy-cling reduc-ing reduc-tion reflect-ing reg-is-ter reg-u-
la-tor reg-u-la-tory reim-burse reim-bursed reim-burses relat-ing rel-a-tives reli-
able relo-ca-tion remain-ing remov-ing remu-ner-a-tion repair-ing repeat-edly
replace-ment replace-ments require-ments reser-voir reser-voirs res-i-dents resis-
tant respon-si-ble respon-sive restora-tion result-ing rev-enue rock-ing rou-tine
run-ning sam-ples sat-is-fac-tion sat-is-fied sched-uled sea-sons sec-onds sec-tion
seep-age sep-a-rate sep-a-rated sep-a-rately sep-a-rat-ing seri-ous ser-vice ser-
vices ses-sion ses-sions set-tle-ment short-age short-fall short-falls sig-nif-i-
cant sim-i-lar slid-ing soci-ety some-one some-times some-what speed-ing spend-ing
spill-way splin-ter spon-sored stan-dard state-ment state-ments sta-tion sta-tion-
ary sta-tis-ti-cally stay-ing stor-age strap-ping strate-gic strat-egy strug-gling
stud-ies sub-ject sub-mit-ted sub-mit-ting sub-sidiary sub-sis-tence sub-stan-tially
suc-cess-ful suf-fered suf-fi-cient sug-gested sum-marises super-vis-ing super-vi-
sor sup-ple-ment sup-plied sup-plies sup-port sup-ported sup-pressed sur-plus
switch-ing sys-tem-atic tech-ni-cian tem-per-a-ture tem-per-a-tures ten-ants ten-
ders ten-sion tex-tiles there-fore thresh-old through-out tick-ets toast-ers tow-
path train-ing trans-port trav-eller trav-el-ling trav-els treat-ment treat-ments
turn-ing ultra-vi-o-let unaf-fected unat-tended unavail-able unavoid-able uncer-
tainty under-ground unsta-ble unusu-ally usu-ally util-i-ties valu-able vari-able
vari-eties vari-ety vehi-cle ver-sion ver-ti-cal vil-lage vil-lages vis-cos-ity vis-
i-ble vis-i-tor vol-un-teer vol-un-teers wag-gi-est wait-ing warn-ing water-log-ging
wear-ing week-days weep-ing wel-come wel-comed well-be-ing when-ever wher-ever
which-ever will-ing-ness with-drawals with-drawn with-out work-ers work-ing writ-ten
"""
_HYPH = {w.replace("-", "").lower(): w for w in HYPHENATION.split()}
_WORD = re.compile(r"[A-Za-z]{7,}")


def _hyphenate(match: re.Match) -> str:
    word = match.group(0)
    pattern = _HYPH.get(word.lower())
    if not pattern:
        return word
    out, i = [], 0
    for ch in pattern:
        if ch == "-":
            out.append(SHY)
        else:
            out.append(word[i])
            i += 1
    return "".join(out)


def shy(text: str) -> str:
    """Insert soft hyphens into the long words of a piece of prose."""
    return _WORD.sub(_hyphenate, text)


def T(s: str) -> str:
    """Collapse the whitespace of a triple-quoted source string."""
    return " ".join(s.split())


FIXED_DATE = datetime(2025, 3, 14, 9, 0, tzinfo=UTC)


class Doc(FPDF):
    """A4 document with running header/footer and a few typesetting helpers."""

    def __init__(
        self,
        *,
        family,
        size,
        lh,
        header_left="",
        header_right="",
        footer_left="",
        footer_fmt="Page {n} of {nb}",
        footer_align="C",
        head_family=None,
        margins=(22, 26, 22),
        bottom=22,
        gap=2.6,
        ttf=None,
        title="",
        author="",
    ):
        super().__init__(format="A4", unit="mm")
        if ttf:
            for style, fname in ttf[1].items():
                self.add_font(ttf[0], style, str(FONT_DIR / fname))
        else:
            self.core_fonts_encoding = "windows-1252"
        self.family = family
        self.head_family = head_family or family
        self.size = size
        self.lh = lh
        self.gap = gap
        self.header_left = header_left
        self.header_right = header_right
        self.footer_left = footer_left
        self.footer_fmt = footer_fmt
        self.footer_align = footer_align
        self.page_lm = margins[0]
        self.set_margins(*margins)
        self.set_auto_page_break(True, margin=bottom)
        self.footnotes: dict[int, list[str]] = {}
        self.set_title(title)
        self.set_author(author)
        self.set_creation_date(FIXED_DATE)

    # running header and footer -------------------------------------------
    def header(self):
        right = self.header_right() if callable(self.header_right) else self.header_right
        if self.header_left or right:
            self.set_font(self.head_family, "", 8.5)
            self.set_text_color(90, 90, 90)
            self.set_xy(self.page_lm, 11)
            w = self.w - 2 * self.page_lm
            if self.header_left:
                self.cell(w, 5, self.header_left, align="L")
            if right:
                self.set_xy(self.page_lm, 11)
                self.cell(w, 5, right, align="R")
            self.set_draw_color(150, 150, 150)
            self.set_line_width(0.2)
            self.line(self.page_lm, 17, self.w - self.page_lm, 17)
            self.set_text_color(0, 0, 0)
        self.set_y(self.t_margin)
        self.set_x(self.l_margin)

    def footer(self):
        w = self.w - 2 * self.page_lm
        notes = self.footnotes.get(self.page_no())
        if notes:
            self.set_font(self.family, "", 8)
            heights = []
            for note in notes:
                heights.append(self.multi_cell(w, 3.8, note, dry_run=True, output="HEIGHT"))
            y = self.h - 16 - sum(heights) - 3
            self.set_draw_color(0, 0, 0)
            self.set_line_width(0.2)
            self.line(self.page_lm, y, self.page_lm + 50, y)
            self.set_xy(self.page_lm, y + 1.5)
            for note in notes:
                self.set_x(self.page_lm)
                self.multi_cell(w, 3.8, note, align="J", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.set_font(self.head_family, "", 8.5)
        self.set_text_color(90, 90, 90)
        if self.footer_left:
            self.set_xy(self.page_lm, self.h - 13)
            self.cell(w, 5, self.footer_left, align="L")
        self.set_xy(self.page_lm, self.h - 13)
        text = self.footer_fmt.format(n=self.page_no(), nb="{nb}")
        self.cell(w, 5, text, align=self.footer_align)
        self.set_text_color(0, 0, 0)

    # typesetting helpers ---------------------------------------------------
    def room(self, needed: float) -> None:
        """Start a new page unless `needed` mm are left above the bottom margin."""
        if self.get_y() + needed > self.page_break_trigger:
            self.add_page()

    def para(self, text, *, after=None, align="J", style="", size=None, lh=None):
        self.set_font(self.family, style, size or self.size)
        self.multi_cell(0, lh or self.lh, shy(text), align=align, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.ln(self.gap if after is None else after)

    def para_with_note(self, text, marker, note):
        """A paragraph carrying a footnote marker; the note goes to the
        foot of whichever page the marker lands on."""
        self.set_font(self.family, "", self.size)
        body = shy(text)
        lines = self.multi_cell(0, self.lh, body, align="J", dry_run=True, output="LINES")
        idx = next(i for i, line in enumerate(lines) if marker in line)
        fits = math.floor((self.page_break_trigger - self.get_y()) / self.lh + 1e-6)
        per_page = math.floor((self.page_break_trigger - self.t_margin) / self.lh + 1e-6)
        page = self.page_no() if idx < fits else self.page_no() + 1 + (idx - fits) // per_page
        self.footnotes.setdefault(page, []).append(note)
        self.para(text)

    def heading(self, text, level=1, before=None):
        sizes = {0: self.size + 10, 1: self.size + 3, 2: self.size + 1}
        h = sizes[level] * 0.5
        self.room(h + 3 * self.lh + 6)
        if before is None:
            before = 4 if level == 1 else 2.5
        if self.get_y() > self.t_margin + 1:
            self.ln(before)
        self.set_font(self.head_family, "B", sizes[level])
        self.multi_cell(0, h, text, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.ln(1.8 if level else 3)

    def _hanging(self, label, text, indent, after):
        self.set_font(self.family, "", self.size)
        self.room(self.lh)
        base = self.l_margin
        y = self.get_y()
        self.set_xy(base + 1.5, y)
        self.cell(indent - 1.5, self.lh, label)
        self.set_left_margin(base + indent)
        self.set_xy(base + indent, y)
        self.multi_cell(0, self.lh, shy(text), align="J", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.set_left_margin(base)
        self.set_x(base)
        self.ln(after)

    def bullets(self, items, after=None):
        for item in items:
            self._hanging("\u2022", item, 6, 1.2)
        self.ln((self.gap if after is None else after) - 1.2)

    def steps(self, items, after=None):
        for i, item in enumerate(items, 1):
            self._hanging(f"{i}.", item, 7, 1.2)
        self.ln((self.gap if after is None else after) - 1.2)

    def boxed(self, label, text, fill=(255, 240, 200), border=(200, 120, 0)):
        pad = 3
        w = self.epw - 2 * pad
        self.set_font(self.family, "", self.size)
        body = shy(text)
        h_text = self.multi_cell(w, self.lh, body, align="J", dry_run=True, output="HEIGHT")
        height = self.lh + h_text + 2 * pad + 1
        self.room(height + 2)
        x, y = self.l_margin, self.get_y()
        self.set_fill_color(*fill)
        self.set_draw_color(*border)
        self.set_line_width(0.6)
        self.rect(x, y, self.epw, height, style="DF")
        self.set_xy(x + pad, y + pad)
        self.set_font(self.family, "B", self.size)
        self.cell(w, self.lh, label, new_x=XPos.LEFT, new_y=YPos.NEXT)
        self.set_font(self.family, "", self.size)
        self.set_x(x + pad)
        self.multi_cell(w, self.lh, body, align="J", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.set_y(y + height)
        self.ln(self.gap + 1)
        self.set_line_width(0.2)
        self.set_draw_color(0, 0, 0)

    def grid(self, rows, widths, aligns, size=None, heading_fill=(225, 232, 240)):
        self.set_font(self.family, "", size or self.size - 0.5)
        self.room(len(rows) * (self.lh + 1.5) + 4)
        with self.table(
            col_widths=widths,
            width=sum(widths),
            align="LEFT",
            text_align=aligns,
            line_height=self.lh,
            borders_layout="HORIZONTAL_LINES",
            headings_style=FontFace(emphasis="BOLD", fill_color=heading_fill),
            padding=(1.0, 1.5),
        ) as table:
            for row in rows:
                r = table.row()
                for cell in row:
                    r.cell(cell)
        self.ln(self.gap + 1)

    def title_block(self, lines):
        for text, style, size, after in lines:
            self.set_font(self.head_family, style, size)
            self.multi_cell(0, size * 0.48, text, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
            self.ln(after)


# ===========================================================================
# 1. Annual report of a small water utility
# ===========================================================================
def annual_report(path):
    d = Doc(
        family="Helvetica",
        size=10.5,
        lh=5.4,
        header_left="Brackwater Water Services \u2014 Annual Report 2024",
        footer_fmt="Page {n} of {nb}",
        title="Annual Report 2024",
        author="Brackwater Water Services",
    )
    d.add_page()
    d.title_block(
        [
            ("Annual Report 2024", "B", 24, 2),
            ("Brackwater Water Services", "", 14, 1),
            ("Serving Brackwater, Kelderbeck and the Upper Vell valley", "I", 10.5, 1),
            ("Published 14 March 2025", "", 10.5, 4),
        ]
    )
    d.heading("Chair\u2019s statement")
    d.para(
        T("""The year to 31 December 2024 was the first full year of our five-year
    investment programme, and I am pleased to report that Brackwater Water Services met
    or exceeded eleven of its fourteen performance commitments. We supplied 38,200
    households and 1,140 business customers across Brackwater, Kelderbeck and the villages
    of the Upper Vell valley, and we did so through a summer in which rainfall at Tarnmoor
    was 31% below the long-term average. Our teams kept the taps running without a single
    hosepipe ban, which is a credit to the careful management of our reservoirs and to the
    willingness of customers to use water wisely when we asked them to. The board is
    grateful to every member of staff for the effort behind these results, and in
    particular to the operations teams who worked long additional shifts during the dry
    weeks of August.""")
    )
    d.para(
        T("""Our performance was not perfect, and this report is candid about the areas
    where we fell short. We did not meet our target for the time taken to answer written
    complaints, we missed our commitment on the number of properties experiencing low water
    pressure, and the replacement of the ageing pumping station at Corve Lane has slipped
    into 2025 because the contractor could not obtain new electrical switchgear in time.
    The board has asked the executive team for a recovery plan covering each of these
    shortfalls, and we will report on progress against those plans in our half-year
    statement in September. I would also like to record the board's thanks to Aurelio
    Pendry, who retired as a director in June after nine years of service, including four
    as chair of our quality and environment committee.""")
    )
    d.para("Helena Varga-Moss, Chair", style="I")

    d.heading("Chief Executive\u2019s review")
    d.para(
        T("""When I joined Brackwater Water Services in 2021 the company was losing
    almost one litre in every six to leakage, and bringing that figure down has been the
    single most important task of my time as Chief Executive. Leakage fell to 11.4% of the
    water put into supply, down from 13.1% a year earlier, the largest annual improvement
    since the company was formed in 1989. The improvement came from three sources: faster
    repair of visible leaks reported by customers, a more systematic programme of active
    leak detection using acoustic loggers, and the replacement of 14.2 kilometres of the
    oldest cast-iron mains, which was more than the 12 kilometres we had planned. The
    number of burst mains fell from 267 to 212, and our average time to restore supply after
    an unplanned interruption improved to 2 hours and 40 minutes, compared with 3 hours and
    25 minutes in the previous year.""")
    )
    d.para(
        T("""The year also brought an important milestone in water treatment. A new
    ultraviolet disinfection stage at the Kelderbeck treatment works was commissioned on 9
    September 2024 at a cost of \u20ac3.8 million, giving us a second, independent barrier
    against micro-organisms such as Cryptosporidium and reducing our reliance on
    chlorination. I would like to thank Idris Callan, our Director of Operations, and the
    project team for delivering this demanding work within budget while the works continued
    to supply water to more than half of our customers. Looking further ahead, our
    operational resilience depends on the condition of assets that were built long before
    any of us joined the company, and our investment programme is designed around a
    realistic assessment of which of them need attention first.""")
    )
    d.para("Tobias Penhallow, Chief Executive", style="I")

    d.heading("Our water sources")
    d.para(
        T("""Our customers are supplied from two impounding reservoirs and one group of
    boreholes. Tarnmoor Reservoir, the larger of the two, holds 4.6 million cubic metres
    when full and provided 62% of the water we put into supply in 2024. Hollin Reservoir,
    which is smaller and considerably older, provided 23%, and the remaining 15% came from
    the three boreholes at Sallow Fen, which draw on the chalk aquifer beneath the eastern
    part of our area. Combined reservoir storage fell to its lowest point of the year, 54%
    of capacity, on 22 August, and recovered to 91% by the end of December after an
    unusually wet autumn. In total we put 9.6 million cubic metres of water into supply,
    compared with 9.9 million cubic metres in 2023, a reduction that reflects lower leakage
    rather than any fall in the amount of water our customers used.""")
    )
    d.para(
        T("""The dam at Hollin Reservoir was built in 1887 and is inspected every ten
    years by an independent panel engineer. The most recent inspection, carried out in May
    2024 by Dr Anselm Riordan, found the embankment to be in good condition but
    recommended repairs to the masonry spillway and the installation of additional
    instruments to monitor seepage through the foundations. The spillway repairs have been
    scheduled for the summer of 2025, when reservoir levels are normally at their lowest,
    and their cost has been included in our capital programme. The seepage instruments were
    installed in November 2024 and are read automatically every six hours, with the readings
    reviewed each month by our reservoir supervising engineer.""")
    )

    d.heading("Water quality")
    d.para(
        T("""We took 18,450 samples from our treatment works, service reservoirs and
    customers' taps during the year, and 99.96% of them met every regulatory standard.
    Seven samples failed a standard, five of them for iron or manganese at properties
    supplied by old unlined mains in the Kelderbeck area, where the mains replacement
    programme is now concentrated. No failure posed a risk to health, and in each case the
    cause was investigated and the corrective action completed within the timescales agreed
    with the drinking water inspectorate. We received 486 contacts from customers about the
    taste, odour or appearance of their water, 9% fewer than in 2023, and most of these
    related to discoloured water in the hours following a burst main. Our laboratory at
    Kelderbeck retained its accreditation after a three-day external assessment in October,
    with no major findings and two minor recommendations about the documentation of
    instrument calibration. We also began a programme of flushing the mains in the areas
    most affected by discoloured water, completing 38 kilometres of flushing by the end of
    the year, and customer contacts about discoloured water in those areas fell by almost
    a third in the months after the work was done.""")
    )

    d.heading("Investment in our network")
    d.para(
        T("""Capital investment in 2024 totalled \u20ac9.4 million, the highest figure
    in the company's history. Alongside the ultraviolet plant at Kelderbeck, the largest
    items were the mains replacement programme, which cost \u20ac3.1 million, and the first
    phase of our smart metering programme. We installed 6,800 smart meters during the year,
    which means that 17.8% of the homes we serve now have a meter that reports consumption
    every hour and alerts us to continuous flows that usually indicate a leak on the
    customer's side of the boundary. Customers whose smart meter detected such a leak were
    offered a free repair of their underground supply pipe, and 412 customers took up this
    offer during the year, saving an estimated 190 cubic metres of water a day between
    them.""")
    )
    d.para(
        T("""Energy is our second largest cost after staff, and we used 4.1 gigawatt
    hours of electricity in 2024, mostly for pumping and treatment. The 1.2 megawatt solar
    array that we completed beside the Kelderbeck works in 2023 generated 23% of that
    electricity, and a second array at Sallow Fen received planning permission in
    November. We also replaced the three largest pumps at the Tarnmoor raw water station
    with variable-speed units, which our engineers expect to reduce the electricity used at
    that site by about a fifth once a full year of operating data is available. These
    investments form part of our commitment to reduce the carbon emissions from our
    operations by half by 2030, measured against a 2019 baseline.""")
    )

    d.heading("Environment and catchments")
    d.para(
        T("""Most of the water we supply falls as rain on the moorland above Tarnmoor
    and Hollin, and the condition of those catchments affects both the colour of the raw
    water and the cost of treating it. Working with the Tarnmoor Commoners' Association and
    the regional peatland trust, we completed the restoration of 140 hectares of damaged
    blanket bog in 2024 by blocking drainage ditches and replanting bare peat with
    sphagnum moss, bringing the total area restored since 2018 to 610 hectares. Water
    draining from the restored areas is noticeably less brown, and the amount of coagulant
    chemical used at the Tarnmoor treatment works fell by 8% during the year. In the lower
    part of our area, we paid 23 farmers in the Sallow Fen catchment a total of
    \u20ac96,000 to reduce their use of nitrate fertiliser near the boreholes, and nitrate
    concentrations in the borehole water have now fallen for three consecutive years.""")
    )

    d.heading("Priorities for 2025", level=2)
    d.para("Our business plan sets out the following priorities for the coming year:")
    d.bullets(
        [
            T("""Replace a further 15 kilometres of water mains, concentrating on the unlined
        iron mains in Kelderbeck."""),
            "Reduce leakage to 10.5% of the water put into supply.",
            "Install 5,000 more smart meters, bringing coverage to 31% of homes.",
            "Complete the repairs to the Hollin Reservoir spillway before the end of October 2025.",
            "Replace the Corve Lane pumping station and bring it into service by September 2025.",
            "Open a new customer centre in Quarry Street, Brackwater.",
        ]
    )

    d.heading("Key figures", level=2)
    d.grid(
        [
            ("Measure", "2023", "2024"),
            ("Water put into supply (million m\u00b3)", "9.9", "9.6"),
            ("Leakage (% of water put into supply)", "13.1", "11.4"),
            ("Burst mains", "267", "212"),
            ("Mains replaced (km)", "11.6", "14.2"),
            ("Samples meeting all standards (%)", "99.94", "99.96"),
            ("Written complaints", "1,259", "1,032"),
            ("Revenue (\u20ac million)", "20.6", "21.7"),
            ("Capital investment (\u20ac million)", "7.9", "9.4"),
            ("Employees at year end", "158", "164"),
        ],
        widths=(90, 30, 30),
        aligns=("LEFT", "RIGHT", "RIGHT"),
    )

    d.heading("Customers and charges")
    d.para(
        T("""We received 1,032 written complaints in 2024, 18% fewer than the year
    before, but we answered only 91% of them within ten working days against a target of
    95%. The shortfall was concentrated in the spring, when a new customer billing system
    was introduced and some bills were issued late or with estimated rather than actual
    meter readings. We have since added staff to the billing team and changed the way
    estimated readings are shown on bills, and in the final quarter of the year 97% of
    complaints were answered on time. Our WaterAssist social tariff, which gives a discount
    of 40% to households whose income falls below the threshold set by the four owner
    municipalities, supported 2,310 households at the end of the year, and it is funded by
    a contribution of \u20ac4.80 a year from every other household bill.""")
    )
    d.para(
        T("""For 2025 the average household bill will rise by 4.5% to \u20ac412 a year,
    an increase that was approved by the regional utilities regulator in December after it
    reviewed our business plan. Even after this increase, our average bill is 6% below the
    average for comparable supply areas, and customers who pay by monthly direct debit can
    spread the cost over twelve equal instalments. Customers who are struggling to pay can
    also ask for a payment break of up to three months, and our customer support advisers
    handled 1,870 such requests in 2024, most of them from households that had not been in
    contact with us before.""")
    )

    d.heading("Finance")
    d.para(
        T("""Revenue for the year was \u20ac21.7 million, an increase of 5.3% on 2023,
    reflecting the tariff increase of 4.9% that took effect on 1 January 2024 and modest
    growth in the number of customers. Operating costs rose to \u20ac15.9 million, of which
    staff costs were \u20ac7.2 million and electricity \u20ac1.1 million. The operating
    surplus of \u20ac5.8 million, together with new borrowing of \u20ac4.0 million from the
    Vell Valley Municipal Bond Fund, financed the capital programme. Net debt at the end of
    the year stood at \u20ac48.3 million, equivalent to 2.2 times annual revenue, which is
    within the limit of 2.5 times set by our financial policy. Our Finance Director, Ruth
    Adeyemi-Clarke, has led a review of the company's longer-term borrowing requirements,
    and the board will consider the resulting financing strategy at its meeting in April
    2025.""")
    )

    d.heading("Our people")
    d.para(
        T("""At the end of 2024 we employed 164 people, six more than a year earlier,
    including eleven apprentices on our two-year network technician programme. There were
    three lost-time injuries during the year, compared with five in 2023, and none of them
    was serious. Staff turnover was 7.4%, and every member of staff received a pay increase
    of 4% from 1 April 2024 under the two-year agreement reached with the trade union in
    2023. We introduced a new training programme on the safe management of excavations in
    the highway, which 96 members of our field staff completed by the end of the year, and
    we are grateful to the Kelderbeck Technical College for hosting the practical sessions
    at its construction training yard.""")
    )

    d.heading("Governance")
    d.para(
        T("""The company is owned by the four municipalities it serves: Brackwater
    holds 52% of the shares, Kelderbeck 28%, Orrin 12% and Sallow 8%. It is overseen by a
    board of nine directors, five of whom are independent, and the board met eight times in
    2024. The audit committee, chaired by the independent director Mateo Lindgren-Hale,
    met four times and reviewed the external auditor's report on the company's internal
    controls, while the remuneration committee met three times and approved the pay
    settlement described above. Each owner municipality appoints one director, and the
    chair is appointed by the four municipalities jointly for a term of four years, which
    may be renewed once.""")
    )

    d.heading("Outlook")
    d.para(
        T("""The coming year will test our ability to deliver a larger capital
    programme while keeping bills affordable. We expect to invest \u20ac11.2 million in
    2025, and the most important single project will be the replacement of the Corve Lane
    pumping station, which supplies the northern half of Brackwater and has suffered three
    failures in the past five years. We are also preparing our next five-year business
    plan, which we will submit to the regulator in June 2026, and we will consult
    customers on its priorities during the autumn. We remain confident that, with the
    continued support of our owners and customers, Brackwater Water Services can continue
    to provide safe, reliable and affordable water for many years to come.""")
    )
    d.output(str(path))


# ===========================================================================
# 2. Equipment safety manual
# ===========================================================================
def safety_manual(path):
    chapter = {"name": "Chapter 1: Introduction"}
    d = Doc(
        family="DejaVu",
        size=9.8,
        lh=5.0,
        ttf=(
            "DejaVu",
            {"": "dejavu/DejaVuSans.ttf", "B": "dejavu/DejaVuSans-Bold.ttf", "I": "dejavu/DejaVuSans-Oblique.ttf"},
        ),
        header_left="HX-40 Vertical Baling Press \u2014 Safety Manual",
        header_right=lambda: chapter["name"],
        footer_left="CMW-SM-040 Edition 4",
        footer_fmt="Page {n}",
        footer_align="R",
        title="HX-40 Vertical Baling Press - Safety Manual",
        author="Corrindale Machine Works",
    )

    def chap(title, running):
        # The running header shows the chapter current at the top of each page.
        chapter["name"] = running
        d.heading(title, level=1)

    d.add_page()
    d.title_block(
        [
            ("Corrindale Machine Works", "B", 11, 1),
            ("HX-40 Vertical Baling Press", "B", 20, 1),
            ("Safety Manual", "", 15, 1),
            ("Document CMW-SM-040, Edition 4, March 2025. Keep this manual beside the machine.", "I", 9.5, 3),
        ]
    )
    chap("1 Introduction", "Chapter 1: Introduction")
    d.heading("1.1 Scope", level=2)
    d.para(
        T("""This manual applies to the HX-40 vertical baling press with serial numbers
    from HX40-2100 onwards, including machines fitted with the optional bale ejector. It
    must be read together with the operating instructions (document CMW-OI-040) and the
    installation guide (document CMW-IG-040), which describe the controls, the electrical
    connection and the anchoring of the machine to the floor. Earlier machines with serial
    numbers below HX40-2100 have a different hydraulic circuit without an accumulator and
    are covered by edition 2 of this manual, which remains available from Corrindale on
    request. Where this manual and a site's own safe system of work differ, the stricter of
    the two requirements applies.""")
    )
    d.heading("1.2 Intended use", level=2)
    d.para(
        T("""The HX-40 is designed to compress cardboard, paper, plastic film and
    textiles into bales for recycling. It must not be used to compress metal containers,
    aerosol cans, glass, timber, or any material that may contain flammable liquids or
    gases, because these materials can burst or splinter under load and throw fragments
    out of the loading opening. A finished bale measures 1200 by 800 by 1100 millimetres and
    may weigh up to 450 kilograms, depending on the material compressed. The machine is
    intended for indoor use on a level concrete floor at ambient temperatures between 5 and
    35 °C, and it must not be installed in an area classified as an explosive
    atmosphere.""")
    )
    d.heading("1.3 Who may operate the press", level=2)
    d.para(
        T("""Only persons aged 18 or over who have completed the Corrindale operator
    course and hold a valid operator card may use the press. Operator cards are valid for
    24 months, after which a refresher session and a practical assessment are required
    before the card is renewed. Maintenance tasks described in chapter 4 may be carried out
    only by a competent technician who has completed the Corrindale level 2 maintenance
    course, and work on the hydraulic circuit beyond the tasks described in this manual is
    reserved for Corrindale service engineers. Supervisors are responsible for keeping a
    register of authorised operators and for removing the key from the control panel
    whenever the press is left unattended.""")
    )

    chap("2 Hazards", "Chapter 2: Hazards")
    d.heading("2.1 Crushing", level=2)
    d.para(
        T("""The press platen travels 1,150 millimetres and exerts a force of 40 tonnes
    at the end of its stroke, which is sufficient to cause fatal injuries. The loading
    opening is protected by an interlocked sliding gate and by a light curtain mounted 350
    millimetres in front of the platen path, which stops the downward movement of the platen
    within 20 milliseconds if any part of the body interrupts a beam. Neither device may be
    bypassed, disconnected or adjusted by operators under any circumstances, and any fault
    in either device must be reported immediately to the supervisor, who must take the
    machine out of service until it has been repaired and tested by a competent
    technician.""")
    )
    d.boxed(
        "WARNING",
        T("""Never reach into the bale chamber while the main isolator is
    switched on, even if the platen is stationary. A stationary platen can move without
    warning if a control valve sticks or if stored pressure is released."""),
    )
    d.heading("2.2 Stored hydraulic energy", level=2)
    d.para(
        T("""The hydraulic system works at a pressure of 210 bar, and the pressure
    relief valve is set at 230 bar at the factory and sealed with a lead seal that must not
    be broken. Machines from serial number HX40-2100 onwards are fitted with a hydraulic
    accumulator that can keep the circuit under pressure for up to 30 minutes after the
    motor has stopped, so switching off the machine does not by itself make it safe to
    work on. The accumulator pre-charge pressure is stated on the label fixed to the
    accumulator, and only a Corrindale service engineer may check or adjust it, using the
    charging kit supplied with the service vehicle. A jet of hydraulic oil escaping from a
    pinhole leak can penetrate the skin and cause serious injury, so leaks must never be
    located by running a hand along a hose.""")
    )
    d.heading("2.3 Noise and bale handling", level=2)
    d.para(
        T("""The A-weighted sound pressure level at the operator position reaches 86
    dB(A) during the compression stroke, and hearing protection must therefore be worn by
    anyone within two metres of the press while it is running. Finished bales are heavy and
    unstable until they are strapped, and they must be moved with a pallet truck or a
    forklift truck, never by hand. The strapping wires are under tension when the bale is
    ejected, and operators must stand to the side of the bale chamber door, wearing safety
    glasses and cut-resistant gloves, because a wire that slips from its buckle can whip
    outwards with considerable force.""")
    )

    chap("3 Safe operation", "Chapter 3: Safe operation")
    d.heading("3.1 Before starting", level=2)
    d.para("Before the first bale of each shift, the operator must carry out these checks:")
    d.steps(
        [
            "Check that the area around the press is clear of loose material and trip hazards.",
            T("""Check the sliding gate, its interlock and the light curtain for visible
        damage."""),
            T("""Test the light curtain with the 30 millimetre test rod supplied with the
        machine, as described in section 4.3."""),
            "Check the hydraulic oil level in the sight glass on the side of the tank.",
            "Record the checks in the daily log book kept beside the control panel.",
        ]
    )
    d.heading("3.2 Lockout procedure", level=2)
    d.para(
        T("""The lockout procedure must be followed before any person puts any part of
    the body inside the bale chamber or behind a guard, whether for cleaning, clearing a
    blockage, maintenance or inspection. Each person who will work on the machine must fit
    their own padlock, and the padlock key must remain in the personal possession of that
    person until the work is finished.""")
    )
    d.steps(
        [
            "Press the stop button and wait until the platen has returned to its top position.",
            "Turn the main isolator on the electrical cabinet to OFF.",
            "Fit your personal padlock to the isolator handle and attach a completed danger tag.",
            T("""Open the accumulator bleed valve V3 and wait until the pressure gauge G2 reads
        zero, and then wait a further five minutes."""),
            T("""Try to start the press with the start button to confirm that it cannot
        run."""),
            "Fit the mechanical platen support bar into its brackets before entering the chamber.",
            T("""When the work is complete, remove the support bar, close valve V3 and remove
        your padlock and tag last."""),
        ]
    )
    d.boxed(
        "DANGER",
        T("""If the pressure gauge G2 does not fall to zero within ten
    minutes of opening valve V3, do not enter the bale chamber. Close the area off and call
    a Corrindale service engineer."""),
        fill=(255, 225, 225),
        border=(190, 0, 0),
    )
    d.heading("3.3 Clearing a jam", level=2)
    d.para(
        T("""Material sometimes wedges between the platen and the chamber walls,
    especially when plastic film is mixed with wet cardboard. A jam must never be cleared
    by hand or with improvised tools such as broom handles, and operators must use only the
    hooked clearing tool with part number HX-T12, which is stored in the clip on the right
    side of the machine. If the jam cannot be reached with the clearing tool from outside
    the chamber, the operator must follow the lockout procedure in section 3.2 before going
    any further, and must inform the supervisor so that the cause of the jam can be
    recorded and the loading practice corrected where necessary.""")
    )

    chap("4 Maintenance", "Chapter 4: Maintenance")
    d.heading("4.1 Daily and weekly checks", level=2)
    d.para(
        T("""In addition to the operator checks in section 3.1, a competent technician
    must carry out a weekly inspection covering the hoses and fittings for signs of wear or
    weeping, the mounting bolts of the platen guides, the condition of the chamber door
    hinges, and the function of all three emergency stop buttons. The results of the weekly
    inspection must be entered in the maintenance record, and any defect that affects a
    safety function must be corrected before the machine is used again. Hoses must be
    replaced at least every six years, even if they show no visible damage, because the
    rubber ages from the inside and can fail without warning.""")
    )
    d.heading("4.2 Hydraulic oil", level=2)
    d.para(
        T("""The press uses mineral hydraulic oil of viscosity grade ISO VG 46, and the
    tank holds 120 litres. The oil must be changed every 2,000 operating hours or every 12
    months, whichever comes first, and the return filter element must be replaced every 500
    operating hours. The oil temperature shown on the control panel should not exceed 60
    °C in normal use; if the temperature reaches 70 °C, the control system stops the
    motor automatically and displays fault code E17, and the press must not be restarted
    until the cause of the overheating, which is usually a blocked cooler or a low oil
    level, has been found and corrected. Used oil and filter elements must be disposed of
    as hazardous waste through a licensed contractor.""")
    )
    d.heading("4.3 Testing the light curtain", level=2)
    d.para(
        T("""The light curtain must be tested at the start of every shift by passing
    the 30 millimetre test rod slowly through the protected area at three heights, near the
    top, in the middle and near the bottom of the opening, while the platen is moving
    downwards at low speed in test mode. The platen must stop at each interruption, and the
    red indicator on the receiver must light up. If the platen fails to stop even once, the
    press must be taken out of service immediately, the main isolator locked off, and the
    fault reported to the supervisor and to Corrindale, because a light curtain that fails
    intermittently is more dangerous than one that fails completely.""")
    )

    d.heading("4.4 Replacing hydraulic hoses", level=2)
    d.para(
        T("""Hydraulic hoses must be replaced only with genuine Corrindale hoses, which
    are rated for a working pressure of at least 280 bar and carry the part number and the
    date of manufacture on the outer cover. Before a hose is disconnected, the lockout
    procedure in section 3.2 must be completed and the platen lowered onto the support bar,
    because the weight of the platen alone is enough to pressurise the lower cylinder
    chamber. After fitting a new hose, the technician must run the press through ten
    complete strokes at low speed in test mode to remove air from the circuit, check every
    disturbed fitting for leaks with a piece of cardboard rather than with the hand, and
    record the work and the part number in the maintenance record.""")
    )

    chap("5 Emergencies", "Chapter 5: Emergencies")
    d.heading("5.1 Emergency stop", level=2)
    d.para(
        T("""The press has three red emergency stop buttons: one on the front control
    panel, one on the left side of the frame and one at the rear beside the hydraulic
    tank. Pressing any of them stops the motor, closes the main valve and holds the platen
    in position. After an emergency stop the press can be restarted only by turning the
    reset key on the control panel, and the supervisor must be satisfied that the reason
    for the stop has been dealt with before the key is turned.""")
    )
    d.heading("5.2 Fire", level=2)
    d.para(
        T("""Baled paper and cardboard burn readily, and hydraulic oil has a flash
    point of about 220 °C. A 5 kilogram carbon dioxide extinguisher must be mounted within
    five metres of the press, and water must never be used on a fire involving the
    electrical cabinet. If a fire cannot be put out within a few seconds, operators must
    press an emergency stop, leave the area, raise the alarm and call the fire service.""")
    )
    d.heading("5.3 First aid", level=2)
    d.para(
        T("""Anyone who is struck by a jet of hydraulic oil must be taken to hospital
    immediately, even if the wound looks like a small puncture and causes little pain,
    because oil injected under the skin destroys tissue and can lead to the loss of a
    finger or a hand if it is not removed surgically within a few hours. The person should
    take this manual, or the safety data sheet for the oil, so that the medical staff know
    what has been injected. Oil splashed into the eyes must be rinsed out with clean water
    for at least 15 minutes, using the eyewash station that must be provided within ten
    metres of the press.""")
    )
    d.heading("5.4 Reporting incidents", level=2)
    d.para(
        T("""Every injury, near miss and failure of a safety device must be reported to
    the site safety officer within 24 hours on incident form SF-7, and the press must stay
    out of service until the site safety officer has authorised its return to use. Any
    incident involving the failure of a safety device must also be reported to Corrindale
    within seven days through the service line, so that other owners of the same model can
    be warned if the failure points to a design or manufacturing fault. This manual was
    prepared by Devlin Markham of Corrindale Technical Publications and approved by Annika
    Sorel, Product Safety Manager.""")
    )
    chap("6 Technical data", "Chapter 6: Technical data")
    d.para(
        T("""The following data apply to the standard HX-40 press from serial number
    HX40-2100 onwards. Machines with the optional bale ejector are 180 kilograms
    heavier.""")
    )
    d.grid(
        [
            ("Characteristic", "Value"),
            ("Maximum press force", "40 tonnes"),
            ("Working pressure", "210 bar"),
            ("Pressure relief valve setting", "230 bar"),
            ("Motor power", "7.5 kW, 400 V three-phase"),
            ("Cycle time, no load", "38 seconds"),
            ("Bale size (L x W x H)", "1200 x 800 x 1100 mm"),
            ("Maximum bale weight", "450 kg"),
            ("Hydraulic oil tank capacity", "120 litres"),
            ("Sound pressure level at operator position", "86 dB(A)"),
            ("Machine weight (without ejector)", "2,350 kg"),
        ],
        widths=(85, 70),
        aligns=("LEFT", "LEFT"),
    )
    d.output(str(path))


# ===========================================================================
# 3. Two-column community newsletter
# ===========================================================================
NEWSLETTER = [
    (
        "Library extension opens its doors",
        [
            T("""The new wing of Fennick Green Library opened to the public on Monday 3
        March, eighteen months after building work began on the former coach house
        behind the main reading room. The extension cost 640,000 euros, of which 410,000
        came from the district council's community buildings fund and the rest from the
        Friends of Fennick Green Library, who spent four years raising money through book
        sales, quiz nights and a sponsored walk along the whole length of the Hensey
        valley."""),
            T("""The wing houses a children's library with space for 4,200 books, a quiet
        study room with twelve desks and a meeting room that local groups can book for 8
        euros an hour. Librarian Wilhelmina Crace said that visitor numbers in the first
        fortnight were almost double the usual figure, and that 138 people had joined the
        library since the opening. From April the library will also open on Thursday
        evenings until 8 pm, an arrangement that was made possible by volunteers from the
        Friends group."""),
        ],
    ),
    (
        "Spring fair raises a record sum",
        [
            T("""Despite a cold wind that blew two gazebos into the duck pond, the spring fair
        on the village green raised 7,480 euros for the restoration of the church clock and
        the new defibrillator at Tollbridge End. The cake stall alone took 1,112 euros, and
        the organisers thanked the forty-three bakers who supplied it. The tombola, run as
        always by the Brannock family, sold out of tickets by half past two, and the dog
        show attracted a record 61 entries, with the prize for the waggiest tail going to
        a three-legged collie called Pepper."""),
        ],
    ),
    (
        "Allotment waiting list shrinks at last",
        [
            T("""Twenty-three new allotment plots have been marked out on the field beside
        Mill Lane, which the parish council bought last autumn from the Ostler estate.
        The new plots have cut the waiting list from 61 names to 38, and the allotment
        society hopes that everyone still waiting will be offered a plot within two years.
        Half plots are also being offered for the first time, at an annual rent of 24 euros
        instead of the 45 euros charged for a full plot, and a new water trough fed from
        the field's old spring was installed in February with help from volunteers."""),
        ],
    ),
    (
        "Osier footbridge to close for repairs",
        [
            T("""The Osier footbridge over the Hensey Brook will be closed from 12 May for
        about six weeks while its rotten timber deck is replaced and the handrails are
        raised to the current height standard. Walkers will be diverted along the road
        via Kettle Ford, which adds about fifteen minutes to the walk between Fennick Green
        and the station at Lower Hensey. The county highways department, which owns the
        bridge, will meet the cost of the work, and the contractor has promised to keep
        the towpath open on both banks throughout."""),
        ],
    ),
    (
        "New head teacher at the primary school",
        [
            T("""Fennick Green Primary School welcomed its new head teacher, Anouk Hendry,
        after the Easter holidays. Mrs Hendry was previously deputy head at Saltry Vale
        Primary and takes over from Gareth Lowmoor, who retired in December after
        twenty-two years at the school. The school now has 212 pupils in eight classes,
        and Mrs Hendry's first priority is the new outdoor classroom that parents have been
        raising money for, which she hopes to see built before the end of the summer
        term."""),
        ],
    ),
    (
        "Route 14 buses to run more often",
        [
            T("""From Monday 7 April the number 14 bus between Fennick Green and Kelmarsh
        Market will run every 20 minutes on weekdays instead of every 30, following a
        successful trial last autumn. The first bus from the village green will leave at
        6.10 am, and the last bus back from Kelmarsh bus station will now leave at 11.15
        pm, an hour later than at present. Sunday services are unchanged at one bus an
        hour. Timetables are available at the library and the post office, and the
        operator, Vellway Buses, says that passenger numbers on the route have risen by a
        quarter over the past two years."""),
        ],
    ),
    (
        "Repair Café marks its first birthday",
        [
            T("""The Repair Café, which meets on the second Saturday of every month at the
        scout hall on Chantry Road, celebrated its first birthday in March. In its first
        year the volunteer fixers looked at 131 broken items and repaired 96 of them,
        from toasters and lamps to bicycles, jeans and a much-loved rocking horse.
        Coordinator Fintan Obi says the most common faults are broken zips and worn
        kettle switches, and the café is keen to hear from anyone who can mend clocks or
        sharpen garden tools. Repairs are free, although donations towards spare parts are
        always welcome."""),
        ],
    ),
    (
        "Nature notes: otters return to the brook",
        [
            T("""Otters have been seen on the Hensey Brook below the mill weir for the first
        time in more than thirty years. A camera trap set by the Hensey Valley Wildlife
        Group recorded a female with two cubs on three separate nights in February. The
        group's winter bird count in January recorded 41 species in the parish, including
        a pair of kingfishers at the old gravel pit and a flock of around two hundred
        fieldfares on the water meadows. Volunteers are needed for the spring count on 26
        April, and no experience is necessary."""),
        ],
    ),
    (
        "Village hall roof appeal passes halfway",
        [
            T("""The appeal to replace the leaking roof of the village hall has now raised
        21,650 euros towards its target of 38,000 euros, thanks to a generous legacy, a
        grant from the Hensey Valley Community Trust and dozens of smaller donations. Hall
        committee chair Beatrix Onslow said that the roofers have been booked for
        September, so that the work can be finished before the busy Christmas season, and
        that the hall will remain open throughout, although the main hall may be closed for
        a few days while the scaffolding goes up. The hall, which was built in 1926 with
        money raised by the villagers themselves, is used every week by nineteen regular
        groups, from the toddler group and the short mat bowls club to the Tuesday
        evening choir, and the committee estimates that it welcomes around 600 visits a
        week. Donations can be made at the post office, where the appeal thermometer is
        displayed in the window."""),
        ],
    ),
    (
        "Speed watch volunteers busy on Station Road",
        [
            T("""The village's community speed watch team carried out fourteen sessions on
        Station Road between November and February and recorded 412 vehicles travelling
        above the 30 km/h limit, out of 5,930 that passed. The fastest was clocked at 71
        km/h at twenty past eight on a school morning. Coordinator Hamish Dell said that
        the details of drivers caught more than once have been passed to the road safety
        partnership, which writes to the registered keeper, and that the team would like
        to recruit six more volunteers so that sessions can also be held on the Kelmarsh
        road. Training takes one evening and all equipment is provided."""),
        ],
    ),
    (
        "Great Fennick Tidy-up fills 74 bags",
        [
            T("""Fifty-seven volunteers of all ages turned out on Saturday 8 March for the
        Great Fennick Tidy-up, and between them they collected 74 bags of litter from the
        verges, the churchyard and the banks of the Hensey Brook. The strangest finds
        included a shopping trolley, a garden gnome and a typewriter, which was pulled out
        of the brook below Kettle Ford by two members of the scout troop. The parish
        council provided the litter pickers and the bags, and the Three Herons served free
        soup to the volunteers at lunchtime. The next tidy-up will take place in
        September."""),
        ],
    ),
    (
        "Young photographer of the year",
        [
            T("""Thirteen-year-old Isla Merrow has won the Courier's young photographer of the
        year competition with a photograph of frost on the reeds of the water meadows at
        sunrise. The judges, from the Hensey Valley Camera Club, chose her picture from 48
        entries and praised its patience and composition. Isla receives a 50 euro voucher
        from Kettle Ford Books, and her photograph will appear on the cover of the summer
        issue of the Courier. Runners-up were Theo Brannock and Maya Okafor-Reid."""),
        ],
    ),
    (
        "From the parish council",
        [
            T("""At its February meeting the parish council set its budget for the coming
        year, and the parish share of the council tax will rise by 3.2%, which the council
        says is needed to pay for the maintenance of the new allotment field and the
        replacement of the play equipment at Brook Meadow. A new bench in memory of the
        late Dorothy Pell will be installed beside the duck pond in May. Parish clerk Ivor
        Thackeray reminds residents that council meetings are held on the first Tuesday of
        every month at 7.30 pm in the village hall, and that members of the public are
        welcome to speak at the start of every meeting."""),
        ],
    ),
    (
        "Village shop keeps its post office",
        [
            T("""There was relief in the village when Sam and Odile Fenwright, who took over
        the village shop on Chantry Road in January, confirmed that they will keep the post
        office counter open. The previous owners, who ran the shop for sixteen years, had
        warned that the counter might close when they retired. The counter will now open
        six days a week, from 8.30 am to 5.30 pm on weekdays and until 4 pm on Saturdays,
        and the Fenwrights have added a bakery shelf stocked every morning by the Old Mill
        bakery at Lower Hensey. Parcel collection lockers are due to be installed beside
        the shop in the summer."""),
        ],
    ),
    (
        "Flood wardens wanted",
        [
            T("""After the Hensey Brook burst its banks on 23 November last year and flooded
        eleven homes in Mill Lane and Brook Row, the parish council is setting up a team of
        volunteer flood wardens. Wardens will receive flood alerts by text message, check
        the culvert grilles under the Kelmarsh road, and help neighbours who need to move
        belongings upstairs or leave their homes. The council hopes to recruit eight
        wardens, at least two for each of the streets most at risk, and training will be
        given by the county emergency planning team on 3 June. A store of 300 sandbags has
        been set up at the fire station, and residents of the streets at risk can collect
        up to ten bags each when a flood warning is in force."""),
        ],
    ),
    (
        "Surgery news",
        [
            T("""Hensey Vale Surgery welcomes Dr Linnea Ashworth, who joined the practice in
        February and will hold clinics on Monday, Wednesday and Friday. The surgery's
        telephone system was replaced at the end of March, and callers are now told their
        place in the queue, while routine appointments can also be booked online up to four
        weeks ahead. The practice manager, Owen Strickland, asks patients to cancel
        appointments they no longer need, because 214 appointments were missed without
        notice in January alone. The spring vaccination clinic for residents aged 75 and
        over will run on Saturday mornings in April at the village hall."""),
        ],
    ),
    (
        "Church clock to chime again",
        [
            T("""The clock on St Aldhelm's church tower, which stopped at twenty to four on
        a stormy night in 2019, will be working again by the harvest festival. The church
        council has appointed the clockmakers Harkness and Vane to restore the movement
        and the chiming mechanism at a cost of 9,800 euros, of which 4,000 euros came from
        the proceeds of this year's spring fair. The restorers will take the movement to
        their workshop in June, and churchwarden Philippa Garrow says that the clock will
        be wound automatically in future, so that volunteers will no longer have to climb
        the tower every week."""),
        ],
    ),
    (
        "Letter: parking at the school gate",
        [
            T("""Dear Editor, may I appeal to parents who drive their children to Fennick
        Green Primary to park considerately? Every morning cars are left on the pavement
        outside the school and across the dropped kerbs on Chantry Road, forcing people
        with pushchairs and wheelchairs into the road. The village hall car park is only
        three minutes' walk away and is almost empty at that time of day, and the hall
        committee has kindly agreed that parents may use it free of charge between 8 and
        9.30 am. A few minutes' walk would make the school run safer for everyone.
        Yours, Margaret Elphick, Chantry Road."""),
        ],
    ),
    (
        "Clubs and groups",
        [
            "Short mat bowls: Mondays at 7 pm in the village hall. Contact Gordon Pask.",
            "Toddler group: Wednesdays at 9.30 am in the village hall. Contact Freya Lisle.",
            "Hensey Valley Wildlife Group: first Thursday of the month at the Three Herons. Contact Ruth Callard.",
            "Fennick Green Silver Band: rehearsals on Fridays at 7.30 pm in the scout hall. Contact Alan Treece.",
            "Tuesday evening choir: Tuesdays at 8 pm in the church. Contact Mabel Oduya.",
            "Book club: last Wednesday of the month at the library. Contact Wilhelmina Crace.",
        ],
    ),
    (
        "Dates for your diary",
        [
            "Saturday 12 April: Repair Café, scout hall, 10 am to 1 pm.",
            "Saturday 26 April: Spring bird count, meet at the mill weir at 7 am.",
            "Sunday 18 May: Open gardens afternoon in aid of the village hall roof fund.",
            "Saturday 21 June: Midsummer concert by the Fennick Green Silver Band on the green.",
        ],
    ),
]


def newsletter(path):
    d = Doc(
        family="Lato",
        size=9.8,
        lh=4.6,
        ttf=("Lato", {"": "lato/Lato-Regular.ttf", "B": "lato/Lato-Bold.ttf", "I": "lato/Lato-Italic.ttf"}),
        header_left="",
        footer_fmt="Page {n} of {nb}",
        margins=(16, 24, 16),
        bottom=18,
        title="The Fennick Green Courier, Issue 57",
        author="Fennick Green Courier",
    )

    def nl_header():
        if d.page_no() > 1:
            return "Issue 57 \u2014 Spring 2025"
        return ""

    d.header_right = nl_header
    d.add_page()
    d.header_left = "The Fennick Green Courier"
    # masthead across the full width of the first page
    d.set_y(14)
    d.set_font("Lato", "B", 30)
    d.cell(0, 14, "The Fennick Green Courier", align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    d.set_font("Lato", "I", 10)
    d.cell(
        0,
        6,
        "Community news for Fennick Green, Lower Hensey and Tollbridge End",
        align="C",
        new_x=XPos.LMARGIN,
        new_y=YPos.NEXT,
    )
    d.set_font("Lato", "", 9)
    d.cell(
        0,
        6,
        "Issue 57  \u00b7  Spring 2025  \u00b7  Free to every household in the parish",
        align="C",
        new_x=XPos.LMARGIN,
        new_y=YPos.NEXT,
    )
    d.set_line_width(0.6)
    d.line(d.l_margin, d.get_y() + 1, d.w - d.r_margin, d.get_y() + 1)
    d.set_line_width(0.2)
    d.ln(5)
    with d.text_columns(ncols=2, gutter=7, text_align="J", line_height=1.18) as cols:
        for n, (headline, paragraphs) in enumerate(NEWSLETTER):
            d.set_font("Lato", "B", 12.5)
            with cols.paragraph(text_align="L", top_margin=3 if n else 0, bottom_margin=1.5) as par:
                par.write(headline)
            d.set_font("Lato", "", d.size)
            bulleted = headline.startswith(("Dates", "Clubs"))
            for text in paragraphs:
                with cols.paragraph(
                    text_align="J",
                    bottom_margin=1.8,
                    bullet_string="\u2022" if bulleted else "",
                    indent=4 if bulleted else 0,
                ) as par:
                    par.write(shy(text))
        d.set_font("Lato", "I", 8.5)
        with cols.paragraph(text_align="L", top_margin=4) as par:
            par.write(
                T("""The Fennick Green Courier is edited by Colm Ashdown and
            delivered by volunteers. Contributions for the summer issue are welcome
            by 30 May at the library or by email to courier@fennickgreen.example.""")
            )
    d.output(str(path))


# ===========================================================================
# 4. HR travel and expenses policy
# ===========================================================================
def policy(path):
    d = Doc(
        family="Times",
        size=11.5,
        lh=5.6,
        header_left="Halden & Crewe Logistics \u2014 Policy HR-014 Travel and Expenses",
        header_right="Version 3.2",
        footer_left="Uncontrolled when printed",
        footer_fmt="Page {n} of {nb}",
        footer_align="R",
        title="Travel and Expenses Policy HR-014",
        author="Halden & Crewe Logistics, People Team",
    )
    d.add_page()
    d.title_block(
        [
            ("Travel and Expenses Policy", "B", 19, 1.5),
            ("Policy HR-014, version 3.2. Effective from 1 January 2025. Owner: Head of People.", "", 10.5, 3),
        ]
    )
    d.heading("1. Purpose")
    d.para(
        T("""This policy explains when Halden & Crewe Logistics will pay for travel,
    accommodation and subsistence, how much it will pay, and who must approve the costs.
    Its aim is to make sure that colleagues who travel on company business are neither out
    of pocket nor better off as a result, and that the company spends money on travel only
    when meeting in person is genuinely necessary. Colleagues are expected to choose the
    most economical option that meets the needs of the business, taking account of the
    total cost of the journey, the time spent travelling and their own safety and
    wellbeing. Managers are responsible for making sure that the members of their teams
    know about this policy and follow it, and for challenging claims that appear
    unreasonable before they approve them.""")
    )
    d.heading("2. Scope")
    d.para(
        T("""The policy applies to all employees of Halden & Crewe Logistics and its
    subsidiary Crewe Freight Services, including those on fixed-term contracts, and to
    agency workers and contractors whose contracts say that the company will reimburse
    their expenses. It does not apply to the travel of job applicants, which is covered by
    the recruitment procedure, or to relocation costs, which are covered by policy HR-019.
    Members of the executive committee follow this policy in full, and their claims are
    approved by the Chief Executive or, in the case of the Chief Executive's own claims, by
    the chair of the audit committee.""")
    )
    d.heading("3. Planning and approving travel")
    d.para(
        T("""All business travel must be approved in advance. Day trips within the
    country may be approved by the traveller's line manager, trips that involve one or more
    nights away must be approved by the head of department, and all international travel
    must be approved by the Chief Operating Officer at least 14 days before departure,
    except in an emergency. Travel must be booked through the company's travel agency,
    Pathway Corporate Travel, unless the agency cannot offer the service required, and
    colleagues who book directly must be able to show that the fare or rate they paid was
    no higher than the one the agency quoted. Before booking any trip, the traveller should
    consider whether a video call would achieve the same result.""")
    )
    d.heading("4. Rail and air travel")
    d.para(
        T("""Rail travel is in standard class. First class may be booked for a single
    journey that is scheduled to last more than three hours, provided that the ticket is
    booked at least seven days in advance and costs no more than 20% more than the
    equivalent standard class fare. Air travel is in economy class for all flights, except
    that premium economy may be booked for a flight scheduled to last more than six hours,
    and business class only for flights scheduled to last more than eight hours, with the
    written approval of the Chief Operating Officer. Colleagues may keep any loyalty points
    earned on business travel, but they must not choose a more expensive airline, route or
    fare in order to earn points.""")
    )
    d.heading("5. Using your own car")
    d.para(
        T("""Colleagues who use their own car for business journeys are reimbursed at a
    mileage rate of 0.38 euros per kilometre for the first 10,000 business kilometres in a
    tax year and 0.24 euros per kilometre after that. A passenger supplement of 0.05 euros
    per kilometre is paid for each colleague carried on the same business journey. Mileage
    is calculated from the normal place of work or from home, whichever is shorter, and the
    normal journey between home and the place of work is never reimbursed. The car must be
    insured for business use, and the company does not reimburse fines for parking or
    speeding offences, clamping fees or the cost of repairing damage to a private car,
    although reasonable parking and toll charges are reimbursed in full against
    receipts.""")
    )
    d.heading("6. Hire cars and taxis")
    d.para(
        T("""Hire cars should be booked through the travel agency and must be no larger
    than the compact category unless four or more colleagues are travelling together or
    bulky equipment has to be carried. Taxis may be used when no reasonable public
    transport is available, when the journey starts or ends between 22:00 and 06:00, or
    when the traveller is carrying heavy equipment, and otherwise only where a taxi is
    cheaper than the alternatives for a group travelling together.""")
    )
    d.heading("7. Accommodation")
    d.para(
        T("""Hotels must be booked through the travel agency wherever possible. The
    company pays up to 145 euros per night for a room with breakfast, or up to 190 euros
    per night in the capital, Lorvane, where hotel prices are substantially higher.
    Colleagues who stay with friends or relatives instead of in a hotel may claim a flat
    allowance of 30 euros per night, without receipts, to cover a gift for their host.
    Where a hotel room cannot be found within the limit, the head of department may approve
    a higher rate in advance, and the reason must be recorded with the booking. Rooms must
    be cancelled as soon as a trip is called off, because charges for rooms that were not
    used and not cancelled in time will only be reimbursed if the cancellation was
    unavoidable.""")
    )
    d.heading("8. Meals and subsistence")
    d.para(
        T("""For day trips lasting more than five hours away from the normal place of
    work, the company reimburses the actual cost of lunch up to 14 euros. For trips that
    involve a night away, colleagues may claim a daily subsistence allowance of up to 42
    euros for each full day, covering lunch, an evening meal and non-alcoholic drinks,
    against itemised receipts. Alcohol is not reimbursed under any circumstances, except as
    part of approved client entertainment. Client entertainment must be approved in advance
    by the head of department and is limited to 60 euros per person, including the
    colleagues attending. Subsistence rates for travel outside the country are set out in
    Annex B, which is reviewed each year by the finance team. Meals that are provided
    free of charge, for example at a conference, on a flight or as part of a hotel
    package, cannot be claimed again, and the daily allowance must be reduced
    accordingly. Colleagues who have particular dietary needs for medical or religious
    reasons should discuss them with their manager before travelling, and reasonable
    additional costs arising from those needs will be reimbursed.""")
    )
    d.heading("9. Claiming expenses")
    d.para(
        T("""Expenses must be claimed through the Ledgerline expenses system within 30
    days of the end of the trip. An itemised receipt is required for every item over 25
    euros, and credit card slips alone are not accepted as receipts. Claims submitted more
    than 90 days after the expense was incurred will be rejected unless the Finance
    Director agrees that there was a good reason for the delay. Claims approved by the 20th
    day of a month are paid with that month's salary, and claims approved after the 20th
    are paid with the following month's salary. By submitting a claim, the colleague
    confirms that the expenses were incurred wholly and necessarily on company business and
    have not been claimed from anyone else.""")
    )
    d.heading("10. Who approves a claim")
    d.para(
        T("""Every claim must be approved by someone other than the person making it,
    according to the total value of the claim:""")
    )
    d.grid(
        [
            ("Total value of the claim", "Approved by"),
            ("Up to 500 euros", "Line manager"),
            ("500.01 to 2,500 euros", "Head of department"),
            ("Over 2,500 euros", "Finance Director"),
            ("Any claim by the Chief Executive", "Chair of the audit committee"),
        ],
        widths=(75, 75),
        aligns=("LEFT", "LEFT"),
    )
    d.para(
        T("""An approver who is unavailable for more than five working days may
    delegate approval to a colleague at the same or a higher level, and the delegation must
    be recorded in the Ledgerline system so that the finance team can check it.""")
    )
    d.heading("11. Corporate cards")
    d.para(
        T("""Corporate credit cards are issued to colleagues who travel on business
    more than six times a year, with a monthly limit of 3,000 euros. Card statements must
    be reconciled in Ledgerline, with receipts attached, within ten working days of the
    statement date. The card must not be used for personal purchases, and cash withdrawals
    are permitted only when travelling abroad and only up to 200 euros per trip. A card may
    be withdrawn if its holder repeatedly fails to reconcile statements on time.""")
    )
    d.heading("12. Breaches of this policy")
    d.para(
        T("""Claims that do not comply with this policy will be returned to the
    colleague for correction, and amounts that should not have been paid will be recovered
    through payroll. Deliberately false claims will be treated as gross misconduct under
    the disciplinary procedure and may be reported to the police. The finance team audits
    a random sample of 5% of claims every month and reports any patterns of non-compliance
    to the executive committee. Colleagues who are unsure whether an expense can be
    claimed should ask the finance team before incurring it, since a claim made in good
    faith on the advice of the finance team will not be treated as a breach even if the
    advice later turns out to have been wrong. Anyone who suspects that another colleague
    is making false claims should raise the concern under the whistleblowing policy,
    HR-022, which protects people who report wrongdoing in good faith.""")
    )
    d.heading("13. Ownership and review")
    d.para(
        T("""This policy is owned by the Head of People, Sunniva Okafor, and was
    approved by the executive committee on 28 November 2024. It will be reviewed by
    December 2026, or earlier if tax rules change. Version 3.2 replaces version 3.1 and
    increases the accommodation limits, introduces the allowance for staying with friends
    or relatives, and adds the rules on premium economy flights. Questions about the policy
    should be sent to the People team at people@haldencrewe.example.""")
    )
    d.output(str(path))


# ===========================================================================
# 5. Board minutes
# ===========================================================================
def minutes(path):
    d = Doc(
        family="Liberation",
        size=10.3,
        lh=5.1,
        ttf=(
            "Liberation",
            {
                "": "liberation/LiberationSans-Regular.ttf",
                "B": "liberation/LiberationSans-Bold.ttf",
                "I": "liberation/LiberationSans-Italic.ttf",
            },
        ),
        header_left="Ravensholm Community Housing Association",
        header_right="Board minutes \u2014 18 February 2025",
        footer_left="Draft until approved by the board",
        footer_fmt="Page {n} of {nb}",
        footer_align="R",
        title="Minutes of the Board, 18 February 2025",
        author="Ravensholm Community Housing Association",
    )
    d.add_page()
    d.title_block(
        [
            ("Ravensholm Community Housing Association", "B", 15, 1),
            (
                "Minutes of the meeting of the Board held on Tuesday 18 February 2025 at 6 pm "
                "in the Weir House, Ravensholm",
                "",
                10.5,
                3,
            ),
        ]
    )

    def item(title):
        d.heading(title, level=2)

    d.para(
        T("""Present: Gwendolyn Marsh-Teller (Chair), Ferris Okonjo (Vice-Chair), Dana
    Quill, Rupert Ansel, Mei-Ling Farrow and Tomasz Brenner."""),
        align="L",
        after=1,
    )
    d.para(
        T("""In attendance: Lorcan Pryde (Chief Executive), Esther Vantongeren
    (Director of Finance), Joel Haskett (Director of Property) and Nadia Ferrante
    (Governance Officer, minutes)."""),
        align="L",
        after=1,
    )
    d.para("Apologies: Bronagh Keel.", align="L")

    item("1. Welcome and quorum")
    d.para(
        T("""The Chair welcomed members and noted that the meeting was quorate, with six
    of the seven board members present. She welcomed Tomasz Brenner to his first meeting
    following his appointment by the tenants' forum in January.""")
    )
    item("2. Declarations of interest")
    d.para(
        T("""Rupert Ansel declared an interest in item 5, because his brother-in-law is
    employed by Maddox & Fell Builders, and he left the meeting for the whole of that item.
    No other interests were declared.""")
    )
    item("3. Minutes of the previous meeting")
    d.para(
        T("""The minutes of the meeting held on 21 January 2025 were approved as a true
    record, subject to one correction: in item 6 the number of homes awaiting a gas safety
    check should read 14 and not 41. All actions from that meeting were complete or on the
    agenda, apart from the review of the lettings policy, which the Chief Executive said
    would come to the board in April.""")
    )
    item("4. Chief Executive's report")
    d.para(
        T("""The Chief Executive reported that the Association owned 1,486 homes at the
    end of January, following the purchase of four homes in Sedgley Row under the
    buy-back scheme. Rent arrears stood at 3.1% of the annual rent roll, compared with a
    target of 3.5%, and the rent lost on empty homes had fallen to 1.2% after the
    introduction of the new lettings team. The annual tenant survey had been completed by
    612 households, and overall satisfaction with the Association's services was 78%, up
    from 74% a year earlier, although satisfaction with the handling of complaints remained
    low at 51%. He also reported that the new repairs contact centre had answered 92% of
    calls within two minutes in January, against a target of 90%, and that the
    Association's annual report would be published on 30 June. Board members asked for an analysis of complaints by type to be presented at
    the next meeting, and the Chief Executive agreed to provide it.""")
    )
    item("5. Coppergate development: award of contract")
    d.para(
        T("""Rupert Ansel left the meeting. The Director of Property presented the
    tender report for the construction of 36 new homes at Coppergate, of which 24 will be
    for social rent and 12 for shared ownership. Five tenders had been received, and the
    evaluation panel recommended Maddox & Fell Builders, whose tender scored highest on
    both price and quality. The board discussed the risks of building on the former dye
    works site, including the possibility that further contaminated ground would be found
    during excavation, and noted that a contingency sum had been included in the budget for
    this reason. The Director of Finance confirmed that the scheme would receive a grant of
    2.16 million euros from the Vell Regional Housing Fund, and that the remaining cost would
    be met from the Association's existing loan facility.""")
    )
    d.para(
        T("""Decision: the board approved the award of the contract for the Coppergate
    development to Maddox & Fell Builders for 7.45 million euros, with a contingency of 5%
    (372,500 euros) to be held by the Director of Property, and a start on site on 2 June
    2025 and completion by 18 December 2026. Rupert Ansel then rejoined the meeting.""")
    )
    item("6. Finance report")
    d.para(
        T("""The Director of Finance presented the management accounts for the nine
    months to 31 December 2024. The Association had made a surplus of 1.28 million euros
    against a budget of 1.05 million euros, mainly because of lower spending on responsive
    repairs and higher interest earned on cash balances. Cash at the end of December stood
    at 3.9 million euros. Interest cover, which the lenders require to stay above 1.25
    times, was 1.6 times, and all other loan covenants had been met with comfortable
    headroom. The board noted the report and thanked the finance team for the early
    completion of the quarter-end accounts.""")
    )
    item("7. Rent setting for 2025/26")
    d.para(
        T("""The Director of Finance set out the options for rents in 2025/26 and
    reminded members that the maximum increase allowed by the regional rent standard was
    4.5%. After discussion, and taking account of the views expressed by the tenants'
    forum, the board agreed a lower figure. Decision: rents will increase by 3.9% from 7
    April 2025, which raises the average weekly rent from 118.40 euros to 123.02 euros, and
    service charges will increase in line with actual costs. The Chair thanked the tenants' forum for
    its careful consideration of the options. Tenants will be given at least 28 days'
    written notice of the increase, together with information about help
    available to those who are struggling to pay.""")
    )
    item("8. Repairs, damp and mould")
    d.para(
        T("""The Director of Property reported that the average time taken to complete
    a routine repair was 19 days against a target of 15 days, because of a shortage of
    plumbers at the main repairs contractor. He also reported that 87 homes had open cases
    of damp or mould, of which nine were classed as serious. Members expressed concern
    about the time some cases had taken to resolve. Decision: the board approved an
    additional budget of 240,000 euros for a survey of damp and mould in all 1,486 homes, to
    be completed by 30 September 2025, and asked for monthly progress reports. The
    Director of Property confirmed that the households living in the nine homes with
    serious damp had all been offered temporary moves while the remedial work was carried
    out, and that three of them had accepted. He also outlined the proposed programme of boiler replacements for
    2025/26 and said that its cost would be reported to the next meeting once quotations
    had been received.""")
    )
    item("9. Risk register")
    d.para(
        T("""The board reviewed the strategic risk register, which had been considered
    in detail by the Audit and Risk Committee at its meeting on 4 February. The committee
    chair reported that the risk relating to building safety had been raised from medium
    to high, following the findings of the fire risk assessments at the two tower blocks in
    Lantern Court. Members discussed whether
    the Association's insurance cover for the two tower blocks remained adequate, and the
    Director of Finance undertook to confirm the position with the insurers before the
    next meeting of the Audit and Risk Committee. Dana Quill asked that the register should
    in future show the date on which each risk was last reviewed, and the Chief Executive
    agreed to make this change. The board agreed the revised register.""")
    )
    item("10. Any other business")
    d.para(
        T("""The Chair reminded members of the board away day on Saturday 10 May 2025 at
    Harrowfield Grange, which will focus on the Association's new five-year strategy.
    Ferris Okonjo reported on the regional tenants' conference he had attended on 8
    February with two members of the tenants' forum, where the main topics had been damp
    and mould, the cost of living and the new consumer standards for landlords, and he
    offered to circulate the conference papers to members who wanted them. There was no
    other business, and the meeting closed at 8.20 pm.""")
    )
    item("Date of next meeting")
    d.para("Tuesday 25 March 2025 at 6 pm in the Weir House, Ravensholm.")
    item("Actions")
    d.grid(
        [
            ("Action", "Owner", "Due"),
            ("Analysis of complaints by type", "Chief Executive", "25 March 2025"),
            ("Sign Coppergate contract", "Director of Property", "7 March 2025"),
            ("Send rent increase notices to tenants", "Director of Finance", "7 March 2025"),
            ("Boiler replacement costs", "Director of Property", "25 March 2025"),
            ("Lettings policy review", "Chief Executive", "22 April 2025"),
        ],
        widths=(78, 50, 38),
        aligns=("LEFT", "LEFT", "LEFT"),
        size=9.5,
    )
    d.output(str(path))


# ===========================================================================
# 6. Research brief with footnotes
# ===========================================================================
def research_summary(path):
    d = Doc(
        family="LiberationSerif",
        size=11,
        lh=5.5,
        ttf=(
            "LiberationSerif",
            {
                "": "liberation/LiberationSerif-Regular.ttf",
                "B": "liberation/LiberationSerif-Bold.ttf",
                "I": "liberation/LiberationSerif-Italic.ttf",
            },
        ),
        header_left="Pellis Institute for Arable Studies",
        header_right="Research Brief 2025/03",
        footer_fmt="{n}",
        footer_align="C",
        bottom=32,
        title="Beans and oats together: intercropping trials at Callowmere",
        author="Pellis Institute for Arable Studies",
    )
    d.add_page()
    d.title_block(
        [
            ("Research Brief 2025/03", "", 10, 1),
            ("Beans and oats together: two seasons of intercropping trials at Callowmere", "B", 17, 2),
            ("Ilse Brannagh, Oren Falk-Whitby and Saoirse Delacourt", "I", 10.5, 1),
            ("Pellis Institute for Arable Studies, April 2025", "", 10, 3),
        ]
    )
    d.heading("Summary")
    d.para(
        T("""Growing winter oats and field beans together in the same field, a practice
    known as intercropping, produced more grain per hectare than growing the two crops
    separately in both seasons of our trial at Callowmere Research Farm, while using less
    than half of the nitrogen fertiliser applied to oats grown alone. The advantage was
    larger in the drier first season than in the very wet second season. Intercrops also
    suppressed weeds and reduced lodging, and oats grown with beans had a higher protein
    content. This brief summarises the design and results of the trial and sets out what
    they mean for growers who are considering the practice.""")
    )
    d.heading("Background")
    d.para(
        T("""Winter oats are an important crop on the heavy soils of the lower Vell
    valley, but their yield depends on nitrogen fertiliser, which has become much more
    expensive in recent years and is responsible for a large share of the greenhouse gas
    emissions associated with arable farming. Field beans fix nitrogen from the air through
    bacteria in their root nodules, and earlier studies in other regions have suggested that
    a cereal grown alongside a legume can use some of this nitrogen, as well as benefiting
    from better control of weeds and diseases. Few growers in the valley have tried
    intercropping, however, because of uncertainty about the yields they can expect, the
    practical difficulties of drilling two crops together and the need to separate the
    mixed grain after harvest. The trial described here was designed to answer the first of
    these questions under local conditions, and to give growers practical guidance on the
    other two.""")
    )
    d.heading("Trial design")
    d.para(
        T("""The trial was carried out over two seasons, 2022/23 and 2023/24, in a
    single field of silty clay loam at Callowmere Research Farm. Four cropping treatments
    were compared: oats alone, beans alone, oats and beans sown in alternate rows, and oats
    and beans mixed together in the same rows. Each cropping treatment was grown at three
    rates of nitrogen fertiliser (0, 50 and 100 kilograms of nitrogen per hectare) in four
    randomised blocks, giving 48 plots, each 12 metres long and 3 metres wide. The oat
    variety was Gledhow and the bean variety Tarrant Brown, and the intercrops were sown
    at 60% of the seed rate of each sole crop. The trial was sown on 14 October 2022 in the
    first season and on 19 October 2023 in the second, and it was harvested with a plot
    combine in early August each year, after which the mixed grain from each intercrop plot
    was separated in the laboratory and each component weighed separately.""")
    )
    d.para_with_note(
        T("""The first season was close to average, but the second was one of
    the wettest on record, with 812 millimetres of rain between sowing and harvest compared
    with a long-term average of 640 millimetres.\u00b9 Waterlogging in January and February
    2024 killed about one in ten of the bean plants in the lowest-lying blocks, and all plots
    in those blocks were affected to a similar extent. Weeds, diseases and lodging were
    assessed on each plot in June, and grain protein content was measured on samples taken
    from every plot at harvest."""),
        "\u00b9",
        T("""\u00b9 Rainfall measured at the Callowmere farm weather station, 2 kilometres from
        the trial field. The long-term average is for the period 1991 to 2020."""),
    )
    d.heading("Results")
    d.para_with_note(
        T("""Sole oats given the full 100 kilograms of nitrogen per hectare
    yielded 6.1 tonnes per hectare on average over the two seasons, while the best
    intercrop, oats and beans mixed in the same rows with 50 kilograms of nitrogen, yielded
    5.6 tonnes per hectare of grain in total, made up of 3.9 tonnes of oats and 1.7 tonnes
    of beans. Because each crop in the intercrop occupied only part of the field, the more
    useful comparison is the land equivalent ratio, which averaged 1.18 across the
    intercrop treatments and reached 1.24 for the mixed-row intercrop at 50 kilograms of
    nitrogen.\u00b2 In other words, growing the two crops separately would have needed 24%
    more land to produce the same harvest as the best intercrop. The advantage was smaller
    in the wet second season, when the average land equivalent ratio fell to 1.09, largely
    because of the losses of bean plants to waterlogging. Alternate-row intercrops performed
    slightly less well than mixed-row intercrops in both seasons, although the difference
    was not statistically significant."""),
        "\u00b2",
        T("""\u00b2 The land equivalent ratio is the total area of sole crops needed to
        produce the same yields as one hectare of intercrop. A value above 1.0 means that the
        intercrop uses land more efficiently than the sole crops."""),
    )
    d.para(
        T("""Intercrops suppressed weeds effectively: the dry weight of weeds in June was
    27% lower in the intercrops than in sole oats, and 45% lower than in sole beans, which
    form an open canopy early in the season. Lodging of oats, which affected 22% of the
    area of sole oat plots given 100 kilograms of nitrogen in the first season, was almost
    absent in the intercrops, because the bean stems supported the oats. The protein content
    of oat grain was 12.4% in the intercrops compared with 11.1% in sole oats, a difference
    that could be valuable to growers who sell oats for milling, where higher protein
    commands a premium. Chocolate spot, the most important disease of field beans in the
    valley, was less severe in intercrops in both seasons, but rust was unaffected.""")
    )
    d.para("Table 1. Mean grain yields and land equivalent ratios over the two seasons.", style="I", after=1.5, size=10)
    d.grid(
        [
            ("Treatment", "Nitrogen (kg/ha)", "Oats (t/ha)", "Beans (t/ha)", "LER"),
            ("Oats alone", "0", "4.1", "\u2013", "\u2013"),
            ("Oats alone", "50", "5.2", "\u2013", "\u2013"),
            ("Oats alone", "100", "6.1", "\u2013", "\u2013"),
            ("Beans alone", "0", "\u2013", "3.5", "\u2013"),
            ("Mixed rows", "0", "2.6", "2.0", "1.21"),
            ("Mixed rows", "50", "3.9", "1.7", "1.24"),
            ("Alternate rows", "50", "3.7", "1.6", "1.17"),
        ],
        widths=(42, 32, 26, 26, 20),
        aligns=("LEFT", "RIGHT", "RIGHT", "RIGHT", "RIGHT"),
        size=10,
    )
    d.heading("Practical experience")
    d.para(
        T("""Drilling the two crops together proved simpler than many growers expect.
    In the mixed-row treatments the oat and bean seed was mixed in the hopper of a
    standard disc drill and sown in a single pass at a depth of 5 centimetres, which is
    deeper than is usual for oats alone but did not reduce their establishment, and a
    light roll after drilling was enough to give an even stand. Because the large bean
    seeds tended to settle towards the bottom of the hopper, the seed was mixed again after
    every two hopper loads, and growers using larger drills should consider a hopper with
    two compartments. The alternate-row treatments needed two passes with the drill, which
    doubled the time taken and made little difference to yield, and we do not recommend
    this arrangement for commercial use.""")
    )
    d.para(
        T("""At harvest the combine was set up as for beans, with a slower drum speed
    and a wider concave, which threshed the oats adequately while avoiding splitting of the
    bean seed. The mixed grain was separated with a rotary screen cleaner working at about
    4 tonnes per hour, and the separated oats contained less than 1% of beans by weight,
    which is within the tolerance accepted by the mill that buys most of the oats grown in
    the valley. Storage of the mixed grain before separation needs care, because beans
    are harvested at a higher moisture content than oats, and the mixed grain should be
    dried to 15% moisture within two days of harvest to prevent heating in store.""")
    )
    d.heading("Economics")
    d.para(
        T("""Using grain prices and input costs for the 2023/24 season, the mixed-row
    intercrop with 50 kilograms of nitrogen gave a gross margin 86 euros per hectare higher
    than sole oats with the full rate of nitrogen, mainly because of the saving in
    fertiliser and the value of the beans. This estimate does not include the cost of
    separating the mixed grain after harvest, which depends heavily on the equipment
    available on the farm or at the local grain store, and growers should obtain a quotation
    for this service before committing to the practice. Nor does it include any payment
    under agri-environment schemes, some of which reward the reduced use of nitrogen.""")
    )
    d.heading("Limitations")
    d.para(
        T("""The trial was carried out on a single soil type at one site over two
    seasons, one of which was exceptionally wet, and the results may not apply to lighter
    soils or to other varieties. The plots were small and were harvested with research
    equipment, and yields on a farm scale are usually somewhat lower than those recorded in
    plot trials. The intercrops were also compared with sole crops grown under the same
    management in every other respect, whereas a farmer adopting intercropping would
    probably also change the timing of operations and the choice of varieties, which could
    increase or reduce the advantage we measured. Nor did the trial examine the longer-term
    effects of intercropping on soil structure, soil nitrogen or the following crop, all of
    which may add to its value. The trial will therefore be repeated at a second site, Heskin Farm, on a
    lighter sandy loam, from the 2025/26 season, and the results will be published in a
    later brief.""")
    )
    d.heading("Recommendations")
    d.para(
        T("""Growers who want to try intercropping should start on a small area, mix the
    seed of both crops in the same drill at about 60% of the usual seed rate of each, and
    reduce the nitrogen applied to the oats to about half of the usual rate. They should
    avoid fields that are prone to waterlogging, and they should arrange for the grain to be
    separated before the crop is harvested. We recommend that the Vell Growers' Levy Board
    support on-farm demonstrations over the next three seasons, so that growers can see the
    practice at a realistic scale before deciding whether to adopt it.""")
    )
    d.heading("Acknowledgements")
    d.para(
        T("""The trial was funded by the Vell Growers' Levy Board under grant
    VGLB-2022-117, worth 184,000 euros over three years. We thank the staff of Callowmere
    Research Farm, led by farm manager Corin Stavely, for managing the plots, and the
    Tarrant Seed Company for donating the bean seed.""")
    )
    d.heading("Further information")
    d.para(
        T("""The full trial report, including the plot data and the statistical
    analysis, is available from the Institute's library on request, quoting report number
    PIAS-TR-2025-07. Growers who would like to host an on-farm demonstration in the
    2025/26 season should contact Dr Ilse Brannagh at the Institute's Callowmere office
    before the end of June 2025.""")
    )
    d.heading("Related briefs", level=2)
    d.bullets(
        [
            "Research Brief 2023/05: Reducing nitrogen use in winter oats on heavy soils.",
            "Research Brief 2024/02: Field beans after a wet winter \u2014 what went wrong?",
            "Research Brief 2024/09: The cost of drying and storing mixed grain.",
        ]
    )
    d.output(str(path))


DOCUMENTS = {
    "annual-report.pdf": annual_report,
    "safety-manual.pdf": safety_manual,
    "newsletter.pdf": newsletter,
    "policy.pdf": policy,
    "minutes.pdf": minutes,
    "research-summary.pdf": research_summary,
}


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    for name, build in DOCUMENTS.items():
        build(OUT / name)
        print("wrote", OUT / name)


if __name__ == "__main__":
    main()
