"""django.contrib.sessions.backends.cached_db with the session row read by a compiled query."""

from django.contrib.sessions.backends import cached_db

from hoptac.core.sessions import live_session


class SessionStore(cached_db.SessionStore):
    def _get_session_from_db(self):
        session = live_session(self.session_key)
        if session is None:
            self._session_key = None
        return session
