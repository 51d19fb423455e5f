"""The `status` and `feedback` commands' work at the CLI edge: call the job, print, give the exit code."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

from xlfund.cli.console import say
from xlfund.cli.round_terminal import Lines, feedback_dict, feedback_lines, status_dict, status_lines
from xlfund.jobs import feedback_to_folder, folder_status

EXIT_OK, EXIT_ERRORS = 0, 1


def run_status(folder: Path, cap: Decimal | None, config: Path | None, as_json: bool, reading) -> int:
    """Exit 0 when every district has sent and nothing is wrong, 1 otherwise."""
    result, the_round = folder_status(folder, cap, config, on_file=reading.file)
    reading.done()
    if as_json:
        say(json.dumps({"fund": result.settings.title, "status": status_dict(the_round.status)}, ensure_ascii=False, indent=2))
    else:
        _echo(status_lines(result, the_round.status, folder))
    return EXIT_OK if the_round.status.ready else EXIT_ERRORS


def run_feedback(folder: Path, output: Path | None, cap: Decimal | None, config: Path | None, as_json: bool, reading) -> int:
    """Exit as consolidate does: 1 when the consolidation has errors."""
    result, the_round, done = feedback_to_folder(folder, output, cap, config, on_file=reading.file)
    reading.done()
    if as_json:
        say(json.dumps(feedback_dict(done, the_round.status), ensure_ascii=False, indent=2))
    else:
        _echo(feedback_lines(done, the_round.status))
    return EXIT_ERRORS if result.has_errors else EXIT_OK


def _echo(lines: Lines) -> None:
    for line, style in lines:
        say(line, style)
