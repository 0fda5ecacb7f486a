"""The dossier as TOML text: header, tables in a stable order, the end-of-dossier line."""

from __future__ import annotations

import datetime as dt
import enum
import threading
import types
import typing
from dataclasses import dataclass
from typing import Any

import tomli_w
from pydantic import BaseModel

from imgwizard.model import Dossier
from imgwizard.store.paths import FOOTER, HEADER


def _plain(value: Any) -> Any:
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


def to_data(dossier: Dossier) -> dict[str, Any]:
    """The dossier as plain TOML-ready data (None is left out: TOML has no null)."""
    data = _plain(dossier.model_dump(mode="python", exclude_none=True))
    # schema_version first so a reader sees it at the top of the file.
    return {"schema_version": data.pop("schema_version"), **data}


# The long lists of a dossier are written as [[name]] tables, one per item, and each item's
# TOML is kept and reused while the item is unchanged: an autosave after one edit then
# serialises one program instead of all of them (tomli_w spends ~17 ms on 300 programs,
# ~150 ms on 3,000).
#
# Whether an item changed is decided on its fields' values, never on a flag set by the code
# that edits it (a missed flag would be an edit never saved): a snapshot copies each item's
# field dict (~1.6 ms for 3,000 programs; `model_dump` of the whole dossier took ~12 ms), and
# the encoder compares it with the copy kept when the item's TOML was made. The kept copy has
# its own lists, so a list changed in place later (`letter.program_ids.append`) differs from
# it. Only classes whose fields are all plain values or lists of them are snapshotted this
# way; a list of any other class is dumped whole with the rest.
_CACHED_LISTS = ("programs", "interviews", "letters", "personal_statements")
_PLAIN = (str, int, float, bool, dt.date, dt.datetime, type(None), enum.Enum)
_chunks: dict[str, list[tuple[dict[str, Any], bytes]]] = {}
_chunks_lock = threading.Lock()
_flat_classes: dict[type, bool] = {}


def _plain_type(annotation: Any) -> bool:
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _plain_type(typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType):
        return all(_plain_type(a) for a in typing.get_args(annotation))
    if origin is typing.Literal:
        return True
    if isinstance(annotation, type):
        return issubclass(annotation, _PLAIN)
    return False


def _scalar_or_list(annotation: Any) -> bool:
    if typing.get_origin(annotation) is list:
        (item,) = typing.get_args(annotation) or (Any,)
        return _plain_type(item)
    return _plain_type(annotation)


def flat_class(cls: type[BaseModel]) -> bool:
    """Whether each field of `cls` holds a plain value (text, number, date, enum, None) or a
    list of them, and nothing changes how it is written (serialisers, aliases, computed or
    excluded fields): then an item's field dict is all there is to compare and to write."""
    known = _flat_classes.get(cls)
    if known is None:
        decorators = cls.__pydantic_decorators__
        known = _flat_classes[cls] = (
            not decorators.field_serializers
            and not decorators.model_serializers
            and not decorators.computed_fields
            and cls.model_config.get("extra") != "allow"
            and all(
                _scalar_or_list(f.annotation)
                and f.alias is None
                and f.serialization_alias is None
                and not f.exclude
                for f in cls.model_fields.values()
            )
        )
    return known


@dataclass(frozen=True)
class Snapshot:
    """The dossier at one moment, cheap to take on the thread that edits it; `encode` turns it
    into the file's bytes anywhere. `rest` is the model_dump of everything but the long lists
    kept as item snapshots in `lists` (a copy of each item's field dict)."""

    rest: dict[str, Any]
    lists: dict[str, list[dict[str, Any]]]


def snapshot(dossier: Dossier) -> Snapshot:
    lists = {}
    for name in _CACHED_LISTS:
        items = list(getattr(dossier, name))
        if items and all(flat_class(cls) for cls in {item.__class__ for item in items}):
            lists[name] = [item.__dict__.copy() for item in items]
    rest = dossier.model_dump(mode="python", exclude_none=True, exclude=set(lists))
    return Snapshot(rest, lists)


def _frozen(state: dict[str, Any]) -> dict[str, Any]:
    """The state with lists of its own, so that a list changed in place later differs."""
    return {k: v[:] if isinstance(v, list) else v for k, v in state.items()}


def _list_tables(name: str, items: list[dict[str, Any]]) -> list[bytes]:
    """[[name]] tables for the items, reusing the text of items whose fields equal last
    time's (found at the same place, or by their `id` when items were inserted, removed or
    moved)."""
    old = _chunks.get(name, [])
    by_id: dict[Any, tuple[dict[str, Any], bytes]] | None = None
    new = []
    for i, state in enumerate(items):
        if i < len(old) and old[i][0] == state:
            new.append(old[i])
            continue
        if by_id is None and not (i < len(old) and old[i][0].get("id") == state.get("id")):
            by_id = {c[0].get("id"): c for c in old if c[0].get("id") is not None}
        cached = by_id.get(state.get("id")) if by_id else None
        if cached is not None and cached[0] == state:
            new.append(cached)
            continue
        kept = _frozen(state)
        # flat_class(cls): its model_dump is the fields' values, None left out.
        data = {k: v for k, v in kept.items() if v is not None}
        new.append((kept, (f"[[{name}]]\n" + tomli_w.dumps(_plain(data))).encode("utf-8")))
    _chunks[name] = new
    return [text for _, text in new]


def encode(snap: Snapshot) -> bytes:
    """The file's bytes (UTF-8). The long lists' items are kept encoded, so a save after one
    edit encodes one item and the small rest, not the whole file."""
    with _chunks_lock:
        tables = [_list_tables(name, items) for name, items in snap.lists.items()]
    data = _plain(snap.rest)
    # schema_version first so a reader sees it at the top of the file.
    data = {"schema_version": data.pop("schema_version"), **data}
    pieces = [(HEADER + tomli_w.dumps(data)).encode("utf-8")]
    for texts in tables:  # each item's table after an empty line
        for text in texts:
            pieces += (b"\n", text)
    pieces += (b"\n", FOOTER.encode("utf-8"))
    return b"".join(pieces)


def dumps(dossier: Dossier) -> str:
    return dump_bytes(dossier).decode("utf-8")


def dump_bytes(dossier: Dossier) -> bytes:
    return encode(snapshot(dossier))
