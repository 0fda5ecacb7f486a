"""Bring data into the dossier: a JSON export (`dossier_json`) and programs from a
spreadsheet's CSV file (`programs_csv`). No Textual, no disk: the CLI and the wizard save
through the store."""
