"""Builds the winnow package for pip: scripts/install-python (CMake) builds the extension for this interpreter."""

import subprocess
import sys
from pathlib import Path

from setuptools import Extension, setup
from setuptools.command.build_ext import build_ext

HERE = Path(__file__).resolve().parent


class CMakeBuild(build_ext):
    """Runs scripts/install-python --target into the build directory; setuptools installs what it put there."""

    def build_extension(self, ext):
        target = Path(self.get_ext_fullpath(ext.name)).parent.parent  # the folder holding winnow/
        subprocess.run([HERE.parent / "scripts" / "install-python", "--target", target, sys.executable], check=True)


setup(
    packages=["winnow"],
    package_data={"winnow": ["py.typed", "*.pyi"]},
    ext_modules=[Extension("winnow._winnow", sources=[])],
    cmdclass={"build_ext": CMakeBuild},
)
