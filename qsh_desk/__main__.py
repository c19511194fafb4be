"""`python -m qsh_desk` runs the same entry point as the `qsh-desk` command (and is the bundled program's)."""

import sys

if getattr(sys, "frozen", False):
    # The bundled program is also its own job process (`qsh_desk.elsewhere`): started as one, it runs jobs.
    import multiprocessing

    multiprocessing.freeze_support()

from qsh_desk.cli import main  # noqa: E402 - after the job process has had its turn

sys.exit(main())
