"""Part of bench/web.py and bench/tracking.py: the load of writes beside the pages (`--writes N`).

Run as a script with the bench's environment, it makes the writer (a system administrator with an API
token) and prints, as JSON, the token and one task activity of each alliance with its progress version.
`write_steadily` then records progress N times a second through the API, round-robin over the
alliances, while the pages are driven: each write changes an activity and its plan's roll-up, as a
report from a province does.
"""

import asyncio
import json
import os
import sys
import time
from pathlib import Path


def writer_setup() -> dict:
    from django.db.models import Exists, OuterRef

    from hoptac.accounts.models import User, UserRole
    from hoptac.accounts.services import api_token_create
    from hoptac.orgs.models import ALLIANCE_KINDS, Organisation
    from hoptac.plans.models import Activity

    user, _ = User.objects.get_or_create(username="bench.writer", defaults={"role": UserRole.SYSTEM_ADMIN})
    _row, token = api_token_create(user=user, name="bench writes")
    leaves = Activity.objects.filter(~Exists(Activity.objects.filter(parent=OuterRef("pk"))))
    activities = []
    for alliance in Organisation.objects.filter(kind__in=ALLIANCE_KINDS).order_by("pk"):
        first = leaves.filter(plan__held_by=alliance).order_by("plan_id", "position").first()
        if first is not None:
            activities.append([first.pk, first.progress_version])
    return {"token": token, "activities": activities}


async def write_steadily(port: int, setup: dict, *, per_second: float, seconds: float) -> tuple[int, int]:
    """Progress reports at `per_second` for `seconds`, each on the next alliance's activity; returns
    (written, failed). The versions in `setup` follow the writes, for the next page's round."""
    activities = setup["activities"]
    written = failed = 0
    began = time.perf_counter()
    for count in range(int(per_second * seconds)):
        await asyncio.sleep(max(0.0, began + count / per_second - time.perf_counter()))
        activity = activities[count % len(activities)]
        body = json.dumps({"progress_version": activity[1], "state": "in_progress", "percent": count % 100})
        status, answer = await _post(
            port, f"/api/tracking/activities/{activity[0]}/progress", body, setup["token"]
        )
        if status == 201:
            activity[1] = json.loads(answer)["progress_version"]
            written += 1
        else:
            failed += 1
    return written, failed


async def _post(port: int, path: str, body: str, token: str, *, host: str = "127.0.0.1") -> tuple[int, bytes]:
    data = body.encode()
    request = (
        f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer {token}\r\n"
        f"Content-Type: application/json\r\nContent-Length: {len(data)}\r\nConnection: close\r\n\r\n"
    ).encode() + data
    return await exchange(port, request, host=host)


async def exchange(port: int, request: bytes, *, host: str = "127.0.0.1") -> tuple[int, bytes]:
    """Send one HTTP/1.1 request on a new connection to `host` (loopback unless told): the status (0
    when the connection failed) and the body. bench/web.py's and bench/cluster.py's clients use it too."""
    try:
        reader, writer = await asyncio.open_connection(host, port)
        writer.write(request)
        await writer.drain()
        response = await reader.read()
        writer.close()
    except OSError:
        return 0, b""
    head, _, answer = response.partition(b"\r\n\r\n")
    return (int(head[9:12]) if head[:5] == b"HTTP/" else 0), answer


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.prod")
    import django

    django.setup()
    print(json.dumps(writer_setup()))
