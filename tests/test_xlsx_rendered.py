"""The Excel workbook as printed: LibreOffice prints it to PDF, the pages are measured."""

from __future__ import annotations

import pytest

import enforcement_core as ec
from rendered import PAGE, Page, pages, to_pdf

DOCUMENTS = {
    "gulu": ec.examples.load("gulu-2023"),
    # 104 rows: the statistics take more than one page.
    "town": ec.examples.load("example-town-2023"),
    "city": ec.examples.load("example-city-rounding-2024"),
}
HEADER = "项目数值量词单位"


@pytest.fixture(scope="module")
def printed(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[Page]]:
    """Every workbook's pages, both sheets, as LibreOffice prints them (one conversion)."""
    folder = tmp_path_factory.mktemp("xlsx")
    files = []
    for name, report in DOCUMENTS.items():
        path = folder / f"{name}.xlsx"
        data = ec.render(report, "xlsx")
        assert isinstance(data, bytes)
        path.write_bytes(data)
        files.append(path)
    return {name: pages(pdf) for name, pdf in to_pdf(files, folder).items()}


def statistics_pages(document: list[Page]) -> list[Page]:
    return [page for page in document if not any(line.text.startswith("严重程度") for line in page)]


class TestPrinted:
    @pytest.mark.parametrize("name", list(DOCUMENTS))
    def test_a4_portrait_within_the_page(self, printed, name):
        """Every page A4 portrait; nothing printed past the page's edges."""
        for page in printed[name]:
            assert (page.width, page.height) == pytest.approx(PAGE, abs=1)
            for line in page:
                assert line.x0 >= 0, line
                assert line.x1 <= PAGE[0], line
                assert line.bottom <= PAGE[1], line

    def test_one_page_wide_the_header_on_every_page(self, printed):
        """The long table prints on pages one wide: each page starts with the header row
        and holds the labels beside their values."""
        document = statistics_pages(printed["town"])
        assert len(document) >= 2
        for page in document:
            headers = [line for line in page if line.text.replace(" ", "") == HEADER]
            assert 1 == len(headers), [line.text for line in page[:4]]
            labelled = [line for line in page if any(c.isdigit() for c in line.text)]
            # The label column is on the page with the numbers: no page of right-hand columns alone.
            assert all(line.x0 < PAGE[0] / 3 for line in labelled)

    def test_values_keep_their_units(self, printed):
        """A value and its unit print on one line: 罚款 6,800.00 元."""
        lines = [line.text for line in statistics_pages(printed["gulu"])[0]]
        assert "罚款6,800.00元" in [text.replace(" ", "") for text in lines]
        assert "检查家次363家次" in [text.replace(" ", "") for text in lines]

    def test_the_title_with_its_year(self, printed):
        """重庆市渝北区古路镇人民政府2023年行政执法统计表."""
        first = statistics_pages(printed["gulu"])[0][0]
        assert "重庆市渝北区古路镇人民政府2023年行政执法统计表" == first.text.replace(" ", "")

    def test_findings_in_chinese(self, printed):
        """The findings page names the code and the figure in Chinese."""
        findings = [
            page for page in printed["city"] if page not in statistics_pages(printed["city"])
        ]
        text = "".join(line.text for page in findings for line in page)
        assert "分项合计少于总数" in text
        assert "报告所述·数字第4项" in text
        assert "figure" not in text
        assert "inspection" not in text
