"""Load and validate config/*.yaml into frozen models. Pure given the texts and the environment.

Every problem becomes one line naming the file, the entry and the field::

    config: rules.yaml: rules[1] (id=goita-meets-putin): actors.all: unknown actor 'vladimir-poutine'

`${NAME}` in any string value is replaced from the environment, so secrets (webhook URLs,
tokens) stay out of the files; such values are never logged (see ``Secret``).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date
from functools import cached_property
from pathlib import Path
from typing import Annotated, Any, Literal

import yaml
from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationError,
    model_validator,
)

from monitor.errors import ConfigError
from monitor.settings import parse_duration

FILES = ("feeds.yaml", "watchlist.yaml", "rules.yaml")
SLUG = r"^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$"
_ENV_REF = re.compile(r"\$\{([A-Za-z_][A-Za-z0-9_]*)\}")


def _interval(value: Any) -> float:
    seconds = parse_duration(value)
    if not 10 <= seconds <= 86400:
        raise ValueError(f"{value!r} is outside 10s .. 24h")
    return seconds


def _http_url(value: str) -> str:
    if not re.match(r"^https?://[^\s/]+", value, re.IGNORECASE):
        raise ValueError(f"{value!r} is not an http or https URL")
    return value


def _non_blank(value: str) -> str:
    if not value.strip():
        raise ValueError("must not be blank")
    return value.strip()


Slug = Annotated[str, Field(pattern=SLUG)]
Text = Annotated[str, AfterValidator(_non_blank)]
Interval = Annotated[float, BeforeValidator(_interval)]


class Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True)


# --- feeds.yaml ---------------------------------------------------------------------------
class Feed(Frozen):
    id: Slug
    url: Annotated[str, AfterValidator(_http_url)]
    name: str | None = None
    language: str | None = None
    interval: Interval = 300.0
    fulltext: bool = False  # fetch each new entry's page and extract its main text


# --- watchlist.yaml -----------------------------------------------------------------------
class Role(Frozen):
    """A title that names whoever holds it: "le Président de la Transition" is Assimi Goïta
    from 2021-05-24 and Bah N'Daw before. ``since`` is inclusive, ``until`` exclusive."""

    name: Text
    since: date | None = None
    until: date | None = None

    def held_on(self, when: date | None) -> bool:
        """Whether the role is held on ``when``; with no date, whether it is held still."""
        if when is None:
            return self.until is None
        return (self.since is None or self.since <= when) and (self.until is None or when < self.until)


_QUALIFIER = re.compile(r"\s*\([^()]*\)\s*$")


class Actor(Frozen):
    id: Slug
    name: Text
    type: Literal["person", "organization", "place", "group"]
    aliases: tuple[Text, ...] = ()
    roles: tuple[Role, ...] = ()  # person only in practice; matched on the article's date

    @cached_property
    def surface_forms(self) -> tuple[str, ...]:
        """The name and aliases, each also without a bracketed qualifier the watchlist adds to
        tell namesakes apart: "Special Forces Group (Guinea)" is written « Groupement des
        forces spéciales »."""
        forms = (self.name, *self.aliases)
        bare = (_QUALIFIER.sub("", form) for form in forms)
        return tuple(dict.fromkeys((*forms, *(form for form in bare if form))))


class Keyword(Frozen):
    id: Slug
    name: str | None = None
    terms: Annotated[tuple[Text, ...], Field(min_length=1)]


class Watchlist(Frozen):
    actors: tuple[Actor, ...] = ()
    keywords: tuple[Keyword, ...] = ()


# --- rules.yaml ---------------------------------------------------------------------------
class ConsoleSink(Frozen):
    id: Slug
    type: Literal["console"]


class FileSink(Frozen):
    id: Slug
    type: Literal["file"]
    path: Text = "alerts.jsonl"


class KafkaSink(Frozen):
    id: Slug
    type: Literal["kafka"]
    topic: Text = "monitor.alerts"


Sink = Annotated[ConsoleSink | FileSink | KafkaSink, Field(discriminator="type")]


class Near(Frozen):
    """Two ids of the condition's kind mentioned with at most ``words`` words between them."""

    ids: tuple[Slug, Slug]
    words: Annotated[int, Field(ge=1, le=10_000)]


