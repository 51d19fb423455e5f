"""Render a workbook as a clerk prints it: LibreOffice to PDF, pdftoppm to PNG pages.

Usage: python scripts/render.py FILE.xlsx OUTDIR [DPI]
Needs Debian's libreoffice-calc-nogui and poppler-utils (as .ci/run installs).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
from libreoffice import convert  # noqa: E402  (the same helper the tests use)


def main() -> None:
    source, out = Path(sys.argv[1]), Path(sys.argv[2])
    dpi = sys.argv[3] if len(sys.argv) > 3 else "80"
    pdf = convert(source, out, "pdf")
    subprocess.run(["pdftoppm", "-r", dpi, "-png", str(pdf), str(out / "page")], check=True)
    for page in sorted(out.glob("page*.png")):
        print(page)


if __name__ == "__main__":
    main()
