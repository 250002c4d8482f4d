"""Pictures of the docx and xlsx output for docs/renderers.md, drawn when the docs build.

Each picture is drawn from the file the renderer writes, read back with python-docx or
openpyxl: the page size, margins, fonts, sizes, indents and alignment in the picture are
those stored in the document, and the cells' values and number formats those of the
workbook. matplotlib draws them (no office suite is needed); Chinese needs a CJK font
(see docs/plots.md), without one each character is drawn as a grey box.
"""

from __future__ import annotations

import datetime as dt
import io
import shutil
import subprocess
import tempfile
import warnings
from pathlib import Path
from typing import Any

import docx
import matplotlib as mpl
import openpyxl

import enforcement_core as ec
from enforcement_core.plots import cjk_font
from enforcement_core.tables import template

mpl.use("Agg")

import matplotlib.pyplot as plt
from matplotlib.patches import Rectangle

__all__ = [
    "clerks_ledger",
    "draw_all",
    "draw_docx_first_page",
    "draw_xlsx_sheet",
    "print_docx_pages",
]

_MM_PER_PT = 25.4 / 72


def _fonts() -> dict[str, Any]:
    font = cjk_font()
    return {"family": font} if font else {}


def _line(ax: Any, x: float, y: float, text: str, size: float, *, drawn: bool) -> None:  # noqa: PLR0913  (a place, a text, a size, a way)
    """Text whose baseline is at ``y`` (mm from the top), starting at ``x`` mm."""
    if drawn:
        ax.text(x, y, text, fontsize=size * 0.55, va="baseline", ha="left", **_fonts())
        return
    # No CJK font: a box per character, of the character's width.
    width = size * _MM_PER_PT
    for index, _ in enumerate(text):
        ax.add_patch(
            Rectangle((x + index * width, y - width * 0.8), width * 0.85, width * 0.8, color="0.7")
        )


def draw_docx_first_page(report: ec.AnnualReport, path: Path) -> None:  # noqa: PLR0915  (one page, drawn top to bottom)
    """The first page of the report's ``.docx``: the paper, the text area, the lines, the number."""
    data = ec.render(report, "docx", doc_number="古路府发〔2024〕1号", addressee="渝北区人民政府")
    if not isinstance(data, bytes):
        raise TypeError("the docx renderer writes bytes")
    document = docx.Document(io.BytesIO(data))
    section = document.sections[0]
    width, height = section.page_width.mm, section.page_height.mm
    left, right = section.left_margin.mm, section.right_margin.mm
    top, bottom = section.top_margin.mm, section.bottom_margin.mm
    figure, ax = plt.subplots(figsize=(width / 50, height / 50), dpi=100)
    ax.set_xlim(0, width)
    ax.set_ylim(height, 0)
    ax.axis("off")
    ax.add_patch(Rectangle((0, 0), width, height, fill=False, lw=1))
    ax.add_patch(
        Rectangle(
            (left, top), width - left - right, height - top - bottom, fill=False, ls=":", lw=0.5
        )
    )
    drawn = bool(cjk_font())
    text_width = width - left - right
    y, bottom_line = top, height - bottom
    for paragraph in document.paragraphs:
        layout = paragraph.paragraph_format
        pitch = layout.line_spacing.pt * _MM_PER_PT if layout.line_spacing else 10.2
        sizes = [run.font.size.pt for run in paragraph.runs if run.font.size]
        size = sizes[0] if sizes else 16
        char = size * _MM_PER_PT * (0.984 if size == 16 else 1)  # condensed body runs
        indent = layout.first_line_indent.mm if layout.first_line_indent else 0
        right_indent = layout.right_indent.mm if layout.right_indent else 0
        lines = []
        first = True
        # A line break the document holds (the title's) starts a line of its own.
        for piece in paragraph.text.split("\n"):
            text, start = piece, True
            while text or start:
                room = int((text_width - right_indent - (indent if first else 0)) / char)
                lines.append((text[:room], indent if first else 0))
                text, first, start = text[room:], False, False
        for chunk, shift in lines:
            y += pitch
            if y > bottom_line:
                break
            alignment = str(layout.alignment)
            if "CENTER" in alignment:
                x = left + (text_width - len(chunk) * char) / 2
            elif "RIGHT" in alignment:
                x = width - right - right_indent - len(chunk) * char
            else:
                x = left + shift + (layout.left_indent.mm if layout.left_indent else 0)
            _line(ax, x, y - pitch * 0.25, chunk, size, drawn=drawn)
        if y > bottom_line:
            break
    number = section.footer.paragraphs[0]
    footer_size = number.runs[0].font.size.pt
    footer_text = number.text
    footer_width = len(footer_text) * footer_size * _MM_PER_PT * 0.75
    footer_x = width - right - number.paragraph_format.right_indent.mm - footer_width
    _line(ax, footer_x, height - bottom + 10, footer_text, footer_size, drawn=drawn)
    figure.savefig(path, bbox_inches="tight")
    plt.close(figure)


def _shown(cell: Any) -> str:
    """A cell as Excel shows it, for the formats the xlsx renderer writes."""
    value, number_format = cell.value, cell.number_format
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if number_format.endswith("%"):
        places = len(number_format.partition(".")[2]) - 1
        return f"{value * 100:.{places}f}%"
    places = len(number_format.partition(".")[2])
    return f"{value:,.{places}f}"


