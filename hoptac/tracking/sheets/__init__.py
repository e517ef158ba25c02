"""The offline tracking sheet: a plan's activities exported to Excel, filled in by departments without
the system, and imported back after a dry run that shows each row's change (docs/adr/0016).

- `layout`: the columns, the hidden identification of the sheet and of each row, and their signatures;
- `export`: the workbook of one plan for one user (`sheet_export`);
- `read`: an uploaded workbook, checked as untrusted, as signed rows;
- `row_checks`: one signed row checked against its activity, writing nothing;
- `outcomes`: what the dry run says of each row and of the sheet;
- `importing`: the dry run (`sheet_check`) and the confirmed import (`sheet_apply`), both through
  tracking.services.progress_report, the one way progress is written.
"""
