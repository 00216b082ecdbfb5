"""A private PostgreSQL server for the DuckLake tests: its own data directory and loopback port, started once per
test session from Debian's binaries (scripts/install-postgresql.sh) and stopped after it.

PostgreSQL refuses to run as root; as root the server runs as the `postgres` user.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import subprocess
import tempfile
from pathlib import Path

from loopback import free_port


def binaries() -> Path | None:
    found = shutil.which("initdb")
    if found:
        return Path(found).resolve().parent
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    return Path(candidates[-1]).parent if candidates else None


class PostgresServer:
    def __init__(self, bin_dir: Path) -> None:
        self.bin = bin_dir
        self.root = Path(tempfile.mkdtemp(prefix="incentive-pg-"))
        self.data = self.root / "data"
        self.port = free_port()
        self._as_user = []
        if os.geteuid() == 0:
            user = pwd.getpwnam("postgres")
            os.chown(self.root, user.pw_uid, user.pw_gid)
            self._as_user = ["runuser", "-u", "postgres", "--"]
        self._databases = 0

    def start(self) -> None:
        self._run("initdb", "-D", str(self.data), "-A", "trust", "-U", "postgres", "--no-sync", "-E", "UTF8")
        self.resume()

    def halt(self) -> None:
        """Stop the server and keep its data (a catalog server that goes down mid-session); `resume` starts it."""
        self._run("pg_ctl", "-D", str(self.data), "-m", "fast", "-w", "stop")

    def resume(self) -> None:
        options = f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off"
        self._run("pg_ctl", "-D", str(self.data), "-o", options, "-l", str(self.root / "log"), "-w", "start")

    def stop(self) -> None:
        self._run("pg_ctl", "-D", str(self.data), "-m", "fast", "-w", "stop", check=False)
        shutil.rmtree(self.root, ignore_errors=True)

    def new_database(self, template: str | None = None) -> str:
        """A fresh database, empty or a copy of the database `template` (its connection string, which nothing may
        be connected to); returns its connection string as DuckDB's postgres extension takes it."""
        self._databases += 1
        name = f"incentive_{self._databases}"
        copied = f" TEMPLATE {_name_of(template)}" if template else ""
        self.execute("postgres", f"CREATE DATABASE {name}{copied}")
        return self.dsn(name)

    def execute(self, database: str, statement: str) -> None:
        """Run one SQL statement in `database` (a name or a connection string) with psql."""
        client = ["psql", "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres", "-d", _name_of(database)]
        subprocess.run(
            [*client, "-q", "-v", "ON_ERROR_STOP=1", "-c", statement],
            check=True,
            capture_output=True,
        )

    def dsn(self, name: str) -> str:
        return f"dbname={name} host=127.0.0.1 port={self.port} user=postgres"

    def _run(self, program: str, *args: str, check: bool = True) -> None:
        done = subprocess.run([*self._as_user, str(self.bin / program), *args], capture_output=True, text=True)
        if check and done.returncode != 0:
            raise RuntimeError(f"{program} failed: {done.stderr[-2000:]}")


def _name_of(database: str) -> str:
    """The database's name, given its name or its connection string."""
    return dict(part.split("=", 1) for part in database.split()).get("dbname", "") if "=" in database else database
