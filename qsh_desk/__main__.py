"""`python -m qsh_desk` runs the same entry point as the `qsh-desk` command."""

import sys

from qsh_desk.cli import main

sys.exit(main())
