"""Ledgers from where they live: Excel workbooks, CSV, Parquet and the 双公示 tables.

:func:`read_ledger` reads the library's own table layout (one sheet per kind of
record, Chinese headers; docs/ledgers.md) and the national 双公示 tables of
penalties and licences into a :class:`~enforcement_core.Ledger`. Every problem
of a file comes at once in one :class:`~enforcement_core.LoadError`, each a
:class:`TableProblem` with its sheet, row, column header and value, in English and
in Chinese.

The readers are the ``tables`` extra: python-calamine for Excel, pyarrow for
Parquet; CSV needs neither.
"""

from enforcement_core.tables._files import ENCODINGS
from enforcement_core.tables._ledgers import load_document, read_ledger
from enforcement_core.tables._locate import locate
from enforcement_core.tables._problems import TableProblem, in_language
from enforcement_core.tables._publicity import (
    PublishedLayout,
    column,
    published_layouts,
    recognise,
    register_layout,
    unregister_layout,
)
from enforcement_core.tables._template import report_skeleton, template, write_template
from enforcement_core.tables.columnar import ColumnarLedger, read_columnar

__all__ = [
    "ENCODINGS",
    "ColumnarLedger",
    "PublishedLayout",
    "TableProblem",
    "column",
    "in_language",
    "load_document",
    "locate",
    "published_layouts",
    "read_columnar",
    "read_ledger",
    "recognise",
    "register_layout",
    "report_skeleton",
    "template",
    "unregister_layout",
    "write_template",
]
