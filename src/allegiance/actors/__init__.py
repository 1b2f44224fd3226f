"""The actor gazetteer: states, organisations, armed groups, leaders and sectors.

``Gazetteer.default()`` gives the packaged data; ``find_mentions`` scans raw text and
``resolve`` turns one mention string into an :class:`~allegiance.model.Actor`.
"""

from allegiance.actors.dictionaries import Country, DictionaryError
from allegiance.actors.gazetteer import Gazetteer, Mention

__all__ = ["Country", "DictionaryError", "Gazetteer", "Mention"]
