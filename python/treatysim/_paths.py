"""Where this installation keeps the treatysim command line and the shipped configs."""

from __future__ import annotations

import os
import shutil

_here = os.path.dirname(os.path.abspath(__file__))


def _build():
    try:
        from . import _build as build  # written by CMake in build/python/treatysim
    except ImportError:
        return None
    return build


def executable() -> str | None:
    """The treatysim executable: the one installed with the package (pip), the one of the build
    tree the package was built in, or the first on PATH."""
    bundled = os.path.join(_here, "bin", "treatysim")
    if os.access(bundled, os.X_OK):
        return bundled
    build = _build()
    if build is not None and os.access(build.executable, os.X_OK):
        return build.executable
    return shutil.which("treatysim")


def configs_dir() -> str:
    """The configs/ folder: shipped inside the package (pip) or the source tree's."""
    bundled = os.path.join(_here, "configs")
    if os.path.isdir(bundled):
        return bundled
    build = _build()
    if build is not None:
        return os.path.join(build.source_dir, "configs")
    return os.path.join(os.getcwd(), "configs")
