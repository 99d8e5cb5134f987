"""The yearly targets: the settings' level defaults, a unit's own values, and what is in force
(no database)."""

from __future__ import annotations

import unicodedata

import pytest

from domain.registry import Domain
from domain.targets import (
    DEFAULT_TARGETS,
    InForce,
    LevelTargets,
    OwnTargets,
    Source,
    effective_targets,
    parse_gathering,
    parse_model_count,
    parse_per_domain,
    parse_target_percent,
    parse_targets,
    parse_yes_no,
)


def test_the_default_and_what_people_type() -> None:
    assert parse_targets(DEFAULT_TARGETS) == {"branch": 1, "grassroots": 2}
    assert parse_targets(" branch = 3 , district=0,") == {"branch": 3, "district": 0}
    assert parse_targets("") == {}
    assert parse_targets("branch=1,branch=4") == {"branch": 4}


@pytest.mark.parametrize("text", ["ward=1", "branch", "branch=x", "branch=-1", "branch=1.5"])
def test_a_bad_part_is_named(text: str) -> None:
    with pytest.raises(ValueError, match="is not level=count"):
        parse_targets(text)


def test_yes_no_in_both_languages_any_case() -> None:
    for word in ["yes", "YES", "Có", "CÓ", "co", " có "]:
        assert parse_yes_no(word) is True
    for word in ["no", "No", "không", "KHÔNG", "khong"]:
        assert parse_yes_no(word) is False
    # NFD (as some phones type it) reads the same
    assert parse_yes_no(unicodedata.normalize("NFD", "Không")) is False
    with pytest.raises(ValueError, match="is not yes or no"):
        parse_yes_no("maybe")


@pytest.mark.parametrize(("text", "value"), [("0", 0), ("12", 12), (" 3 ", 3)])
def test_a_count(text: str, value: int) -> None:
    assert parse_model_count(text) == value


@pytest.mark.parametrize("text", ["-1", "1.5", "x", "", "²"])
def test_a_bad_count(text: str) -> None:
    with pytest.raises(ValueError):
        parse_model_count(text)


def test_a_percent() -> None:
    assert (
        parse_target_percent("80") == 80
        and parse_target_percent("100%") == 100
        and parse_target_percent("0") == 0
    )
    for text in ["101", "-5", "80.5", "tám mươi"]:
        with pytest.raises(ValueError):
            parse_target_percent(text)


def test_the_level_defaults_of_each_setting() -> None:
    assert parse_per_domain("grassroots=yes, branch=Không") == {"grassroots": True, "branch": False}
    assert parse_gathering("grassroots=80,district=100") == {"grassroots": 80, "district": 100}
    assert parse_per_domain("") == {} and parse_gathering("") == {}
    with pytest.raises(ValueError, match=r"is not level=yes\|no"):
        parse_per_domain("grassroots=maybe")
    with pytest.raises(ValueError, match="is not level=percent"):
        parse_gathering("grassroots=120")
    with pytest.raises(ValueError, match="is not level=percent"):
        parse_gathering("ward=80")


DEFAULTS = LevelTargets({"grassroots": 2, "branch": 1}, {"grassroots": True}, {"grassroots": 80})


def test_the_unit_s_own_value_wins_else_the_level_default_else_none() -> None:
    own = effective_targets("grassroots", OwnTargets(models=5, per_domain=False), DEFAULTS)
    assert own.models == InForce(5, Source.UNIT)
    assert own.per_domain == InForce(False, Source.UNIT)
    assert own.gathering_pct == InForce(80, Source.LEVEL)
    branch = effective_targets("branch", OwnTargets(), DEFAULTS)
    assert branch.models == InForce(1, Source.LEVEL)
    assert branch.per_domain == InForce(None, Source.NONE)
    assert branch.gathering_pct == InForce(None, Source.NONE)
    # an own target of 0 models is a value, not "no value": it overrides the level's 1
    zero = effective_targets("branch", OwnTargets(models=0), DEFAULTS)
    assert zero.models == InForce(0, Source.UNIT) and not zero.any
    province = effective_targets("province", OwnTargets(), DEFAULTS)
    assert not province.any and province.met(0, set())


def test_met_needs_the_count_and_when_asked_every_domain() -> None:
    targets = effective_targets("grassroots", OwnTargets(), DEFAULTS)
    assert targets.any and targets.each_domain
    assert targets.missing_models(1) == 1 and targets.missing_models(3) == 0
    covered = {Domain.ECONOMY.value, Domain.DEFENCE_SECURITY.value}
    assert targets.missing_domains(covered) == (Domain.CULTURE_SOCIETY, Domain.POLITICAL_SYSTEM)
    assert not targets.met(4, covered)
    assert targets.met(4, {d.value for d in Domain})
    assert not targets.met(1, {d.value for d in Domain})
    plain = effective_targets("branch", OwnTargets(), DEFAULTS)
    assert plain.missing_domains(set()) == () and plain.met(1, set())
