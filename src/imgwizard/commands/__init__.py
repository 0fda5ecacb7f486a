"""Subcommands. Keep module top-levels light: import inside run()."""
