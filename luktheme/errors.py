"""Exception classes. Every message names the input, what was expected and the next step."""

from __future__ import annotations


class LukthemeError(Exception):
    """Base class of every error luktheme raises on purpose."""


class LabelError(LukthemeError, ValueError):
    """A label file or label value does not follow the taxonomy or the row format."""


class ModelError(LukthemeError, OSError):
    """A model folder is missing, damaged or was written by an incompatible version."""


class DocumentError(LukthemeError, ValueError):
    """A document cannot be read (corrupt, encrypted, no text layer, unsupported type)."""


class ModelVersionWarning(UserWarning):
    """A model folder was written by another luktheme version."""


class TextCleanedWarning(UserWarning):
    """Characters that are not text (NUL, control characters, lone surrogates) were replaced."""