class Condition(Frozen):
    """Watchlist ids: at least one of ``any``, all of ``all``, none of ``none``, and ``near``.
    An id is found when mentioned at least ``min_count`` times outside page furniture, in the
    title only with ``title_only`` (evaluated by ``alerts.rules.holds``)."""

    any: tuple[Slug, ...] = ()
    all: tuple[Slug, ...] = ()
    none: tuple[Slug, ...] = ()
    near: Near | None = None
    title_only: bool = False
    min_count: Annotated[int, Field(ge=1, le=10_000)] = 1

    def ids(self) -> tuple[str, ...]:
        return (*self.any, *self.all, *self.none, *(self.near.ids if self.near else ()))


class Rule(Frozen):
    id: Slug
    actors: Condition | None = None
    keywords: Condition | None = None
    severity: Literal["low", "medium", "high"] = "medium"
    sinks: tuple[Slug, ...] | None = None

    @model_validator(mode="after")
    def _has_a_condition(self) -> Rule:
        if not any(c and (c.any or c.all or c.near) for c in (self.actors, self.keywords)):
            raise ValueError("needs an actors or keywords condition with 'any', 'all' or 'near'")
        return self


class Rules(Frozen):
    sinks: tuple[Sink, ...] = ()
    rules: tuple[Rule, ...] = ()


class FeedList(Frozen):
    feeds: tuple[Feed, ...] = ()


class Catalog(Frozen):
    """Everything the config directory says, cross-checked."""

    feeds: tuple[Feed, ...]
    watchlist: Watchlist
    sinks: tuple[Sink, ...]
    rules: tuple[Rule, ...]

    def sinks_for(self, rule: Rule) -> tuple[Sink, ...]:
        if rule.sinks is None:
            return self.sinks
        return tuple(s for s in self.sinks if s.id in rule.sinks)

    def summary(self) -> dict[str, int]:
        return {
            "feeds": len(self.feeds),
            "actors": len(self.watchlist.actors),
            "keywords": len(self.watchlist.keywords),
            "rules": len(self.rules),
            "sinks": len(self.sinks),
        }


# --- loading ------------------------------------------------------------------------------
def _substitute(value: Any, env: Mapping[str, str], where: list[str], problems: list[str]) -> Any:
    if isinstance(value, str):
        def lookup(match: re.Match[str]) -> str:
            name = match.group(1)
            if name not in env:
                problems.append(f"{'.'.join(where).replace('.[', '[')}: environment variable {name} is not set")
                return match.group(0)  # keep the reference: one problem, not a second derived one
            return env[name]

        return _ENV_REF.sub(lookup, value)
    if isinstance(value, dict):
        return {k: _substitute(v, env, [*where, str(k)], problems) for k, v in value.items()}
    if isinstance(value, list):
        return [_substitute(v, env, [*where, f"[{i}]"], problems) for i, v in enumerate(value)]
    return value


def _entry_label(data: Any, loc: tuple[Any, ...]) -> tuple[str, str]:
    """('rules[1] (id=x)', 'actors.all') from a pydantic error location."""
    entry, field_parts, node = "", [], data
    for i, part in enumerate(loc):
        if isinstance(part, int):
            entry_id = node[part].get("id") if isinstance(node, list) and part < len(node) and isinstance(node[part], dict) else None
            prefix = ".".join(str(p) for p in loc[:i])
            entry = f"{prefix}[{part}]" + (f" (id={entry_id})" if entry_id else "")
            field_parts = []
        elif part not in ("console", "file", "kafka", "function-after[_has_a_condition()]"):
            field_parts.append(str(part))
        node = node[part] if isinstance(node, (dict, list)) and _has(node, part) else None
    return entry, ".".join(field_parts)


def _has(node: Any, key: Any) -> bool:
    return (isinstance(node, dict) and key in node) or (isinstance(node, list) and isinstance(key, int) and key < len(node))


def _validate(model: type[BaseModel], filename: str, text: str, env: Mapping[str, str], problems: list[str]) -> Any:
    try:
        data = yaml.safe_load(text) if text.strip() else {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}, column {mark.column + 1}: " if mark else ""
        problems.append(f"{filename}: {where}invalid YAML ({getattr(exc, 'problem', None) or exc})")
        return None
    if data is None:
        data = {}
    if not isinstance(data, dict):
        problems.append(f"{filename}: expected a mapping at the top, found {type(data).__name__}")
        return None
    local: list[str] = []
    data = _substitute(data, env, [], local)
    problems.extend(f"{filename}: {p}" for p in local)
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        for error in exc.errors():
            entry, field_name = _entry_label(data, error["loc"])
            message = error["msg"].removeprefix("Value error, ")
            if error["type"] == "extra_forbidden":
                message = "unknown field (typo?)"
            elif error["type"] == "literal_error":
                message = f"{error.get('input')!r} is not allowed; {message.lower()}"
            elif error["type"] == "union_tag_invalid":
                field_name = "type"
                message = f"unknown sink type {error.get('ctx', {}).get('tag')!r}; expected console, file or kafka"
            elif error["type"] == "string_pattern_mismatch":
                message = f"{error.get('input')!r} is not a slug (lower-case letters, digits, '-')"
            parts = [p for p in (entry, field_name) if p]
            problems.append(f"{filename}: {': '.join(parts)}: {message}" if parts else f"{filename}: {message}")
        return None


