"""An e-mail backend for the worker-kill test: each message becomes one JSON line in the file named by
HOPTAC_TEST_MAILBOX, written and synced before send_messages returns, like an SMTP server's "250 OK".

With HOPTAC_TEST_MAILBOX_PAUSE_AT=N it stops before accepting the N-th message of the file: it creates
"<mailbox>.paused" and sleeps, so the test can kill the worker at that exact point of its batch.
"""

import json
import os
import time
from pathlib import Path

from django.core.mail.backends.base import BaseEmailBackend

PAUSE_S = 60


class EmailBackend(BaseEmailBackend):
    def send_messages(self, email_messages) -> int:
        mailbox = Path(os.environ["HOPTAC_TEST_MAILBOX"])
        pause_at = int(os.environ.get("HOPTAC_TEST_MAILBOX_PAUSE_AT", "0"))
        for message in email_messages:
            accepted = len(mailbox.read_text().splitlines()) if mailbox.exists() else 0
            if accepted + 1 == pause_at:
                Path(f"{mailbox}.paused").touch()
                time.sleep(PAUSE_S)
            line = {
                "message_id": message.extra_headers["Message-ID"],
                "to": message.to,
                "subject": message.subject,
            }
            with mailbox.open("a", encoding="utf-8") as file:
                file.write(json.dumps(line, ensure_ascii=False) + "\n")
                file.flush()
                os.fsync(file.fileno())
        return len(email_messages)
