"""A generator of office allocation tables with known truth, and the property that tests the
reading rule against it (issue 19, "Exit 0 means right").

Modules, bottom up:

- `content`     districts, recipients, amounts (exact Decimal 万元), units, 大写金额
- `dimensions`  the dimensions and their values (plainest first), which values are clean,
                refusable ("read right" or "refused with an error in that file") or must_error,
                and `normalise` for the few dependencies between them
- `plan`        a folder as files of sheets of rows of cells, format-free
- `tables`      one sheet's table: lines above, header band, records, groups, totals, notes
- `compose`     the folder: files, names, sheets, extra sheets, settings, and the `Truth`
- `writers`     .xlsx (XlsxWriter), .xls (xlwt), .csv (GB18030), .ods (hand-written), .zip (GBK names)
- `truth`       the Truth and `check`: the property, as a list of failures
- `strategies`  hypothesis strategies (`folder_specs`)
- `runner`      run a folder through xlfund (library or CLI), sample, minimise, classify
- `repro`       one minimal failing folder per catalogued failure class (FAILURES.md)

Run:

- `pytest tests/test_layout_property.py` (2,000 folders, fixed seed; `XLFUND_LAYOUT_EXAMPLES=N`
  to change the size);
- `python scripts/layouts.py --examples 50000 --seed N --out DIR [--shrink] [--json FILE]`:
  the long profile, a summary table of failures by kind and class, each class with its minimal
  dimension values, expected vs observed figures, and its folder written under DIR.
"""
