"""Compiled directories kept on disk, so a restart reads a file instead of compiling.

One file per team and database, written whole and renamed into place (a reader never sees
half of one). It is keyed by the team's directory version and the code that wrote it; it
is read only from a folder and file of this user's that no one else can write; any file
that does not read back exactly is ignored (the directory is compiled as before).
"""

from __future__ import annotations

import hashlib
import logging
import os
import stat
import tempfile
from pathlib import Path

from nlp import Matcher
from nlp.index_file import dump, load
from store.unit import DirectoryStamp

log = logging.getLogger(__name__)

#: Bumped when what handlers put into a directory (its keys, say) changes meaning.
FORMAT = 1


class IndexFolder:
    """Where compiled directories of one database are kept."""

    def __init__(self, folder: str | os.PathLike[str], database: str) -> None:
        """A folder for the database at `database` (a URL: only its hash is kept)."""
        self.folder = Path(folder)
        self.database = hashlib.blake2b(database.encode(), digest_size=8).hexdigest()

    def _path(self, team_id: int) -> Path:
        return self.folder / f"directory-{self.database}-{team_id}.idx"

    def _key(self, team_id: int, version: int) -> dict[str, object]:
        return {"format": FORMAT, "database": self.database, "team": team_id, "version": version}

    def read(self, team_id: int, version: int) -> tuple[Matcher, DirectoryStamp] | None:
        """The team's matcher at this directory version and the stamp it was read at.

        Additions since may be missing: the caller reads rows added after the stamp.
        """
        path = self._path(team_id)
        try:
            if not _private(self.folder) or not _private(path):
                return None
            data = path.read_bytes()
        except OSError:
            return None
        found = load(data, self._key(team_id, version))
        if found is None:
            return None
        matcher, note = found
        try:
            stamp = DirectoryStamp(*(int(note[k]) for k in DirectoryStamp._fields))
        except (KeyError, TypeError, ValueError):
            return None
        return matcher, stamp

    def write(self, team_id: int, stamp: DirectoryStamp, matcher: Matcher) -> None:
        """Keep a freshly compiled matcher; a failure only costs the next start a compile."""
        try:
            data = dump(matcher, self._key(team_id, stamp.version), stamp._asdict())
            self.folder.mkdir(mode=0o700, parents=True, exist_ok=True)
            handle, temp = tempfile.mkstemp(dir=self.folder, prefix=".directory-", suffix=".tmp")
            try:
                with os.fdopen(handle, "wb") as out:
                    out.write(data)
                    out.flush()
                    os.fsync(out.fileno())
                os.replace(temp, self._path(team_id))
            except BaseException:
                Path(temp).unlink(missing_ok=True)
                raise
        except (OSError, ValueError):
            log.warning("could not keep the compiled directory in %s", self.folder, exc_info=True)


def _private(path: Path) -> bool:
    """Whether `path` is this user's and no one else may write it."""
    info = path.stat()
    if info.st_uid != os.getuid() or info.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
        log.warning("not reading %s: it is not private to this user", path)
        return False
    return True
