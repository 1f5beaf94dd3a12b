"""Cluster Atlas: the entry point. Everything it does lives in components.shell."""

from components.shell import run_shell

run_shell()
