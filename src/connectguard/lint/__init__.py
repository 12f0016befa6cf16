"""Linting seed content in a repository: configuration, rule selection, suppressions, baselines.

Everything here sits around the engine for the ``connectguard check`` command line:
the engine checks posts; this package decides which rules run on which files and
which findings a repository has chosen to accept.
"""
