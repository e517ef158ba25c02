"""The registry shipped with hoptac: provinces, alliances, their bodies and the names documents use.

The data are the CSV files beside this module; `specs.py` turns them into row specifications without
touching the database, and `orgs.services.organisations.registry_load` writes them
(`orgs/services/registry_sync.py`).
"""
