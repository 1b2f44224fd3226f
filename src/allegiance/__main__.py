"""`python -m allegiance` is the `allegiance` command."""

from allegiance.cli import main

main()
