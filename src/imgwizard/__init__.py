"""imgwizard: a terminal wizard for international medical graduates applying to US residency."""

import sys as _sys
import types as _types

__version__ = "0.1.0"


def _skip_pydantic_plugin_discovery() -> None:
    """imgwizard uses no pydantic plugin, but pydantic looks for them when the first model class
    is built: it imports importlib.metadata and reads the metadata of every installed package
    (~20-40 ms of CPU at every start, `imgwizard check` included). Its loader is replaced by one
    that finds none, which is what `PYDANTIC_DISABLE_PLUGINS=__all__` makes pydantic return,
    without the import. Left alone when pydantic's loader is already imported (a host program
    that uses plugins)."""
    name = "pydantic.plugin._loader"
    if name in _sys.modules:
        return
    loader = _types.ModuleType(name, "imgwizard: no pydantic plugins are looked for")
    loader.get_plugins = lambda: ()  # type: ignore[attr-defined]
    _sys.modules[name] = loader


_skip_pydantic_plugin_discovery()
