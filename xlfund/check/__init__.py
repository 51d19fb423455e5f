"""Check what was read: totals against the cap, plan, quotas and stated totals; duplicates."""
