"""`python -m casereview.cli`: the `casereview` command, as the demo starts its worker."""

import sys

from casereview.cli import main

sys.exit(main())
