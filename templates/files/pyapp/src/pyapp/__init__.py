"""Greets whoever is named on the command line, and says which version it is."""

import sys
from importlib.metadata import version


def main(argv=None):
    args = sys.argv[1:] if argv is None else argv
    name = " ".join(args) or "world"
    print(f"hello, {name}, from pyapp {version('pyapp')}")
    return 0
