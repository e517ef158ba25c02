"""Every write of plans: one module a job, each function `<entity>_<action>`, keyword-only, one
transaction, its permission checked inside (docs/adr/0023)."""
