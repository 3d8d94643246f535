"""Imported by the parser pool's fork server only (``set_forkserver_preload``): it loads the
parser once, so each worker forks ready to parse, and it dies with the monitor. Without that, a
monitor killed with SIGKILL leaves the fork server and its idle workers behind for good."""

from monitor.broker import die_with_parent
from monitor.feeds import parse  # noqa: F401 - preloaded for the workers it forks

die_with_parent()
