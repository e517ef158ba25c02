"""The offline tracking sheet: a plan's activities exported to Excel, filled in by departments without
the system, and imported back after a dry run that shows each row's change (SHEET_ADR_DRAFT.md).

- `layout`: the columns, the hidden identification of the sheet and of each row, and their signatures;
- `export`: the workbook of one plan for one user (`sheet_export`);
- `read`: an uploaded workbook, checked as untrusted, as signed rows;
- `importing`: the dry run (`sheet_check`) and the confirmed import (`sheet_apply`), both through
  tracking.services.progress_report, the one way progress is written.
"""
