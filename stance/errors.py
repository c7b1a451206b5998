"""Named exceptions. The library raises them; the CLI prints them as one line, without a traceback.

Every message states the rule that was broken and the remedy.

Examples
--------
>>> from stance.errors import UnknownDatasetError
>>> str(UnknownDatasetError("Unknown dataset 'x'.", remedy="Run `stance info` to list datasets."))
"Unknown dataset 'x'. Remedy: Run `stance info` to list datasets."
"""

from __future__ import annotations


class StanceError(Exception):
    """Base class of every error the package raises on purpose.

    ``exit_code`` is what the CLI exits with: 1 for invalid content,
    2 for a file that cannot be read or a wrong call.
    """

    exit_code = 2

    def __init__(self, message: str, *, remedy: str | None = None) -> None:
        self.message = message
        self.remedy = remedy
        super().__init__(message if remedy is None else f"{message} Remedy: {remedy}")


class CodebookError(StanceError):
    """The codebook file is missing or breaks its own rules."""


class UnknownDatasetError(StanceError):
    """A dataset name that the package does not ship."""


class DataIntegrityError(StanceError):
    """A shipped file does not match its recorded checksum or row count."""

    exit_code = 1


class SheetReadError(StanceError):
    """A coder's file cannot be read (empty, wrong format, wrong encoding)."""


class ValidationFailed(StanceError):
    """Data broke the schema; ``problems`` holds one row per problem."""

    exit_code = 1

    def __init__(self, message: str, problems: object, *, remedy: str | None = None) -> None:
        super().__init__(message, remedy=remedy)
        self.problems = problems


class DegenerateDataWarning(UserWarning):
    """A statistic is undefined for the data given (it returns NaN and says why)."""