def draw_xlsx_sheet(report: ec.AnnualReport, path: Path, rows: int = 24) -> None:
    """The top of the statistics sheet of the report's ``.xlsx``, as Excel lays it out."""
    data = ec.render(report, "xlsx")
    if not isinstance(data, bytes):
        raise TypeError("the xlsx renderer writes bytes")
    sheet = openpyxl.load_workbook(io.BytesIO(data)).worksheets[0]
    cells = [list(row) for row in sheet.iter_rows(min_row=4, max_row=4 + rows, max_col=4)]
    text = [[_shown(cell) for cell in row] for row in cells]
    widths = [sheet.column_dimensions[letter].width or 10 for letter in "ABCD"]
    figure, ax = plt.subplots(figsize=(sum(widths) / 9, (len(text) + 2) * 0.28), dpi=100)
    ax.axis("off")
    ax.set_title(sheet["A1"].value, loc="left", fontsize=10, **_fonts())
    table = ax.table(
        cellText=text,
        colWidths=[w / sum(widths) for w in widths],
        cellLoc="left",
        loc="upper left",
    )
    table.auto_set_font_size(False)  # noqa: FBT003  (matplotlib's signature)
    for (row, column), drawn_cell in table.get_celld().items():
        source = cells[row][column]
        drawn_cell.set_fontsize(8)
        drawn_cell.get_text().set(**_fonts())
        if source.alignment.horizontal == "right":
            drawn_cell.get_text().set_horizontalalignment("right")
            drawn_cell._loc = "right"  # noqa: SLF001  (matplotlib keeps the alignment here)
        if row == 0 or (source.font and source.font.bold):
            drawn_cell.set_facecolor("#d9e1f2" if row == 0 else "#f2f2f2")
    figure.savefig(path, bbox_inches="tight")
    plt.close(figure)


def clerks_ledger() -> ec.Ledger:
    """The ledger of docs/ledgers.md: the template filled in as a clerk fills it."""
    book = openpyxl.load_workbook(io.BytesIO(template()))
    about = {
        "执法主体名称": "某某镇人民政府",
        "执法主体层级": "镇",
        "所属地区": "某某区",
        "年度": 2023,
    }
    for row in book["基本信息"].iter_rows(min_row=2):
        row[1].value = about.get(row[0].value)
    book["行政处罚"].append(
        ["P-1", dt.date(2023, 5, 2), "安全生产", "警告、罚款", "一般程序", 6800]
    )
    book["行政处罚"].append(["P-2", "2023年7月9日", "交通运输", "警告", "简易"])
    written = {
        "成文日期": dt.date(2024, 1, 18),
        "存在的主要问题": "一是执法力量不足。\n二是执法装备落后。",
        "下一年度工作打算": "加强执法人员业务培训。",
    }
    for row in book["报告正文"].iter_rows(min_row=2):
        row[2].value = written.get(row[0].value)
    buffer = io.BytesIO()
    book.save(buffer)
    return ec.read_ledger(io.BytesIO(buffer.getvalue()))


def print_docx_pages(source: ec.AnnualReport | ec.Ledger, path: Path) -> bool:
    """The Word document's first and last pages as LibreOffice prints them, side by side.

    ``False`` (and nothing drawn) when LibreOffice or poppler's pdftoppm is not installed.
    """
    soffice, pdftoppm = shutil.which("soffice"), shutil.which("pdftoppm")
    if soffice is None or pdftoppm is None:
        return False
    data = ec.render(source, "docx")
    if not isinstance(data, bytes):
        raise TypeError("the docx renderer writes bytes")
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        (work / "report.docx").write_bytes(data)
        profile = f"-env:UserInstallation=file://{work}/profile"
        converted = [*("--convert-to", "pdf", "--outdir", str(work)), str(work / "report.docx")]
        subprocess.run(  # noqa: S603  (LibreOffice from PATH, on a file of our own)
            [soffice, profile, "--headless", *converted],
            capture_output=True,
            timeout=300,
            check=True,
        )
        subprocess.run(  # noqa: S603  (poppler from PATH, on a file of our own)
            [pdftoppm, "-r", "60", "-png", str(work / "report.pdf"), str(work / "page")],
            capture_output=True,
            timeout=120,
            check=True,
        )
        shown = sorted(work.glob("page-*.png"))
        shown = shown[:1] + shown[-1:] if len(shown) > 1 else shown
        figure, axes = plt.subplots(1, len(shown), figsize=(4.2 * len(shown), 6), dpi=100)
        for ax, page in zip(list(getattr(axes, "flat", [axes])), shown, strict=True):
            ax.imshow(plt.imread(page))
            ax.axis("off")
        figure.tight_layout()
        figure.savefig(path, bbox_inches="tight")
        plt.close(figure)
    return True


def draw_all(folder: Path) -> list[Path]:
    """The pictures of the reference report and of the clerk's ledger, into ``folder``; their paths."""
    folder.mkdir(parents=True, exist_ok=True)
    report = ec.examples.load("gulu-2023")
    page, sheet = folder / "docx-first-page.png", folder / "xlsx-sheet.png"
    printed = folder / "ledger-report-pages.png"
    with warnings.catch_warnings():
        # Without a CJK font the sheet's Chinese is drawn as boxes: known, and said above.
        warnings.filterwarnings(
            "ignore", message="Glyph .* missing from font", category=UserWarning
        )
        draw_docx_first_page(report, page)
        draw_xlsx_sheet(report, sheet)
        # Printed by LibreOffice where it is installed; else the first page, drawn.
        ledger = clerks_ledger()
        if not print_docx_pages(ledger, printed):
            draw_docx_first_page(ec.summarize(ledger), printed)
    return [page, sheet, printed]
