"""`marsad.toml`: what a newsroom sets once instead of on every command.

Read from `--config FILE`, or else from `marsad.toml` beside the SQLite database (for a PostgreSQL URL: in the
current folder). Every key is checked: a misspelt one is an error that names the keys there are, never a
setting silently ignored.

    [outlets]                      # the names readers should see, and the codes and hosts that mean them
    "الشرق الأوسط" = ["aawsat", "aawsat.com"]
    "الاقتصادية" = ["aleqtisadiya", "aleqt.com"]

    [defaults]                     # what `marsad ingest` uses when the option is not given
    workers = 2
    max_size = "20MB"

    [[sources]]                    # per input: the first rule whose glob matches the path (or its file name)
    match = "dumps/*.jsonl*"
    fields = { body = "content", outlet = "source" }
    [[sources]]
    match = "seeds/*.txt"
    published = 2020-01-14
    outlet = "أوج"
"""

from __future__ import annotations

import datetime as dt
import fnmatch
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from .readers.sources import DEFAULT_FIELDS, RawInput

FILE_NAME = "marsad.toml"
SECTIONS = {"outlets", "defaults", "sources"}
DEFAULTS = {"workers", "max_size", "limit"}
RULE_KEYS = {"match", "fields", "published", "outlet"}


def alias_key(name: str) -> str:
    """How an outlet's code or host is looked up in [outlets]: any letter case, no surrounding spaces."""
    return name.strip().casefold()


class ConfigError(ValueError):
    """The configuration cannot be used as written; the message says where and what."""


@dataclass
class SourceRule:
    match: str
    fields: dict[str, tuple[str, ...]] | None = None
    published: dt.date | None = None
    outlet: str | None = None
    used: int = 0                  # inputs it matched in this run: a rule that matched none is said
    origin: str = ""               # where it was written, for that message

    def matches(self, source: str) -> bool:
        """The glob against the path as given and against each of its tails: "seeds/*.txt" matches
        /data/in/seeds/000.txt and in/seeds/000.txt, wherever the command was run from."""
        parts = Path(source).parts
        hit = any(fnmatch.fnmatch("/".join(parts[i:]), self.match) for i in range(len(parts)))
        if hit or fnmatch.fnmatch(source, self.match):
            self.used += 1
            return True
        return False


@dataclass
class Config:
    path: Path | None = None
    outlets: dict[str, str] = field(default_factory=dict)        # alias (case-folded) → the name shown
    defaults: dict = field(default_factory=dict)
    sources: list[SourceRule] = field(default_factory=list)

    def rule_for(self, source: str, key: str) -> SourceRule | None:
        """The first rule for this input that sets `key`."""
        return next((r for r in self.sources if getattr(r, key) is not None and r.matches(source)), None)

    def fields_for(self, path: Path | str, base: dict) -> dict:
        rule = self.rule_for(str(path), "fields")
        return {**base, **rule.fields} if rule else base

    def apply(self, item: RawInput) -> RawInput:
        """The input's date and outlet from its rule, and the outlet names the clean stage maps to."""
        where = item.hints.get("container") or item.source      # a JSON Lines record or WARC record: its file
        dated, named = self.rule_for(where, "published"), self.rule_for(where, "outlet")
        if dated:
            item.hints["published_given"] = dated.published
        if named:
            item.hints["outlet_given"] = named.outlet
        if self.outlets:
            item.hints["outlet_names"] = self.outlets
            if isinstance(item.hints.get("outlet"), str):
                item.hints["outlet"] = self.outlet_name(item.hints["outlet"])
        return item

    def unused(self) -> list[SourceRule]:
        """The command line's --published rules that matched no input (marsad.toml's rules are for every run, and
        most runs are of other inputs)."""
        return [r for r in self.sources if not r.used and r.origin.startswith("--published")]

    def outlet_name(self, outlet: str) -> str:
        return self.outlets.get(alias_key(outlet), outlet)


def load(explicit: str | None, db: str | None = None) -> Config:
    """The configuration in force: `explicit` (which must exist), else marsad.toml beside the database."""
    if explicit:
        path = Path(explicit)
        if not path.is_file():
            raise ConfigError(f"no configuration file at {explicit}")
    else:
        beside = Path(db).parent if db and "://" not in db else Path(".")
        path = beside / FILE_NAME
        if not path.is_file():
            return Config()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: not valid TOML: {exc}") from None
    return parse(data, path)


def _unknown(keys, allowed: set[str], where: str) -> None:
    wrong = sorted(set(keys) - allowed)
    if wrong:
        raise ConfigError(f"{where}: unknown {', '.join(wrong)}; the keys there are {', '.join(sorted(allowed))}")


def parse(data: dict, path: Path | None = None) -> Config:
    where = str(path or FILE_NAME)
    _unknown(data, SECTIONS, where)
    cfg = Config(path=path)
    for name, aliases in (data.get("outlets") or {}).items():
        aliases = [aliases] if isinstance(aliases, str) else aliases
        if not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
            raise ConfigError(f"{where} [outlets]: {name!r} takes a list of codes or host names")
        for alias in [name, *aliases]:
            cfg.outlets[alias_key(alias)] = name
    defaults = data.get("defaults") or {}
    _unknown(defaults, DEFAULTS, f"{where} [defaults]")
    for key in ("workers", "limit"):
        if key in defaults and (not isinstance(defaults[key], int) or defaults[key] < 1):
            raise ConfigError(f"{where} [defaults]: {key} must be a whole number from 1, got {defaults[key]!r}")
    cfg.defaults = dict(defaults)
    for i, rule in enumerate(data.get("sources") or [], 1):
        cfg.sources.append(_rule(rule, f"{where} [[sources]] number {i}"))
    return cfg


def _rule(rule: dict, where: str) -> SourceRule:
    _unknown(rule, RULE_KEYS, where)
    if not isinstance(rule.get("match"), str):
        raise ConfigError(f"{where}: match must be a glob such as \"dumps/*.jsonl\"")
    fields = None
    if "fields" in rule:
        _unknown(rule["fields"], set(DEFAULT_FIELDS), f"{where} fields")
        fields = {k: tuple(v) if isinstance(v, list) else (v,) for k, v in rule["fields"].items()}
    published = rule.get("published")
    if isinstance(published, str):
        try:
            published = dt.date.fromisoformat(published)
        except ValueError:
            raise ConfigError(f"{where}: published must be a date (YYYY-MM-DD), got {published!r}") from None
    elif isinstance(published, dt.datetime):
        published = published.date()
    elif published is not None and not isinstance(published, dt.date):
        raise ConfigError(f"{where}: published must be a date (YYYY-MM-DD), got {published!r}")
    return SourceRule(rule["match"], fields, published, rule.get("outlet"), origin=f"{where} match = {rule['match']!r}")


def published_rules(values: list[str] | None) -> list[SourceRule]:
    """`--published 2020-01-14` (every input) or `--published 'seeds/*=2020-01-14'` (the inputs that match),
    as many as needed; the first that matches an input gives its date."""
    rules = []
    for value in values or []:
        match, _, day = value.rpartition("=")
        try:
            date = dt.date.fromisoformat(day.strip())
        except ValueError:
            raise ConfigError(f"--published expects YYYY-MM-DD or GLOB=YYYY-MM-DD, got {value!r}") from None
        rules.append(SourceRule(match.strip() or "*", published=date, origin=f"--published {value}"))
    return rules
