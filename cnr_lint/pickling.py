"""Pickling of the pipeline's frozen dataclasses as their constructor's arguments.

Dossiers cross process boundaries (extraction workers) and go through the cache by pickle.
The state pickle gives a frozen slots dataclass is rebuilt field by field after looking up
the class's fields for every object; passing the values back to the constructor costs half.
"""

from __future__ import annotations

from dataclasses import fields
from operator import attrgetter


def by_arguments(cls):
    """Class decorator: pickle instances as `cls(*values of its fields in order)`."""
    values = attrgetter(*(field.name for field in fields(cls)))

    def __reduce__(self):
        return cls, values(self)

    cls.__reduce__ = __reduce__
    return cls
