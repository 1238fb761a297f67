"""`rasid watch`: follow outlets' feeds, sitemaps and listing pages, keep every response in WARC
files, code each new article into the store by the same path as `rasid run`, and alert on rules.

Modules: :mod:`.config` (the TOML file, `rasid sources`), :mod:`.tables` (the watcher's own tables in
the store), :mod:`.fetch` (polite HTTP), :mod:`.sources` (links out of feeds, sitemaps, listings),
:mod:`.provenance` (WARC files), :mod:`.alerts` (rules over reconciled events), :mod:`.loop` (the
watcher itself).
"""
from __future__ import annotations

from .config import ConfigError, Source, WatchConfig, load_config

__all__ = ["ConfigError", "Source", "WatchConfig", "load_config"]
