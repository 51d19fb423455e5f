"""The submission round: who has sent, what changed since the last run, and what goes back to
each district. Pure: a consolidation, the files' sizes and times and the earlier run's record
come in as values; nothing here reads a file or writes one."""
