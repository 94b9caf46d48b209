"""Pelican's signals are module-level blinker signals: a plugin connected in one build stays
connected for every later build in the same process. Tests and tools build many sites in one
process, each with its own PLUGINS list, so each build starts from no receivers at all; Pelican
then calls every listed plugin's register() again."""

from __future__ import annotations

import weakref

from blinker import Signal
from pelican.plugins import signals as pelican_signals


def disconnect_all() -> None:
    for value in vars(pelican_signals).values():
        if not isinstance(value, Signal):
            continue
        for ref in list(value.receivers.values()):
            receiver = ref() if isinstance(ref, weakref.ref) else ref
            if receiver is not None:
                value.disconnect(receiver)
