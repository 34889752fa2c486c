"""Errors the user can act on. The CLI prints them as one line and exits 2; it never shows a traceback."""

from __future__ import annotations

from pathlib import Path


class FactcheckError(Exception):
    """Bad input: a message that names the file (and line, column where known) and the fix."""

    def __init__(
        self, message: str, *, path: Path | str | None = None, line: int | None = None, column: int | None = None
    ):
        super().__init__(message)
        self.message = message
        self.path = str(path) if path is not None else None
        self.line = line
        self.column = column

    def __str__(self) -> str:
        where = self.path or ""
        if where and self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        return f"{where}: {self.message}" if where else self.message


class ArticleError(FactcheckError):
    """The article file cannot be read as an article."""


class RegistryError(FactcheckError):
    """A registry file does not parse or validate."""
