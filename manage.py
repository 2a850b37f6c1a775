#!/usr/bin/env python
"""Django's command-line entry for Parvis.

site/ is a source folder, not a package (a package named `site` can never be
imported: Python's own `site` module wins), so it goes on the import path first.
"""
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent


def main():
    sys.path[:0] = [str(ROOT / "site"), str(ROOT)]
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
