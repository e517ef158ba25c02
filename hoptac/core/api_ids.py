"""A row's id in an API body: bounded like the database's keys (SQLite and PostgreSQL stop at
2**63 - 1), so an id out of range is a 422, never a 500 from the driver."""

from typing import Annotated

from pydantic import Field

RowId = Annotated[int, Field(ge=1, le=2**63 - 1)]
