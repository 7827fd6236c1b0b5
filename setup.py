"""Builds the treatysim Python package with the project's CMake build.

`pip install --no-build-isolation .` (or `python3 setup.py build`) configures a Release build in
build-pip/cmake (no window, no tests, no benchmarks), builds the _treatysim extension and the
treatysim executable, and installs them with python/treatysim/*.py: the executable as
treatysim/bin/treatysim (what `python3 -m treatysim` runs), the configs as treatysim/configs
(ts.config_path). Nothing is downloaded.
"""

import os
import pathlib
import re
import shutil
import subprocess
import sys

from setuptools import Extension, setup
from setuptools.command.build_ext import build_ext

ROOT = pathlib.Path(__file__).resolve().parent
VERSION = re.search(r"project\(treatysim VERSION ([0-9.]+)",
                    (ROOT / "CMakeLists.txt").read_text()).group(1)


class CMakeBuild(build_ext):
    def build_extension(self, ext):
        build = ROOT / "build-pip" / "cmake"
        subprocess.check_call([
            "cmake", "-S", str(ROOT), "-B", str(build), "-DCMAKE_BUILD_TYPE=Release",
            "-DCMAKE_CXX_FLAGS_RELEASE=-O2 -DNDEBUG", "-DTREATYSIM_GUI=OFF",
            "-DTREATYSIM_TESTS=OFF", "-DTREATYSIM_BENCH=OFF", "-DTREATYSIM_PYTHON=ON",
            f"-DPython3_EXECUTABLE={sys.executable}"])
        subprocess.check_call(["cmake", "--build", str(build), "-j", str(os.cpu_count() or 2),
                               "--target", "_treatysim", "treatysim"])
        target = pathlib.Path(self.get_ext_fullpath(ext.name))
        target.parent.mkdir(parents=True, exist_ok=True)
        built = next((build / "python" / "treatysim").glob("_treatysim*.so"))
        shutil.copy2(built, target)
        (target.parent / "bin").mkdir(exist_ok=True)
        shutil.copy2(build / "bin" / "treatysim", target.parent / "bin" / "treatysim")
        shutil.copytree(ROOT / "configs", target.parent / "configs", dirs_exist_ok=True)


setup(
    version=VERSION,
    packages=["treatysim"],
    package_dir={"treatysim": "python/treatysim"},
    ext_modules=[Extension("treatysim._treatysim", sources=[])],
    cmdclass={"build_ext": CMakeBuild},
    options={"build": {"build_base": "build-pip"}, "egg_info": {"egg_base": "build-pip"}},
    zip_safe=False,
)
