"""The performance self-evaluation scorecard: learn the template, score, write."""
