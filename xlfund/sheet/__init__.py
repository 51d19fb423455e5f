"""Understand sheets: header, columns, districts and the kind of every row (pure logic)."""
