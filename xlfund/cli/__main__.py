"""`python -m xlfund.cli`: the same as the `xlfund` command."""

from xlfund.cli.main import main

main()
