"""scripts/apt-install.sh, which the install-*.sh scripts call for Debian's packages: run with stand-ins for
apt-get, id and sudo on a PATH of their own, as on a stock Debian machine where the packages are missing."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import ROOT

SCRIPT = ROOT / "scripts" / "apt-install.sh"


def _bin(folder: Path, *, uid: int, sudo: bool) -> Path:
    """A PATH folder with bash and env, an `id` that says `uid`, an apt-get that records its arguments and
    DEBIAN_FRONTEND, and, with `sudo`, a sudo that drops the environment as Debian's does and runs the command."""
    folder.mkdir()
    for tool in ("bash", "env", "cat"):
        (folder / tool).symlink_to(shutil.which(tool))
    scripts = {
        "id": f"#!{shutil.which('bash')}\necho {uid}\n",
        "apt-get": f'#!{shutil.which("bash")}\necho "$* frontend=${{DEBIAN_FRONTEND:-}}" >> "{folder}/apt.log"\n',
    }
    if sudo:
        scripts["sudo"] = f'#!{shutil.which("bash")}\nexec {shutil.which("env")} -i PATH="$PATH" "$@"\n'
    for name, text in scripts.items():
        (folder / name).write_text(text)
        (folder / name).chmod(0o755)
    return folder


def _run(folder: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [shutil.which("bash"), str(SCRIPT), "install-chromium", "chromium-headless-shell", "fonts-noto-cjk"],
        env={"PATH": str(folder), "HOME": os.environ.get("HOME", "/root")},
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_without_root_and_without_sudo_it_says_what_to_run(tmp_path):
    folder = _bin(tmp_path / "bin", uid=1000, sudo=False)
    done = _run(folder)
    assert done.returncode == 1
    assert "needs root, and sudo is not installed" in done.stderr
    assert "su -c 'apt-get install chromium-headless-shell fonts-noto-cjk'" in done.stderr
    assert not (folder / "apt.log").exists()  # nothing was tried


def test_through_sudo_apt_get_is_not_interactive_and_says_it_is_installing(tmp_path):
    folder = _bin(tmp_path / "bin", uid=1000, sudo=True)
    done = _run(folder)
    assert done.returncode == 0, done.stderr
    assert "install-chromium: installing chromium-headless-shell fonts-noto-cjk with apt-get" in done.stderr
    assert (folder / "apt.log").read_text().splitlines() == [
        "update -qq frontend=",
        "install -y -qq --no-install-recommends chromium-headless-shell fonts-noto-cjk frontend=noninteractive",
    ]


@pytest.mark.skipif(
    not (Path("/usr/bin/chromium-headless-shell").exists() and Path("/usr/bin/pdftoppm").exists()),
    reason="the browser and poppler are not installed here",
)
def test_install_chromium_says_nothing_when_the_fonts_are_in_a_long_font_list(tmp_path):
    """The fonts listed first in a font list longer than a pipe holds: under pipefail, `grep -q` stopped reading,
    fc-list died of SIGPIPE and the fonts read as missing, so apt-get ran (four times in ten on a machine with
    every package: a fresh user's walk through the README)."""
    folder = _bin(tmp_path / "bin", uid=0, sudo=False)
    for tool in ("grep", "dirname", "yes", "head"):
        (folder / tool).symlink_to(shutil.which(tool))
    fc_list = folder / "fc-list"
    fc_list.write_text(f'#!{shutil.which("bash")}\necho "Noto Sans CJK SC"\nyes "DejaVu Sans" | head -n 100000\n')
    fc_list.chmod(0o755)
    for _ in range(3):
        done = subprocess.run(
            [shutil.which("bash"), str(ROOT / "scripts" / "install-chromium.sh")],
            env={"PATH": str(folder)},
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert (done.returncode, done.stdout, done.stderr) == (0, "", "")
    assert not (folder / "apt.log").exists()