def _check_unique(filename: str, section: str, items: tuple[Any, ...], problems: list[str]) -> None:
    seen: dict[str, int] = {}
    for index, item in enumerate(items):
        if item.id in seen:
            problems.append(f"{filename}: {section}[{index}] (id={item.id}): id: duplicate of {section}[{seen[item.id]}]")
        seen.setdefault(item.id, index)


def parse_catalog(texts: Mapping[str, str], env: Mapping[str, str] | None = None) -> Catalog:
    """Validate the three files' texts; raise ConfigError listing every problem at once."""
    env = env or {}
    problems: list[str] = []
    feeds = _validate(FeedList, "feeds.yaml", texts.get("feeds.yaml", ""), env, problems)
    watchlist = _validate(Watchlist, "watchlist.yaml", texts.get("watchlist.yaml", ""), env, problems)
    rules = _validate(Rules, "rules.yaml", texts.get("rules.yaml", ""), env, problems)
    if feeds:
        _check_unique("feeds.yaml", "feeds", feeds.feeds, problems)
    if watchlist:
        _check_unique("watchlist.yaml", "actors", watchlist.actors, problems)
        _check_unique("watchlist.yaml", "keywords", watchlist.keywords, problems)
    if rules:
        _check_unique("rules.yaml", "sinks", rules.sinks, problems)
        _check_unique("rules.yaml", "rules", rules.rules, problems)
    if watchlist and rules:
        known = {
            "actors": {a.id for a in watchlist.actors},
            "keywords": {k.id for k in watchlist.keywords},
        }
        sink_ids = {s.id for s in rules.sinks}
        for index, rule in enumerate(rules.rules):
            label = f"rules.yaml: rules[{index}] (id={rule.id})"
            for kind in ("actors", "keywords"):
                condition = getattr(rule, kind)
                for mode in ("any", "all", "none", "near"):
                    refs = getattr(condition, mode) if condition else ()
                    for ref in (refs.ids if isinstance(refs, Near) else refs or ()):
                        if ref not in known[kind]:
                            problems.append(f"{label}: {kind}.{mode}: unknown {kind[:-1]} {ref!r} (not in watchlist.yaml)")
            for ref in rule.sinks or ():
                if ref not in sink_ids:
                    problems.append(f"{label}: sinks: unknown sink {ref!r} (not in rules.yaml sinks)")
    if problems:
        raise ConfigError(problems)
    return Catalog(feeds=feeds.feeds, watchlist=watchlist, sinks=rules.sinks, rules=rules.rules)


def read_texts(config_dir: Path) -> dict[str, str]:
    """The three files' texts; a missing file is a problem only if the directory is missing."""
    if not config_dir.is_dir():
        raise ConfigError(f"{config_dir}: not a directory (set --config or MONITOR_CONFIG)")
    texts: dict[str, str] = {}
    problems: list[str] = []
    for name in FILES:
        path = config_dir / name
        try:
            texts[name] = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            texts[name] = ""
        except (OSError, UnicodeDecodeError) as exc:
            problems.append(f"{name}: cannot read ({exc.__class__.__name__}: {exc})")
    if problems:
        raise ConfigError(problems)
    return texts


def load_catalog(config_dir: Path, env: Mapping[str, str] | None = None) -> Catalog:
    return parse_catalog(read_texts(config_dir), env)


def load_watchlist(path: Path) -> Watchlist:
    """A watchlist file on its own (for `analyze --watchlist FILE`)."""
    problems: list[str] = []
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read ({exc.strerror or exc})") from None
    watchlist = _validate(Watchlist, path.name, text, {}, problems)
    if problems:
        raise ConfigError(problems)
    return watchlist


__all__ = ["Actor", "Role", "Catalog", "Condition", "Feed", "Keyword", "Rule", "Sink", "Watchlist", "load_catalog", "parse_catalog"]
