"""deploy/: the Prometheus config and alerting rules pass promtool, and the Grafana dashboard
queries only metrics the workers export."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy"
DASHBOARDS = DEPLOY / "grafana" / "dashboards"
ALLOWED_PREFIXES = ("monitor_", "process_", "python_")

_NOT_METRICS = {
    # aggregations, keywords and modifiers of PromQL (functions are recognised by their '(')
    "by", "without", "on", "ignoring", "group_left", "group_right", "bool", "and", "or", "unless",
    "offset", "inf", "nan", "Inf", "NaN",
}


def promtool(*args: str) -> subprocess.CompletedProcess[str]:
    exe = shutil.which("promtool")
    if exe is None:
        pytest.skip("promtool is not on PATH (Debian/Ubuntu: apt-get install prometheus)")
    return subprocess.run([exe, *args], cwd=ROOT, capture_output=True, text=True, timeout=60)


def metric_names(expr: str) -> set[str]:
    """The metric names a PromQL (or Grafana label_values) expression selects."""
    expr = re.sub(r'"(?:[^"\\]|\\.)*"', '""', expr)                       # string literals
    expr = re.sub(r"label_values\(\s*([^,()]*?)\s*,\s*\w+\s*\)", r"\1", expr)  # Grafana variable query
    expr = re.sub(r"\{[^}]*\}", "", expr)                                # label matchers
    expr = re.sub(r"\[[^\]]*\]", "", expr)                               # range and subquery windows
    expr = re.sub(r"\b(?:by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)", "", expr)
    expr = re.sub(r"\$\{?\w+\}?", "", expr)                               # Grafana variables
    names = set()
    for match in re.finditer(r"(?<![\w.])[A-Za-z_:][A-Za-z0-9_:]*", expr):
        if expr[match.end():].lstrip().startswith("("):                   # a function call
            continue
        if match.group(0) not in _NOT_METRICS:
            names.add(match.group(0))
    return names


def queries(node: Any) -> list[str]:
    """Every PromQL text in a dashboard: panel targets' `expr` and templating queries."""
    found: list[str] = []
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "expr" and isinstance(value, str):
                found.append(value)
            elif key == "query" and isinstance(value, str):
                found.append(value)
            elif key == "query" and isinstance(value, dict) and isinstance(value.get("query"), str):
                found.append(value["query"])
            else:
                found.extend(queries(value))
    elif isinstance(node, list):
        for item in node:
            found.extend(queries(item))
    return found


def dashboard_files() -> list[Path]:
    return sorted(DASHBOARDS.glob("*.json"))


def test_promtool_check_rules() -> None:
    """promtool accepts deploy/prometheus/alerts.yml as valid alerting rules."""
    result = promtool("check", "rules", "deploy/prometheus/alerts.yml")
    assert result.returncode == 0, result.stdout + result.stderr


def test_promtool_rule_unit_tests() -> None:
    """Every alert fires on the synthetic series in alerts.test.yml exactly when and as expected."""
    result = promtool("test", "rules", "deploy/prometheus/alerts.test.yml")
    assert result.returncode == 0, result.stdout + result.stderr


def test_promtool_check_config() -> None:
    """promtool accepts deploy/prometheus/prometheus.yml, including the rule file it loads."""
    result = promtool("check", "config", "deploy/prometheus/prometheus.yml")
    assert result.returncode == 0, result.stdout + result.stderr


def test_metric_name_extraction() -> None:
    """The PromQL scanner finds selected metrics and ignores functions, labels, windows and variables."""
    expr = (
        'histogram_quantile(0.95, sum by (le) (rate(monitor_x_bucket{job="a", le=~"1e3"}[$__rate_interval])))'
        ' / on(instance) group_left up * 1e3 + label_values(process_start_time_seconds{job="m"}, instance)'
    )
    assert metric_names(expr) == {"monitor_x_bucket", "up", "process_start_time_seconds"}


@pytest.mark.parametrize("path", dashboard_files(), ids=lambda p: p.name)
def test_dashboard_queries_only_our_metrics(path: Path) -> None:
    """The dashboard is valid JSON and queries only monitor_* or standard process_/python_ metrics."""
    dashboard = json.loads(path.read_text(encoding="utf-8"))
    exprs = queries(dashboard)
    assert exprs, f"{path.name}: no queries found"
    names = set().union(*(metric_names(e) for e in exprs))
    assert names, f"{path.name}: no metric names found"
    foreign = sorted(n for n in names if not n.startswith(ALLOWED_PREFIXES))
    assert not foreign, f"{path.name} queries metrics we do not export: {foreign}"


def test_dashboards_exist_and_use_the_provisioned_datasource() -> None:
    """At least one dashboard ships, and every panel datasource uid is the one Grafana provisions."""
    provisioned = yaml.safe_load((DEPLOY / "grafana" / "provisioning" / "datasources" / "prometheus.yml").read_text())
    uids = {d["uid"] for d in provisioned["datasources"]}
    assert dashboard_files(), "no dashboard JSON in deploy/grafana/dashboards"
    for path in dashboard_files():
        dashboard = json.loads(path.read_text(encoding="utf-8"))
        for panel in dashboard["panels"]:
            datasource = panel.get("datasource")
            if isinstance(datasource, dict):
                assert datasource.get("uid") in uids, f"{path.name}: panel {panel.get('title')!r} uses {datasource}"


def test_alert_rules_query_only_our_metrics() -> None:
    """alerts.yml selects only monitor_* metrics and Prometheus' own `up`."""
    rules = yaml.safe_load((DEPLOY / "prometheus" / "alerts.yml").read_text(encoding="utf-8"))
    names = {n for group in rules["groups"] for rule in group["rules"] for n in metric_names(rule["expr"])}
    assert names and all(n.startswith("monitor_") or n == "up" for n in names), sorted(names)
