"""Places in Wales by their Welsh and their English names.

A question may name a place in one language and the releases in the other: "two high schools
on Ynys Môn" are the two on Anglesey; UCAC writes "Caerdydd" where others write "Cardiff".
Each distinctive word of a name counts the other language's words for the place as variants
of it (as everyday.py's words do), so the place is found and is not a name the releases lack.
Names the same in both languages (Gwynedd, Powys, Conwy, Ceredigion, Bangor) need no entry.
"""

from __future__ import annotations

from .analysis import fold

# Welsh name -> English name (words a release writes; "Sir Benfro" by its distinctive word)
_WELSH_ENGLISH: dict[str, tuple[str, ...]] = {
    "ynys môn": ("anglesey",),
    "caerdydd": ("cardiff",),
    "abertawe": ("swansea",),
    "casnewydd": ("newport",),
    "wrecsam": ("wrexham",),
    "caerfyrddin": ("carmarthen", "carmarthenshire"),
    "gaerfyrddin": ("carmarthenshire",),  # Sir Gaerfyrddin
    "caergybi": ("holyhead",),
    "porthaethwy": ("menai",),  # Menai Bridge
    "aberhonddu": ("brecon",),
    "benfro": ("pembrokeshire", "pembroke"),  # Sir Benfro
    "ddinbych": ("denbighshire",),  # Sir Ddinbych
    "dinbych": ("denbigh", "denbighshire"),
    "fflint": ("flintshire", "flint"),  # Sir y Fflint
    "fynwy": ("monmouthshire",),  # Sir Fynwy
    "trefynwy": ("monmouth",),
    "morgannwg": ("glamorgan",),  # Bro Morgannwg
    "ogwr": ("bridgend",),  # Pen-y-bont ar Ogwr
    "castell-nedd": ("neath",),
    "caerffili": ("caerphilly",),
    "tudful": ("tydfil",),  # Merthyr Tudful
    "fenni": ("abergavenny",),  # Y Fenni
    "hwlffordd": ("haverfordwest",),
    "abergwaun": ("fishguard",),
    "aberteifi": ("cardigan",),
    "llanbedr": ("lampeter",),
    "casgwent": ("chepstow",),
    "penfro": ("pembroke",),
}


def _both_ways(table: dict[str, tuple[str, ...]]) -> dict[str, tuple[str, ...]]:
    """Each word of each name -> the other language's words for the place, both ways (folded, as
    words are indexed: "môn" is "mon")."""
    out: dict[str, tuple[str, ...]] = {}
    for name, english in table.items():
        welsh = fold(name)
        for word in welsh.split():
            out[word] = tuple(dict.fromkeys((*out.get(word, ()), *english)))
        for word in english:
            out[word] = tuple(dict.fromkeys((*out.get(word, ()), *welsh.split())))
    return out


# place word -> the other language's words for it
WELSH_PLACES: dict[str, tuple[str, ...]] = _both_ways(_WELSH_ENGLISH)
