"""``python3 -m treatysim ARGS…`` runs the treatysim command line (the same executable as
``build/bin/treatysim``, with the same subcommands, output and exit statuses)."""

import os
import sys

from ._paths import executable


def main():
    path = executable()
    if path is None:
        sys.stderr.write("treatysim: error: the treatysim executable was not found (build it with "
                         "`cmake --build build --target treatysim`, or pip install the package)\n")
        return 2
    os.execv(path, [path] + sys.argv[1:])
    return 2  # not reached


if __name__ == "__main__":
    sys.exit(main())
