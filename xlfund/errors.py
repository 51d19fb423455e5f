"""The one exception that stops a command with exit 2: nothing could be done (no folder, no
readable table, an argument that cannot be used). Its message is Chinese, shown as it is.
Everything else the tool finds is a finding, collected, never raised."""

from __future__ import annotations


class NothingToDo(Exception):
    """No output can be made (exit 2); the message is Chinese."""
