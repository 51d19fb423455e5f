"""The command line (click): `xlfund consolidate`, `check`, `init`, `scorecard`, `report`."""

from xlfund.cli.main import main

__all__ = ["main"]
