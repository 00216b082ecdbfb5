import sys

from incentive.cli import main

sys.exit(main())
