"""docs/tutorial.ipynb is executed, so it cannot rot."""

from __future__ import annotations

from pathlib import Path

import nbformat
from nbclient import NotebookClient

DOCS = Path(__file__).parent.parent / "docs"


class TestTutorial:
    def test_every_cell_runs(self):
        """The tutorial runs from top to bottom in a fresh kernel, its plots drawn."""
        notebook = nbformat.read(DOCS / "tutorial.ipynb", as_version=4)
        # A cell that raises makes execute() raise CellExecutionError, naming the cell.
        NotebookClient(
            notebook,
            timeout=300,
            kernel_name="python3",
            resources={"metadata": {"path": str(DOCS)}},
        ).execute()
        outputs = [
            output for cell in notebook.cells if cell.cell_type == "code" for output in cell.outputs
        ]
        assert [] == [output for output in outputs if output.output_type == "error"]
        images = [output for output in outputs if "image/png" in output.get("data", {})]
        assert 2 == len(images)
        html = [output for output in outputs if "text/html" in output.get("data", {})]
        assert any("隐患整改率" in output.data["text/html"] for output in html)

    def test_is_stored_without_outputs(self):
        """The stored notebook carries no outputs: what readers see is what the tests ran."""
        notebook = nbformat.read(DOCS / "tutorial.ipynb", as_version=4)
        assert all(not cell.get("outputs") for cell in notebook.cells if cell.cell_type == "code")
