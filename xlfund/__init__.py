"""xlfund: consolidate district subsidy-fund sheets into one reconciled workbook."""

__version__ = "0.1.0"
