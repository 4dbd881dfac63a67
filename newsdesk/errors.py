"""One exception tree for newsdesk, each carrying the exit code the CLI contract gives it.

    NewsdeskError (exit 1)
    ├── UsageError (2)
    ├── BadInputError (65)           an import line, an OPML file, a URL the user typed
    ├── ArchiveError (74)            cannot open, read or write the archive (corrupt, not a db, unwritable)
    │   └── OutputError (74)         cannot write an output file
    ├── BusyError (75)               archive busy past the timeout, poll lock held (--strict)
    ├── ConfigError (78)
    └── FeedError (1)                a feed could not be added or discovered
"""

from __future__ import annotations


class NewsdeskError(Exception):
    exit_code = 1


class UsageError(NewsdeskError):
    exit_code = 2


class BadInputError(NewsdeskError):
    exit_code = 65


class ArchiveError(NewsdeskError):
    exit_code = 74


class OutputError(ArchiveError):
    exit_code = 74


class BusyError(NewsdeskError):
    exit_code = 75


class ConfigError(NewsdeskError):
    exit_code = 78


class FeedError(NewsdeskError):
    exit_code = 1
